/**
 * The cruds in the query cache. Every list of cruds (home, a profile, a
 * search, a thread) is cached under a key that starts with CRUDS_KEY, so a
 * change to one crud reaches every list and page that shows it. Each writer
 * changes only the fields it owns: a like never writes back a repost.
 */
import { CRUDS_KEY, userCrudsKey } from '@/lib/query-keys';

export { CRUDS_KEY };

function updatePage(page, update) {
  const next = { ...page, items: page.items.map(update) };
  if (page.activity) next.activity = update(page.activity);
  return next;
}

/** Applies `update(crud) → crud` to every cached crud. */
function updateCachedCruds(queryClient, update) {
  queryClient.setQueriesData({ queryKey: CRUDS_KEY }, (data) => {
    if (!data) return data;
    if (!data.pages) return updatePage(data, update);
    return {
      ...data,
      pages: data.pages.map((page) => updatePage(page, update)),
    };
  });
}

/**
 * Changes one crud wherever it is cached: `patch` is the fields to set, or a
 * function of the crud giving the crud to show.
 */
export function updateCachedCrud(queryClient, uuid, patch) {
  const change =
    typeof patch === 'function' ? patch : (c) => ({ ...c, ...patch });
  updateCachedCruds(queryClient, (crud) =>
    crud.uuid === uuid ? change(crud) : crud,
  );
}

/** Shows a person's new name and avatar on their cruds and their profile. */
export function showProfileInCache(queryClient, profile) {
  updateCachedCruds(queryClient, (crud) =>
    crud.handle === profile.handle
      ? {
          ...crud,
          display_name: profile.display_name,
          avatar_url: profile.avatar_url ?? crud.avatar_url,
        }
      : crud,
  );
  queryClient.setQueriesData(
    { queryKey: userCrudsKey(profile.handle) },
    (data) =>
      data && {
        ...data,
        pages: data.pages.map((page, index) =>
          index === 0
            ? { ...page, profile: { ...page.profile, ...profile } }
            : page,
        ),
      },
  );
}

/** Puts a new crud at the top of the first page of the lists matching `queryKey`. */
export function prependCachedCrud(queryClient, queryKey, crud) {
  queryClient.setQueriesData({ queryKey }, (data) => {
    if (!data?.pages?.length) return data;
    const [first, ...rest] = data.pages;
    const items = [crud, ...first.items.filter((c) => c.uuid !== crud.uuid)];
    return { ...data, pages: [{ ...first, items }, ...rest] };
  });
}

/**
 * Refetches of crud lists still on their way were read before this write:
 * they are cancelled so their answer cannot put the old values back. A first
 * load (nothing cached yet) and a next page are left alone.
 */
export function cancelCrudRefetches(queryClient) {
  return queryClient.cancelQueries({
    queryKey: CRUDS_KEY,
    predicate: (query) =>
      query.state.data !== undefined && !query.state.fetchMeta?.fetchMore,
  });
}

/**
 * Mutation options for a per-person toggle of a crud kept as a flag and its
 * count (liked/likes_count, reposted/reposts_count). The click shows at once;
 * a refusal takes back only this toggle; the API's answer (`{ [flag],
 * [count] }`) sets the two fields everywhere.
 */
export function toggleMutationOptions(queryClient, { send, flag, count }) {
  const toggled = (on) => (crud) =>
    crud[flag] === on
      ? crud
      : {
          ...crud,
          [flag]: on,
          [count]: Math.max(0, crud[count] + (on ? 1 : -1)),
        };
  return {
    mutationFn: ({ uuid, on }) => send(uuid, on),
    onMutate: async ({ uuid, on }) => {
      await cancelCrudRefetches(queryClient);
      updateCachedCrud(queryClient, uuid, toggled(on));
    },
    onError: (_error, { uuid, on }) =>
      updateCachedCrud(queryClient, uuid, toggled(!on)),
    onSuccess: (answer, { uuid }) =>
      updateCachedCrud(queryClient, uuid, {
        [flag]: answer[flag],
        [count]: answer[count],
      }),
  };
}

function withoutCrud(page, uuid) {
  return {
    ...page,
    items: page.items.filter(
      (item) => item.uuid !== uuid && item.reply_to_activity_uuid !== uuid,
    ),
  };
}

/** The crud `uuid` as some cached list or thread holds it, or null. */
export function findCachedCrud(queryClient, uuid) {
  for (const [, data] of queryClient.getQueriesData({ queryKey: CRUDS_KEY })) {
    for (const page of data?.pages ?? (data ? [data] : [])) {
      if (page.activity?.uuid === uuid) return page.activity;
      const found = page.items?.find((item) => item.uuid === uuid);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Takes a deleted crud (and the replies to it) out of every cached list, and
 * counts one reply fewer on its parent when it was a reply. The thread of
 * the crud itself is dropped: it is gone. Told twice (by the delete's answer
 * and by the live stream), the second time finds nothing and changes nothing.
 */
export function removeCachedCrud(queryClient, uuid) {
  const crud = findCachedCrud(queryClient, uuid);
  if (!crud) return;
  queryClient.removeQueries({
    queryKey: CRUDS_KEY,
    predicate: (query) => query.state.data?.pages?.[0]?.activity?.uuid === uuid,
  });
  queryClient.setQueriesData({ queryKey: CRUDS_KEY }, (data) => {
    if (!data) return data;
    if (!data.pages) return withoutCrud(data, uuid);
    return {
      ...data,
      pages: data.pages.map((page) => withoutCrud(page, uuid)),
    };
  });
  if (crud.reply_to_activity_uuid) {
    updateCachedCrud(queryClient, crud.reply_to_activity_uuid, (parent) => ({
      ...parent,
      replies_count: Math.max(0, parent.replies_count - 1),
    }));
  }
}
