/** POST / DELETE /api/activities/<uuid>/repost → { reposted, reposts_count }. */
import { api } from '@/lib/api-client';

export function setReposted(activityUuid, reposted) {
  const path = `/api/activities/${encodeURIComponent(activityUuid)}/repost`;
  return reposted ? api.post(path) : api.delete(path);
}
