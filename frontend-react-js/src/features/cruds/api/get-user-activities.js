/** GET /api/activities/@<handle>: a person's profile and live cruds. */
import { api } from '@/lib/api-client';
import { useCursorList } from '@/hooks/use-cursor-list';

export function getUserActivities({ handle, cursor, limit, signal }) {
  return api.get(`/api/activities/@${encodeURIComponent(handle)}`, {
    params: { cursor, limit },
    signal,
  });
}

/** The profile is the list's `extra.profile`; its items are the cruds. */
export function useUserActivities(handle, viewer) {
  return useCursorList(`user:${handle}:${viewer ?? ''}`, (page) =>
    getUserActivities({ handle, ...page }),
  );
}
