/**
 * New cruds on the home timeline, told by the live stream (`timeline`
 * events) but not shown until the person asks: the list they are reading
 * stays where it is, and a pill says how many are waiting.
 *
 * The waiting ones are kept in the query cache under a key of their own
 * (never fetched), each with the time it was told. A first page asked for
 * after that time already holds it, so the count is of those told since the
 * timeline was last read and not in it.
 */
import { skipToken, useQuery } from '@tanstack/react-query';
import { pageItems } from '@/lib/react-query';
import { HOME_KEY } from './get-home-activities';
import { findCachedCrud, removeCachedCrud } from './cruds-cache';

const newHomeCrudsKey = (viewer) => ['new-cruds', 'home', { viewer }];
const homeKey = (viewer) => [...HOME_KEY, { viewer }];

/**
 * A `timeline` event: counted when the person's home timeline is cached
 * without it. Otherwise it is either shown already or will be when home is
 * read.
 */
export function noteNewHomeCrud(queryClient, data, { viewer }) {
  const uuid = data?.uuid;
  if (!uuid || !viewer) return;
  const readAt = queryClient.getQueryData(homeKey(viewer))?.pages[0]
    ?.requestedAt;
  if (readAt === undefined || findCachedCrud(queryClient, uuid)) return;
  queryClient.setQueryData(newHomeCrudsKey(viewer), (waiting = []) => [
    // Those told before home was last read are in it, or gone.
    ...waiting.filter((crud) => crud.at >= readAt && crud.uuid !== uuid),
    { uuid, at: Date.now() },
  ]);
}

/** A `delete` event: the crud leaves every cached list, and the count. */
export function removeDeletedCrud(queryClient, data) {
  const uuid = data?.uuid;
  if (!uuid) return;
  removeCachedCrud(queryClient, uuid);
  queryClient.setQueriesData({ queryKey: ['new-cruds'] }, (waiting) =>
    waiting?.filter((crud) => crud.uuid !== uuid),
  );
}

/** How many new cruds wait above `feed` (the home timeline's query). */
export function useNewHomeCrudsCount({ viewer, feed }) {
  const { data: waiting = [] } = useQuery({
    queryKey: newHomeCrudsKey(viewer),
    queryFn: skipToken,
  });
  const readAt = feed.data?.pages[0]?.requestedAt;
  if (waiting.length === 0 || readAt === undefined) return 0;
  const shown = new Set(pageItems(feed.data).map((crud) => crud.uuid));
  return waiting.filter((crud) => crud.at >= readAt && !shown.has(crud.uuid))
    .length;
}
