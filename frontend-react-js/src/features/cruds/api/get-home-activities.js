/**
 * GET /api/activities/home: for a signed-in person the following timeline
 * (their own cruds, those of the people they follow and what those people
 * reposted); for a visitor everyone's. Live top-level cruds, newest first.
 */
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { nextCursor } from '@/lib/react-query';
import { HOME_KEY } from '@/lib/query-keys';

export { HOME_KEY };

export function getHomeActivities({ cursor, limit, signal } = {}) {
  return api.get('/api/activities/home', { params: { cursor, limit }, signal });
}

/** The home feed for `viewer` (the signed-in user's uuid, or null), page by page. */
export function getInfiniteHomeActivitiesQueryOptions({ viewer }) {
  return infiniteQueryOptions({
    queryKey: [...HOME_KEY, { viewer }],
    // Each page notes when it was asked for: new cruds told before then
    // are in it (see new-home-cruds.js).
    queryFn: async ({ pageParam, signal }) => {
      const requestedAt = Date.now();
      const page = await getHomeActivities({ cursor: pageParam, signal });
      return { ...page, requestedAt };
    },
    initialPageParam: undefined,
    getNextPageParam: nextCursor,
  });
}

export function useInfiniteHomeActivities({ viewer }) {
  return useInfiniteQuery(getInfiniteHomeActivitiesQueryOptions({ viewer }));
}
