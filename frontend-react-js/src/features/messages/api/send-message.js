/**
 * POST /api/messages: `{ message, message_group_uuid }` to an existing
 * conversation or `{ message, handle }` to start one →
 * 201 { message_group_uuid, message }.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { showMessage } from './messages-cache';

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

/** Sends a message; it shows at once at the end of its open conversation. */
export function useSendMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: sendMessage,
    onSuccess: (result) =>
      showMessage(queryClient, result.message_group_uuid, result.message),
  });
}
