/** GET /api/users/@<handle>/followers: the people who follow a person, newest follow first. */
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { nextCursor } from '@/lib/react-query';
import { PEOPLE_KEY } from './people-cache';

export function getFollowers({ handle, cursor, limit, signal }) {
  return api.get(`/api/users/@${encodeURIComponent(handle)}/followers`, {
    params: { cursor, limit },
    signal,
  });
}

export function getInfiniteFollowersQueryOptions({ handle, viewer }) {
  return infiniteQueryOptions({
    queryKey: [...PEOPLE_KEY, 'followers', { handle, viewer }],
    queryFn: ({ pageParam, signal }) =>
      getFollowers({ handle, cursor: pageParam, signal }),
    initialPageParam: undefined,
    getNextPageParam: nextCursor,
  });
}

export function useInfiniteFollowers({ handle, viewer }) {
  return useInfiniteQuery(getInfiniteFollowersQueryOptions({ handle, viewer }));
}
