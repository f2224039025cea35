/**
 * POST /api/messages: `{ message, message_group_uuid }` to an existing
 * conversation or `{ message, handle }` to start one →
 * 201 { message_group_uuid, message }.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { MESSAGES_KEY, mergeMessages } from './get-messages';

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
    onSuccess: async (result) => {
      const queryKey = [
        ...MESSAGES_KEY,
        { groupUuid: result.message_group_uuid },
      ];
      // A poll on its way was read before this message was written.
      await queryClient.cancelQueries({ queryKey });
      queryClient.setQueriesData({ queryKey }, (data) => {
        if (!data?.pages?.length) return data;
        const [newest, ...older] = data.pages;
        const items = mergeMessages(newest.items, [result.message]);
        return { ...data, pages: [{ ...newest, items }, ...older] };
      });
    },
  });
}
