/** POST / DELETE /api/activities/<uuid>/like → { liked, likes_count }. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { toggleMutationOptions } from './cruds-cache';

export function setLiked(activityUuid, liked) {
  const path = `/api/activities/${encodeURIComponent(activityUuid)}/like`;
  return liked ? api.post(path) : api.delete(path);
}

/** `mutate({ uuid, on })` likes a crud (or takes the like back) everywhere it shows. */
export function useSetLiked() {
  const queryClient = useQueryClient();
  return useMutation(
    toggleMutationOptions(queryClient, {
      send: setLiked,
      flag: 'liked',
      count: 'likes_count',
    }),
  );
}
