/** POST / DELETE /api/activities/<uuid>/repost → { reposted, reposts_count }. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { toggleMutationOptions } from './cruds-cache';

export function setReposted(activityUuid, reposted) {
  const path = `/api/activities/${encodeURIComponent(activityUuid)}/repost`;
  return reposted ? api.post(path) : api.delete(path);
}

/** `mutate({ uuid, on })` reposts a crud (or takes the repost back) everywhere it shows. */
export function useSetReposted() {
  const queryClient = useQueryClient();
  return useMutation(
    toggleMutationOptions(queryClient, {
      send: setReposted,
      flag: 'reposted',
      count: 'reposts_count',
    }),
  );
}
