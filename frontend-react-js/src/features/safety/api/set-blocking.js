/** POST / DELETE /api/users/@<handle>/block → { blocking }. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { BLOCKS_KEY } from '@/lib/query-keys';
import { removeFromList, showBlocked } from './safety-cache';

export function setBlocking(handle, blocking) {
  const path = `/api/users/@${encodeURIComponent(handle)}/block`;
  return blocking ? api.post(path) : api.delete(path);
}

/**
 * `mutate({ handle, on })` blocks (or unblocks) someone. A block takes their
 * cruds out of every cached list at once; then everything is read again.
 */
export function useSetBlocking() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ handle, on }) => setBlocking(handle, on),
    onSuccess: async (answer, { handle }) => {
      if (!answer.blocking) removeFromList(queryClient, BLOCKS_KEY, handle);
      await showBlocked(queryClient, handle, answer.blocking);
    },
  });
}
