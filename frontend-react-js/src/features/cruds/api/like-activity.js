/** POST / DELETE /api/activities/<uuid>/like → { liked, likes_count }. */
import { api } from '@/lib/api-client';

export function setLiked(activityUuid, liked) {
  const path = `/api/activities/${encodeURIComponent(activityUuid)}/like`;
  return liked ? api.post(path) : api.delete(path);
}
