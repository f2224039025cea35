/** GET /api/activities/@<handle>/status/<uuid>: a crud and its replies, oldest first. */
import { api } from '@/lib/api-client';
import { useCursorList } from '@/hooks/use-cursor-list';

export function getActivity({ handle, uuid, cursor, limit, signal }) {
  return api.get(
    `/api/activities/@${encodeURIComponent(handle)}/status/${encodeURIComponent(uuid)}`,
    { params: { cursor, limit }, signal },
  );
}

/** The crud is the list's `extra.activity`; its items are the replies. */
export function useActivityThread(handle, uuid, viewer) {
  return useCursorList(`thread:${handle}:${uuid}:${viewer ?? ''}`, (page) =>
    getActivity({ handle, uuid, ...page }),
  );
}
