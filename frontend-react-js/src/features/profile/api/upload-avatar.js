/**
 * An avatar upload, the way the build was configured (VITE_AVATAR_STORAGE,
 * the same as the API's AVATAR_STORAGE); both resolve to the caller's profile
 * with the new avatar:
 *   local  POST /api/profile/avatar (multipart field `avatar`): the API
 *          processes the image and answers with the profile.
 *   s3     POST /api/profile/avatar/upload { content_type } gives a presigned
 *          POST; the file goes straight to S3, the process-images Lambda makes
 *          it the avatar a few seconds later, and GET /api/profile is polled
 *          until its avatar_url changes.
 */
import { env } from '@/config/env';
import { ApiError, api } from '@/lib/api-client';
import { postToS3 } from '@/lib/s3-upload';

export const AVATAR_TYPES = Object.freeze([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
]);
export const MAX_AVATAR_BYTES = 5 * 1024 * 1024;

export const PROCESSING_POLL_MS = 1000;
export const PROCESSING_POLLS = 20;

/** The API's code for a file it would refuse, checked before uploading. */
export function avatarProblem(file) {
  if (!file) return 'avatar_missing';
  if (!AVATAR_TYPES.includes(file.type)) return 'avatar_unsupported_type';
  if (file.size > MAX_AVATAR_BYTES) return 'avatar_too_large';
  return null;
}

function getProfile(signal) {
  return api.get('/api/profile', { signal });
}

function wait(ms, signal) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

// A poll that finds the API briefly unreachable is tried again next second.
const isTransient = (error) =>
  error instanceof ApiError && (error.status === 0 || error.status >= 500);

/** The profile once its avatar is no longer `previousUrl`. */
async function newAvatarProfile(previousUrl, signal) {
  for (let poll = 0; poll < PROCESSING_POLLS; poll += 1) {
    await wait(PROCESSING_POLL_MS, signal);
    try {
      const profile = await getProfile(signal);
      if (profile.avatar_url !== previousUrl) return profile;
    } catch (error) {
      if (!isTransient(error)) throw error;
    }
  }
  throw new ApiError(0, ['avatar_processing_timeout']);
}

async function uploadToS3(file, { onProgress, onProcessing, signal }) {
  const [before, form] = await Promise.all([
    getProfile(signal),
    api.post(
      '/api/profile/avatar/upload',
      { content_type: file.type },
      { signal },
    ),
  ]);
  await postToS3(form, file, { onProgress, signal });
  onProcessing?.();
  return newAvatarProfile(before.avatar_url, signal);
}

function uploadToApi(file, { onProgress, signal }) {
  const form = new FormData();
  form.append('avatar', file);
  return api.upload('/api/profile/avatar', form, { onProgress, signal });
}

/**
 * Uploads with progress: `onProgress(fraction)` as the bytes go out, then
 * `onProcessing()` while S3 mode waits for the new avatar.
 */
export function uploadAvatar(
  file,
  { onProgress, onProcessing, signal, storage = env.avatarStorage } = {},
) {
  const options = { onProgress, onProcessing, signal };
  return storage === 's3'
    ? uploadToS3(file, options)
    : uploadToApi(file, options);
}
