/** POST /api/activities/<uuid>/reply: reply to a live crud. */
import { api } from '@/lib/api-client';

export function createReply({ activityUuid, message, idempotencyKey }) {
  return api.post(
    `/api/activities/${encodeURIComponent(activityUuid)}/reply`,
    { message },
    { idempotencyKey },
  );
}
