/** DELETE /api/activities/<uuid>: the author deletes a crud (204, no body). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { NOTIFICATIONS_KEY, userCrudsKey } from '@/lib/query-keys';
import { cancelCrudRefetches, removeCachedCrud } from './cruds-cache';

export function deleteActivity(uuid) {
  return api.delete(`/api/activities/${encodeURIComponent(uuid)}`);
}

/**
 * `mutate(activity)` deletes the crud; once the API agrees it leaves every
 * cached list at once. `onDeleted(activity)` runs first, so a page showing
 * the crud itself can move away before its data goes.
 */
export function useDeleteActivity({ onDeleted } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (activity) => deleteActivity(activity.uuid),
    onSuccess: async (_answer, activity) => {
      onDeleted?.(activity);
      await cancelCrudRefetches(queryClient);
      removeCachedCrud(queryClient, activity.uuid);
      queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
      // Its author's count of live cruds is read again.
      queryClient.invalidateQueries({
        queryKey: userCrudsKey(activity.handle),
        refetchType: 'none',
      });
    },
  });
}
