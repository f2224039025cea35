/**
 * The moderators' routes: the report queue (open first), one report with the
 * crud as it was, the actions on a report, lifting a suspension, and the
 * audit log. Anyone who is not a moderator gets 404 from all of them.
 */
import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { MODERATION_KEY } from '@/lib/query-keys';
import { nextCursor } from '@/lib/react-query';

export const REPORTS_KEY = [...MODERATION_KEY, 'reports'];
export const REPORT_KEY = [...MODERATION_KEY, 'report'];
export const LOG_KEY = [...MODERATION_KEY, 'log'];

export const ACTIONS = Object.freeze([
  { value: 'dismiss', label: 'Dismiss the report' },
  { value: 'remove', label: 'Remove the crud' },
  { value: 'suspend', label: 'Suspend the person' },
]);

export const SUSPEND_DURATIONS = Object.freeze([
  { value: '1-day', label: '1 day' },
  { value: '7-days', label: '7 days' },
  { value: '30-days', label: '30 days' },
  { value: null, label: 'Until lifted' },
]);

export const REASON_MAX_CHARS = 500;

const path = (uuid) => `/api/moderation/reports/${encodeURIComponent(uuid)}`;

export function getReports({ cursor, limit, signal } = {}) {
  return api.get('/api/moderation/reports', {
    params: { cursor, limit },
    signal,
  });
}

export function getReport({ uuid, signal }) {
  return api.get(path(uuid), { signal });
}

export function getModerationLog({ cursor, limit, signal } = {}) {
  return api.get('/api/moderation/log', { params: { cursor, limit }, signal });
}

export function actOnReport({ uuid, action, reason, duration }) {
  return api.post(`${path(uuid)}/actions`, {
    action,
    reason,
    ...(action === 'suspend' ? { duration } : {}),
  });
}

export function liftSuspension({ handle, reason }) {
  return api.delete(
    `/api/moderation/users/@${encodeURIComponent(handle)}/suspension`,
    { body: { reason } },
  );
}

export function useInfiniteReports() {
  return useInfiniteQuery(
    infiniteQueryOptions({
      queryKey: REPORTS_KEY,
      queryFn: ({ pageParam, signal }) =>
        getReports({ cursor: pageParam, signal }),
      initialPageParam: undefined,
      getNextPageParam: nextCursor,
    }),
  );
}

export function useReport(uuid) {
  return useQuery(
    queryOptions({
      queryKey: [...REPORT_KEY, { uuid }],
      queryFn: ({ signal }) => getReport({ uuid, signal }),
    }),
  );
}

export function useInfiniteModerationLog() {
  return useInfiniteQuery(
    infiniteQueryOptions({
      queryKey: LOG_KEY,
      queryFn: ({ pageParam, signal }) =>
        getModerationLog({ cursor: pageParam, signal }),
      initialPageParam: undefined,
      getNextPageParam: nextCursor,
    }),
  );
}

/** Shows a closed report in its page at once; the queue and log are read again. */
export function useActOnReport(uuid) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action) => actOnReport({ uuid, ...action }),
    onSuccess: (report) => {
      queryClient.setQueryData(
        [...REPORT_KEY, { uuid }],
        (data) => data && { ...data, report },
      );
      queryClient.invalidateQueries({ queryKey: MODERATION_KEY });
    },
  });
}

export function useLiftSuspension() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: liftSuspension,
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: MODERATION_KEY }),
  });
}
