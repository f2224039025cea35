/** GET /api/activities/home: live top-level cruds, newest first. */
import { api } from '@/lib/api-client';
import { useCursorList } from '@/hooks/use-cursor-list';

export function getHomeActivities({ cursor, limit, signal } = {}) {
  return api.get('/api/activities/home', { params: { cursor, limit }, signal });
}

/** The home feed for `viewer` (the signed-in user's uuid, or null). */
export function useHomeActivities(viewer) {
  return useCursorList(`home:${viewer ?? ''}`, getHomeActivities);
}
