/** GET /api/activities/notifications: follows, replies, likes and reposts, newest first. */
import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useQuery,
} from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { NOTIFICATIONS_KEY } from '@/lib/query-keys';
import { nextCursor } from '@/lib/react-query';
import { useStreamOpen } from '@/lib/stream/stream-context';

export function getNotifications({ cursor, limit, signal } = {}) {
  return api.get('/api/activities/notifications', {
    params: { cursor, limit },
    signal,
  });
}

export { NOTIFICATIONS_KEY };

export function getInfiniteNotificationsQueryOptions({ viewer }) {
  return infiniteQueryOptions({
    queryKey: [...NOTIFICATIONS_KEY, { viewer }],
    queryFn: ({ pageParam, signal }) =>
      getNotifications({ cursor: pageParam, signal }),
    initialPageParam: undefined,
    getNextPageParam: nextCursor,
  });
}

export function useInfiniteNotifications({ viewer }) {
  return useInfiniteQuery(getInfiniteNotificationsQueryOptions({ viewer }));
}

export const UNREAD_POLL_MS = 30_000;

/** The unread count's query, of any viewer (a prefix of its key). */
export const UNREAD_COUNT_KEY = [...NOTIFICATIONS_KEY, { limit: 1 }];

/**
 * The unread count for the navigation's badge (from the smallest page), polled
 * while the tab is visible and fetched again when it is shown; while the live
 * stream is `live` it says when the count changes, and nothing polls.
 */
export function getUnreadCountQueryOptions({ viewer, live = false }) {
  return queryOptions({
    queryKey: [...NOTIFICATIONS_KEY, { viewer, limit: 1 }],
    queryFn: ({ signal }) => getNotifications({ limit: 1, signal }),
    enabled: Boolean(viewer),
    refetchInterval: live ? false : UNREAD_POLL_MS,
    refetchOnWindowFocus: true,
    select: (page) => page.unread_count,
  });
}

export function useUnreadCount({ viewer }) {
  const live = useStreamOpen();
  return useQuery(getUnreadCountQueryOptions({ viewer, live }));
}
