/** GET /api/activities/search?term=: live cruds and replies matching a term. */
import { api } from '@/lib/api-client';
import { useCursorList } from '@/hooks/use-cursor-list';

export function searchActivities({ term, cursor, limit, signal }) {
  return api.get('/api/activities/search', {
    params: { term, cursor, limit },
    signal,
  });
}

export function useSearchActivities(term, viewer) {
  return useCursorList(`search:${term}:${viewer ?? ''}`, (page) =>
    searchActivities({ term, ...page }),
  );
}
