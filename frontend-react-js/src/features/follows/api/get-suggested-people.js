/**
 * GET /api/users/suggested?limit=: people to follow (followed by the people
 * you follow, then the most followed with live cruds), never yourself nor
 * anyone you follow already.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { PEOPLE_KEY } from './people-cache';

export function getSuggestedPeople({ limit, signal } = {}) {
  return api.get('/api/users/suggested', { params: { limit }, signal });
}

export function getSuggestedPeopleQueryOptions({ viewer, limit }) {
  return queryOptions({
    queryKey: [...PEOPLE_KEY, 'suggested', { viewer, limit }],
    queryFn: ({ signal }) => getSuggestedPeople({ limit, signal }),
  });
}

export function useSuggestedPeople({ viewer, limit }) {
  return useQuery(getSuggestedPeopleQueryOptions({ viewer, limit }));
}
