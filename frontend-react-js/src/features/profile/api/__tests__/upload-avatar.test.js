import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/api-client';
import { fakeXhr } from '@/testing/fake-xhr';
import { ME, mockApi, reply } from '@/testing/mock-api';
import {
  PROCESSING_POLLS,
  PROCESSING_POLL_MS,
  uploadAvatar,
} from '../upload-avatar';

const FORM = {
  url: 'https://cruddur-uploads.s3.amazonaws.com/',
  fields: { key: 'uploads/u/k', 'Content-Type': 'image/webp', policy: 'p' },
  key: 'uploads/u/k',
};
const OLD = {
  ...ME,
  avatar_url: 'https://assets.example.com/avatars/old-128.webp',
};
const NEW = {
  ...ME,
  avatar_url: 'https://assets.example.com/avatars/new-128.webp',
  avatar_url_large: 'https://assets.example.com/avatars/new-512.webp',
};

const file = () => new File(['webp'], 'me.webp', { type: 'image/webp' });

/** GET /api/profile answers `answers` in turn, then keeps the last one. */
function profiles(...answers) {
  let calls = 0;
  return () => answers[Math.min(calls++, answers.length - 1)];
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('uploadAvatar to S3', () => {
  it('asks for a presigned POST, sends the file to S3, then waits for the new avatar', async () => {
    const api = mockApi({
      'GET /api/profile': profiles(OLD, OLD, OLD, NEW),
      'POST /api/profile/avatar/upload': FORM,
    });
    const s3 = fakeXhr({ status: 204 });
    const onProgress = vi.fn();
    const onProcessing = vi.fn();

    const done = uploadAvatar(file(), {
      storage: 's3',
      onProgress,
      onProcessing,
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(onProgress).toHaveBeenCalledWith(0.5);
    expect(onProcessing).toHaveBeenCalledOnce();
    await vi.advanceTimersByTimeAsync(3 * PROCESSING_POLL_MS);

    await expect(done).resolves.toEqual(NEW);
    expect(api.callsTo('POST /api/profile/avatar/upload')[0].body).toEqual({
      content_type: 'image/webp',
    });
    expect(s3).toHaveLength(1);
    expect(s3[0].url).toBe(FORM.url);
    expect(s3[0].body.get('key')).toBe('uploads/u/k');
    expect(s3[0].body.get('file').name).toBe('me.webp');
    // One profile before the upload, then one a second until it changed.
    expect(api.callsTo('GET /api/profile')).toHaveLength(4);
  });

  it('keeps polling through a moment when the API is unreachable', async () => {
    let polls = 0;
    mockApi({
      'GET /api/profile': () => {
        polls += 1;
        if (polls === 1) return OLD;
        return polls === 2 ? reply(502, undefined) : NEW;
      },
      'POST /api/profile/avatar/upload': FORM,
    });
    fakeXhr({ status: 204 });

    const done = uploadAvatar(file(), { storage: 's3' });
    await vi.advanceTimersByTimeAsync(2 * PROCESSING_POLL_MS);

    await expect(done).resolves.toEqual(NEW);
  });

  it(`gives up after ${PROCESSING_POLLS} seconds with a sentence of its own`, async () => {
    const api = mockApi({
      'GET /api/profile': OLD,
      'POST /api/profile/avatar/upload': FORM,
    });
    fakeXhr({ status: 204 });

    const done = uploadAvatar(file(), { storage: 's3' }).catch((e) => e);
    await vi.advanceTimersByTimeAsync(PROCESSING_POLLS * PROCESSING_POLL_MS);
    const error = await done;

    expect(error).toBeInstanceOf(ApiError);
    expect(error.errors).toEqual(['avatar_processing_timeout']);
    expect(api.callsTo('GET /api/profile')).toHaveLength(1 + PROCESSING_POLLS);
  });

  it('stops when S3 refuses the file, without polling', async () => {
    const api = mockApi({
      'GET /api/profile': OLD,
      'POST /api/profile/avatar/upload': FORM,
    });
    fakeXhr({
      status: 400,
      type: 'application/xml',
      body: '<Error><Code>EntityTooLarge</Code></Error>',
    });

    const done = uploadAvatar(file(), { storage: 's3' }).catch((e) => e);
    await vi.advanceTimersByTimeAsync(5 * PROCESSING_POLL_MS);

    expect((await done).errors).toEqual(['avatar_too_large']);
    expect(api.callsTo('GET /api/profile')).toHaveLength(1);
  });

  it('passes on the API refusing the type', async () => {
    mockApi({
      'GET /api/profile': OLD,
      'POST /api/profile/avatar/upload': reply(422, {
        errors: ['avatar_unsupported_type'],
      }),
    });
    const s3 = fakeXhr({ status: 204 });

    const error = await uploadAvatar(file(), { storage: 's3' }).catch((e) => e);

    expect(error.errors).toEqual(['avatar_unsupported_type']);
    expect(s3).toHaveLength(0);
  });
});

describe('uploadAvatar to the API', () => {
  it('posts the file as `avatar` and returns the profile the API answers with', async () => {
    const sent = fakeXhr({ status: 200, body: NEW });
    const api = mockApi({});

    const done = uploadAvatar(file(), { storage: 'local' });
    await vi.advanceTimersByTimeAsync(0);

    await expect(done).resolves.toEqual(NEW);
    expect(sent[0].url).toBe('/api/profile/avatar');
    expect(sent[0].body.get('avatar').name).toBe('me.webp');
    expect(api.calls).toHaveLength(0);
  });
});
