/** GET /api/activities/@<handle>: a person's profile and live cruds. */
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { nextCursor } from '@/lib/react-query';
import { CRUDS_KEY } from './cruds-cache';

export function getUserActivities({ handle, cursor, limit, signal }) {
  return api.get(`/api/activities/@${encodeURIComponent(handle)}`, {
    params: { cursor, limit },
    signal,
  });
}

/** The profile is the first page's `profile`; the pages' items are the cruds. */
export function getInfiniteUserActivitiesQueryOptions({ handle, viewer }) {
  return infiniteQueryOptions({
    queryKey: [...CRUDS_KEY, 'user', { handle, viewer }],
    queryFn: ({ pageParam, signal }) =>
      getUserActivities({ handle, cursor: pageParam, signal }),
    initialPageParam: undefined,
    getNextPageParam: nextCursor,
  });
}

export function useInfiniteUserActivities({ handle, viewer }) {
  return useInfiniteQuery(
    getInfiniteUserActivitiesQueryOptions({ handle, viewer }),
  );
}
