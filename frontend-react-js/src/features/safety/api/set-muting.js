/**
 * POST /api/users/@<handle>/mute { duration } → { muting, muted_until };
 * DELETE it to unmute. `duration` is '1-day', '7-days', '30-days' or null
 * (until undone).
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { MUTES_KEY } from '@/lib/query-keys';
import { removeFromList, showMuted } from './safety-cache';

export const MUTE_DURATIONS = Object.freeze([
  { value: '1-day', label: '1 day' },
  { value: '7-days', label: '7 days' },
  { value: '30-days', label: '30 days' },
  { value: null, label: 'Until I unmute' },
]);

export function setMuting(handle, { on, duration = null }) {
  const path = `/api/users/@${encodeURIComponent(handle)}/mute`;
  return on ? api.post(path, { duration }) : api.delete(path);
}

/** `mutate({ handle, on, duration })` mutes (or unmutes) someone. */
export function useSetMuting() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ handle, ...options }) => setMuting(handle, options),
    onSuccess: async (answer, { handle }) => {
      if (!answer.muting) removeFromList(queryClient, MUTES_KEY, handle);
      await showMuted(queryClient, handle, answer);
    },
  });
}
