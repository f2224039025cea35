/** PUT /api/profile { display_name, bio } → the caller's profile. */
import { api } from '@/lib/api-client';

export const MAX_DISPLAY_NAME_CHARS = 50;
export const MAX_BIO_CHARS = 160;

export function updateProfile({ displayName, bio }) {
  return api.put('/api/profile', { display_name: displayName, bio });
}
