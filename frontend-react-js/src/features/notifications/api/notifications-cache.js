/** What a `notification` event from the live stream changes in the query cache. */
import { NOTIFICATIONS_KEY, UNREAD_COUNT_KEY } from './get-notifications';

const isUnreadCount = (query) => query.queryKey[1]?.limit === 1;

/**
 * The badge shows the pushed count at once; a list of notifications on
 * screen is read again to show the new one (the others are stale).
 */
export function showUnreadCount(queryClient, data) {
  const unread = data?.unread_count;
  if (!Number.isInteger(unread)) return;
  queryClient.setQueriesData(
    { queryKey: UNREAD_COUNT_KEY },
    (page) => page && { ...page, unread_count: unread },
  );
  queryClient.invalidateQueries({
    queryKey: NOTIFICATIONS_KEY,
    predicate: (query) => !isUnreadCount(query),
  });
}
