/** GET /api/activities/@<handle>/status/<uuid>: a crud and its replies, oldest first. */
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { nextCursor } from '@/lib/react-query';
import { CRUDS_KEY } from './cruds-cache';

export function getActivity({ handle, uuid, cursor, limit, signal }) {
  return api.get(
    `/api/activities/@${encodeURIComponent(handle)}/status/${encodeURIComponent(uuid)}`,
    { params: { cursor, limit }, signal },
  );
}

export const THREAD_KEY = [...CRUDS_KEY, 'thread'];

/** Every page carries the crud as `activity`; the pages' items are the replies. */
export function getInfiniteActivityThreadQueryOptions({
  handle,
  uuid,
  viewer,
}) {
  return infiniteQueryOptions({
    queryKey: [...THREAD_KEY, { handle, uuid, viewer }],
    queryFn: ({ pageParam, signal }) =>
      getActivity({ handle, uuid, cursor: pageParam, signal }),
    initialPageParam: undefined,
    getNextPageParam: nextCursor,
  });
}

export function useInfiniteActivityThread({ handle, uuid, viewer }) {
  return useInfiniteQuery(
    getInfiniteActivityThreadQueryOptions({ handle, uuid, viewer }),
  );
}
