/** GET /api/users/@<handle>/short: who a new conversation is with. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export function getUserShort({ handle, signal }) {
  return api.get(`/api/users/@${encodeURIComponent(handle)}/short`, { signal });
}

export function getUserShortQueryOptions({ handle }) {
  return queryOptions({
    queryKey: ['users', 'short', { handle }],
    queryFn: ({ signal }) => getUserShort({ handle, signal }),
    enabled: Boolean(handle),
  });
}

export function useUserShort({ handle }) {
  return useQuery(getUserShortQueryOptions({ handle }));
}
