/** POST /api/activities: post a crud. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { userCrudsKey } from '@/lib/query-keys';
import { prependCachedCrud } from './cruds-cache';
import { HOME_KEY } from './get-home-activities';
import { PUBLIC_KEY } from './get-public-activities';

export const TTL_CHOICES = Object.freeze([
  { value: '1-hour', label: '1 hour' },
  { value: '3-hours', label: '3 hours' },
  { value: '12-hours', label: '12 hours' },
  { value: '1-day', label: '1 day' },
  { value: '3-days', label: '3 days' },
  { value: '7-days', label: '7 days' },
  { value: '30-days', label: '30 days' },
]);

export function createActivity({ message, ttl, idempotencyKey }) {
  return api.post('/api/activities', { message, ttl }, { idempotencyKey });
}

/** Posts a crud; it shows at once at the top of both timelines and its author's profile. */
export function useCreateActivity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createActivity,
    onSuccess: (activity) => {
      prependCachedCrud(queryClient, HOME_KEY, activity);
      prependCachedCrud(queryClient, PUBLIC_KEY, activity);
      prependCachedCrud(queryClient, userCrudsKey(activity.handle), activity);
    },
  });
}
