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
 * - NOTIFICATIONS_KEY, MESSAGE_GROUPS_KEY: the notifications and the
 *   conversations, read again when someone is blocked or muted.
 * - BLOCKS_KEY, MUTES_KEY: the people I blocked and muted (Settings).
 * - MODERATION_KEY: the report queue, each report and the audit log.
 */
export const CRUDS_KEY = ['cruds'];
export const HOME_KEY = [...CRUDS_KEY, 'home'];
export const PEOPLE_KEY = ['people'];

/** A person's cruds and profile, for any viewer (a prefix of the query's key). */
export function userCrudsKey(handle) {
  return [...CRUDS_KEY, 'user', { handle }];
}
export const NOTIFICATIONS_KEY = ['notifications'];
export const MESSAGE_GROUPS_KEY = ['message-groups'];
export const BLOCKS_KEY = ['blocks'];
export const MUTES_KEY = ['mutes'];
export const MODERATION_KEY = ['moderation'];
