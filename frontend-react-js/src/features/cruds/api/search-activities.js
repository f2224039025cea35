/** GET /api/activities/search?term=: live cruds and replies matching a term. */
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { nextCursor } from '@/lib/react-query';
import { CRUDS_KEY } from './cruds-cache';

export function searchActivities({ term, cursor, limit, signal }) {
  return api.get('/api/activities/search', {
    params: { term, cursor, limit },
    signal,
  });
}

export function getInfiniteSearchActivitiesQueryOptions({ term, viewer }) {
  return infiniteQueryOptions({
    queryKey: [...CRUDS_KEY, 'search', { term, viewer }],
    queryFn: ({ pageParam, signal }) =>
      searchActivities({ term, cursor: pageParam, signal }),
    initialPageParam: undefined,
    getNextPageParam: nextCursor,
  });
}

export function useInfiniteSearchActivities({ term, viewer }) {
  return useInfiniteQuery(
    getInfiniteSearchActivitiesQueryOptions({ term, viewer }),
  );
}
