/** GET /api/activities/public: everyone's live top-level cruds, newest first. */
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { nextCursor } from '@/lib/react-query';
import { CRUDS_KEY } from './cruds-cache';

export function getPublicActivities({ cursor, limit, signal } = {}) {
  return api.get('/api/activities/public', {
    params: { cursor, limit },
    signal,
  });
}

export const PUBLIC_KEY = [...CRUDS_KEY, 'public'];

/** Everyone's cruds as `viewer` (a uuid, or null) sees them, page by page. */
export function getInfinitePublicActivitiesQueryOptions({ viewer }) {
  return infiniteQueryOptions({
    queryKey: [...PUBLIC_KEY, { viewer }],
    queryFn: ({ pageParam, signal }) =>
      getPublicActivities({ cursor: pageParam, signal }),
    initialPageParam: undefined,
    getNextPageParam: nextCursor,
  });
}

export function useInfinitePublicActivities({ viewer }) {
  return useInfiniteQuery(getInfinitePublicActivitiesQueryOptions({ viewer }));
}
