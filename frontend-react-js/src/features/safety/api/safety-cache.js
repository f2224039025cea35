/**
 * What a block or a mute changes in the query cache at once, before the
 * lists are read again: the person's cruds and reposts leave the cached
 * timelines, and their profile shows the new state.
 */
import {
  BLOCKS_KEY,
  CRUDS_KEY,
  HOME_KEY,
  MESSAGE_GROUPS_KEY,
  MUTES_KEY,
  NOTIFICATIONS_KEY,
  PEOPLE_KEY,
  userCrudsKey,
} from '@/lib/query-keys';

// The timelines and searches a mute hides someone from; a block hides them
// from every list of cruds.
const MUTED_FROM = [
  HOME_KEY,
  [...CRUDS_KEY, 'public'],
  [...CRUDS_KEY, 'search'],
];

const isBy = (handle) => (item) =>
  item.handle === handle || item.reposted_by?.handle === handle;

function withoutPerson(data, handle) {
  if (!data?.pages) return data;
  const by = isBy(handle);
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      items: page.items.filter((item) => !by(item)),
    })),
  };
}

function hideFrom(queryClient, queryKey, handle) {
  queryClient.setQueriesData({ queryKey }, (data) =>
    withoutPerson(data, handle),
  );
}

/** Sets fields of the profile at the top of `handle`'s page, where it is cached. */
export function patchCachedProfile(queryClient, handle, patch) {
  queryClient.setQueriesData({ queryKey: userCrudsKey(handle) }, (data) => {
    if (!data?.pages?.[0]?.profile) return data;
    const [first, ...rest] = data.pages;
    return {
      ...data,
      pages: [{ ...first, profile: { ...first.profile, ...patch } }, ...rest],
    };
  });
}

/** Everything that shows people or their cruds is read again. */
function readAgain(queryClient) {
  for (const queryKey of [
    CRUDS_KEY,
    NOTIFICATIONS_KEY,
    PEOPLE_KEY,
    MESSAGE_GROUPS_KEY,
  ]) {
    queryClient.invalidateQueries({ queryKey });
  }
}

export async function showBlocked(queryClient, handle, blocking) {
  await queryClient.cancelQueries({ queryKey: CRUDS_KEY });
  if (blocking) {
    // Their own page keeps its profile (saying they are blocked), not their cruds.
    queryClient.setQueriesData({ queryKey: CRUDS_KEY }, (data) => {
      if (!data?.pages) return data;
      const first = data.pages[0];
      if (first?.profile?.handle === handle) {
        return { ...data, pages: [{ ...first, items: [], next_cursor: null }] };
      }
      return withoutPerson(data, handle);
    });
    // A page of one of their cruds loads again, and finds nothing.
    queryClient.resetQueries({
      queryKey: CRUDS_KEY,
      predicate: (query) =>
        query.state.data?.pages?.[0]?.activity?.handle === handle,
    });
    patchCachedProfile(queryClient, handle, {
      blocking: true,
      followed_by_me: false,
      follows_me: false,
    });
  } else {
    patchCachedProfile(queryClient, handle, { blocking: false });
  }
  queryClient.invalidateQueries({ queryKey: BLOCKS_KEY });
  readAgain(queryClient);
}

export async function showMuted(queryClient, handle, { muting, muted_until }) {
  await queryClient.cancelQueries({ queryKey: CRUDS_KEY });
  if (muting) {
    for (const queryKey of MUTED_FROM) hideFrom(queryClient, queryKey, handle);
  }
  patchCachedProfile(queryClient, handle, { muting, muted_until });
  queryClient.invalidateQueries({ queryKey: MUTES_KEY });
  readAgain(queryClient);
}

/** Takes `handle` out of the cached pages of a people list (Settings' lists). */
export function removeFromList(queryClient, queryKey, handle) {
  queryClient.setQueriesData({ queryKey }, (data) => {
    if (!data?.pages) return data;
    return {
      ...data,
      pages: data.pages.map((page) => ({
        ...page,
        items: page.items.filter((person) => person.handle !== handle),
      })),
    };
  });
}
