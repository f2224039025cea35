/** GET /api/activities/home: live top-level cruds, newest first. */
import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useQuery,
} from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { nextCursor } from '@/lib/react-query';
import { CRUDS_KEY } from './cruds-cache';

export function getHomeActivities({ cursor, limit, signal } = {}) {
  return api.get('/api/activities/home', { params: { cursor, limit }, signal });
}

export const HOME_KEY = [...CRUDS_KEY, 'home'];

/** The home feed for `viewer` (the signed-in user's uuid, or null), page by page. */
export function getInfiniteHomeActivitiesQueryOptions({ viewer }) {
  return infiniteQueryOptions({
    queryKey: [...HOME_KEY, { viewer }],
    queryFn: ({ pageParam, signal }) =>
      getHomeActivities({ cursor: pageParam, signal }),
    initialPageParam: undefined,
    getNextPageParam: nextCursor,
  });
}

export function useInfiniteHomeActivities({ viewer }) {
  return useInfiniteQuery(getInfiniteHomeActivitiesQueryOptions({ viewer }));
}

/** The first `limit` cruds of the feed, whoever reads them. */
export function getLatestActivitiesQueryOptions({ limit }) {
  return queryOptions({
    queryKey: [...HOME_KEY, 'latest', { limit }],
    queryFn: ({ signal }) => getHomeActivities({ limit, signal }),
  });
}

export function useLatestActivities({ limit }) {
  return useQuery(getLatestActivitiesQueryOptions({ limit }));
}
