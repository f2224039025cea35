/**
 * People in the query cache: the followers and following lists, the
 * suggestions (all under PEOPLE_KEY, items shaped as the API's Person) and
 * the profile at the top of a person's page (the first page's `profile` of
 * their cruds list). A follow changes a person wherever they show.
 */
import { CRUDS_KEY, PEOPLE_KEY, userCrudsKey } from '@/lib/query-keys';

export { PEOPLE_KEY };

function patchItems(page, handle, change) {
  return {
    ...page,
    items: page.items.map((person) =>
      person.handle === handle ? change(person) : person,
    ),
  };
}

/** Applies `change(person) → person` to the person with `handle` wherever they are cached. */
export function updateCachedPerson(queryClient, handle, change) {
  queryClient.setQueriesData({ queryKey: PEOPLE_KEY }, (data) => {
    if (!data) return data;
    if (!data.pages) return patchItems(data, handle, change);
    return {
      ...data,
      pages: data.pages.map((page) => patchItems(page, handle, change)),
    };
  });
  queryClient.setQueriesData({ queryKey: userCrudsKey(handle) }, (data) => {
    if (!data?.pages?.[0]?.profile) return data;
    const [first, ...rest] = data.pages;
    return {
      ...data,
      pages: [{ ...first, profile: change(first.profile) }, ...rest],
    };
  });
}

/** The person with `handle` as some cached list or profile shows them, if any does. */
export function findCachedPerson(queryClient, handle) {
  for (const [, data] of queryClient.getQueriesData({
    queryKey: userCrudsKey(handle),
  })) {
    const profile = data?.pages?.[0]?.profile;
    if (profile?.handle === handle) return profile;
  }
  for (const [, data] of queryClient.getQueriesData({ queryKey: PEOPLE_KEY })) {
    const pages = data?.pages ?? (data ? [data] : []);
    for (const page of pages) {
      const found = page.items?.find((person) => person.handle === handle);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Shows that the signed-in person (`me`, a handle) follows `handle` or not:
 * the flag and the followers count on them, and the following count on `me`
 * when the flag changed. `followersCount` is the API's figure; without it the
 * count moves by one.
 */
export function showFollowed(
  queryClient,
  { handle, me, followed, followersCount },
) {
  const before = findCachedPerson(queryClient, handle)?.followed_by_me;
  updateCachedPerson(queryClient, handle, (person) => {
    const flips = person.followed_by_me !== followed;
    if (!flips && followersCount === undefined) return person;
    return {
      ...person,
      followed_by_me: followed,
      followers_count:
        followersCount ??
        Math.max(0, (person.followers_count ?? 0) + (followed ? 1 : -1)),
    };
  });
  if (me && before !== undefined && before !== followed) {
    updateCachedPerson(queryClient, me, (person) => ({
      ...person,
      following_count: Math.max(
        0,
        (person.following_count ?? 0) + (followed ? 1 : -1),
      ),
    }));
  }
}

/**
 * Refetches of people lists and profiles still on their way were read before
 * this write: they are cancelled so their answer cannot put the old flag back.
 */
export function cancelPeopleRefetches(queryClient) {
  const refetch = (query) =>
    query.state.data !== undefined && !query.state.fetchMeta?.fetchMore;
  return Promise.all([
    queryClient.cancelQueries({ queryKey: PEOPLE_KEY, predicate: refetch }),
    queryClient.cancelQueries({ queryKey: CRUDS_KEY, predicate: refetch }),
  ]);
}
