/** GET /api/activities/notifications: replies, likes and reposts, newest first. */
import { useCallback, useState } from 'react';
import { api } from '@/lib/api-client';
import { useCursorList } from '@/hooks/use-cursor-list';
import { usePolling } from '@/hooks/use-polling';
import { useQuery } from '@/hooks/use-query';

export function getNotifications({ cursor, limit, signal } = {}) {
  return api.get('/api/activities/notifications', {
    params: { cursor, limit },
    signal,
  });
}

export function useNotifications(viewer) {
  return useCursorList(`notifications:${viewer}`, getNotifications);
}

const UNREAD_POLL_MS = 30_000;

/** The unread count for the navigation's badge, polled while the tab is visible. */
export function useUnreadCount(viewer) {
  const [override, setOverride] = useState(null);
  const query = useQuery(
    `unread:${viewer}`,
    ({ signal }) => getNotifications({ limit: 1, signal }),
    { enabled: Boolean(viewer) },
  );
  const { reload } = query;
  const poll = useCallback(() => {
    setOverride(null);
    reload();
  }, [reload]);
  usePolling(poll, UNREAD_POLL_MS, Boolean(viewer));
  const count = query.status === 'success' ? query.data.unread_count : 0;
  return { count: override ?? count, set: setOverride, reload: poll };
}
