/** GET /api/message_groups: the caller's conversations, most recent first. */
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { MESSAGE_GROUPS_KEY } from '@/lib/query-keys';
import { nextCursor } from '@/lib/react-query';

export function listMessageGroups({ cursor, limit, signal } = {}) {
  return api.get('/api/message_groups', { params: { cursor, limit }, signal });
}

export const groupId = (group) => group.message_group_uuid;

export function getInfiniteMessageGroupsQueryOptions({ viewer }) {
  return infiniteQueryOptions({
    queryKey: [...MESSAGE_GROUPS_KEY, { viewer }],
    queryFn: ({ pageParam, signal }) =>
      listMessageGroups({ cursor: pageParam, signal }),
    initialPageParam: undefined,
    getNextPageParam: nextCursor,
  });
}

export function useInfiniteMessageGroups({ viewer }) {
  return useInfiniteQuery(getInfiniteMessageGroupsQueryOptions({ viewer }));
}
