/** POST /api/profile/avatar (multipart field `avatar`) → the caller's profile. */
import { api } from '@/lib/api-client';

export const AVATAR_TYPES = Object.freeze([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
]);
export const MAX_AVATAR_BYTES = 5 * 1024 * 1024;

/** The API's code for a file it would refuse, checked before uploading. */
export function avatarProblem(file) {
  if (!file) return 'avatar_missing';
  if (!AVATAR_TYPES.includes(file.type)) return 'avatar_unsupported_type';
  if (file.size > MAX_AVATAR_BYTES) return 'avatar_too_large';
  return null;
}

/** Uploads with progress: `onProgress(fraction)` as the bytes go out. */
export function uploadAvatar(file, { onProgress, signal } = {}) {
  const form = new FormData();
  form.append('avatar', file);
  return api.upload('/api/profile/avatar', form, { onProgress, signal });
}
