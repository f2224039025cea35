/** POST /api/activities/notifications/read: mark every notification read. */
import { api } from '@/lib/api-client';

export function markNotificationsRead() {
  return api.post('/api/activities/notifications/read');
}
