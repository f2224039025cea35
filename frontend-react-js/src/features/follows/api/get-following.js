/** GET /api/users/@<handle>/following: the people a person follows, newest follow first. */
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { nextCursor } from '@/lib/react-query';
import { PEOPLE_KEY } from './people-cache';

export function getFollowing({ handle, cursor, limit, signal }) {
  return api.get(`/api/users/@${encodeURIComponent(handle)}/following`, {
    params: { cursor, limit },
    signal,
  });
}

export function getInfiniteFollowingQueryOptions({ handle, viewer }) {
  return infiniteQueryOptions({
    queryKey: [...PEOPLE_KEY, 'following', { handle, viewer }],
    queryFn: ({ pageParam, signal }) =>
      getFollowing({ handle, cursor: pageParam, signal }),
    initialPageParam: undefined,
    getNextPageParam: nextCursor,
  });
}

export function useInfiniteFollowing({ handle, viewer }) {
  return useInfiniteQuery(getInfiniteFollowingQueryOptions({ handle, viewer }));
}
