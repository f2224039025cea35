/**
 * POST /api/messages: `{ message, message_group_uuid }` to an existing
 * conversation or `{ message, handle }` to start one →
 * 201 { message_group_uuid, message }.
 */
import { api } from '@/lib/api-client';

export const MAX_MESSAGE_CHARS = 1024;

export function sendMessage({ message, groupUuid, handle, idempotencyKey }) {
  return api.post(
    '/api/messages',
    groupUuid
      ? { message, message_group_uuid: groupUuid }
      : { message, handle },
    { idempotencyKey },
  );
}
