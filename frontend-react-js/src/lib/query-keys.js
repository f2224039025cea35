/**
 * The query cache's top-level keys, shared by the features that write to one
 * another's entries (a follow changes the profile at the top of a person's
 * cruds, and what the home timeline holds).
 *
 * - CRUDS_KEY: every list of cruds (home, everyone, a profile, a search, a
 *   thread); a person's page is `userCruds(handle)` and its first page
 *   carries their `profile`.
 * - HOME_KEY: the home timeline (following, when signed in).
 * - PEOPLE_KEY: lists of people (followers, following, suggestions), whose
 *   items are the API's Person.
 */
export const CRUDS_KEY = ['cruds'];
export const HOME_KEY = [...CRUDS_KEY, 'home'];
export const PEOPLE_KEY = ['people'];

/** A person's cruds and profile, for any viewer (a prefix of the query's key). */
export function userCrudsKey(handle) {
  return [...CRUDS_KEY, 'user', { handle }];
}
