/** GET /api/users/@<handle>/short: who a new conversation is with. */
import { api } from '@/lib/api-client';
import { useQuery } from '@/hooks/use-query';

export function getUserShort({ handle, signal }) {
  return api.get(`/api/users/@${encodeURIComponent(handle)}/short`, { signal });
}

export function useUserShort(handle) {
  return useQuery(
    `user-short:${handle}`,
    ({ signal }) => getUserShort({ handle, signal }),
    { enabled: Boolean(handle) },
  );
}
