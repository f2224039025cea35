/** POST /api/activities: post a crud. */
import { api } from '@/lib/api-client';

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
