/** GET /api/blocks and GET /api/mutes: the people I blocked or muted, newest first. */
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { BLOCKS_KEY, MUTES_KEY } from '@/lib/query-keys';
import { nextCursor } from '@/lib/react-query';

export function getBlocks({ cursor, limit, signal } = {}) {
  return api.get('/api/blocks', { params: { cursor, limit }, signal });
}

export function getMutes({ cursor, limit, signal } = {}) {
  return api.get('/api/mutes', { params: { cursor, limit }, signal });
}

export function getInfiniteBlocksQueryOptions({ viewer }) {
  return infiniteQueryOptions({
    queryKey: [...BLOCKS_KEY, { viewer }],
    queryFn: ({ pageParam, signal }) =>
      getBlocks({ cursor: pageParam, signal }),
    initialPageParam: undefined,
    getNextPageParam: nextCursor,
  });
}

export function getInfiniteMutesQueryOptions({ viewer }) {
  return infiniteQueryOptions({
    queryKey: [...MUTES_KEY, { viewer }],
    queryFn: ({ pageParam, signal }) => getMutes({ cursor: pageParam, signal }),
    initialPageParam: undefined,
    getNextPageParam: nextCursor,
  });
}

export function useInfiniteBlocks({ viewer }) {
  return useInfiniteQuery(getInfiniteBlocksQueryOptions({ viewer }));
}

export function useInfiniteMutes({ viewer }) {
  return useInfiniteQuery(getInfiniteMutesQueryOptions({ viewer }));
}
