/** GET /api/message_groups: the caller's conversations, most recent first. */
import { api } from '@/lib/api-client';
import { useCursorList } from '@/hooks/use-cursor-list';

export function listMessageGroups({ cursor, limit, signal } = {}) {
  return api.get('/api/message_groups', { params: { cursor, limit }, signal });
}

export function useMessageGroups(viewer) {
  return useCursorList(`message-groups:${viewer}`, listMessageGroups, {
    getId: (group) => group.message_group_uuid,
  });
}
