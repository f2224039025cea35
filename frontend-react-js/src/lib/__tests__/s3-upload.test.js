import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api-client';
import { errorSentence } from '@/lib/error-messages';
import { fakeXhr } from '@/testing/fake-xhr';
import { postToS3, s3ErrorCode } from '../s3-upload';

const FORM = {
  url: 'https://cruddur-uploads.s3.amazonaws.com/',
  fields: {
    key: 'uploads/11111111-1111-4111-8111-111111111111/abc',
    'Content-Type': 'image/png',
    policy: 'eyJjb25kaXRpb25zIjpbXX0=',
    'x-amz-signature': 'sig',
  },
};

function s3Error(code, message = 'refused') {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>R</RequestId></Error>`;
}

async function failure(promise) {
  const error = await promise.catch((e) => e);
  expect(error).toBeInstanceOf(ApiError);
  return error;
}

describe('postToS3', () => {
  it('posts every field of the form, then the file, to its URL with progress', async () => {
    const sent = fakeXhr({ status: 204 });
    const file = new File(['png'], 'me.png', { type: 'image/png' });
    const progress = [];

    await postToS3(FORM, file, { onProgress: (f) => progress.push(f) });

    expect(sent).toHaveLength(1);
    expect(sent[0].method).toBe('POST');
    expect(sent[0].url).toBe(FORM.url);
    // No API token goes to S3: the form's signature is the authorisation.
    expect(sent[0].headers).toEqual({});
    const entries = [...sent[0].body.entries()];
    expect(entries.map(([name]) => name)).toEqual([
      ...Object.keys(FORM.fields),
      'file',
    ]);
    expect(entries.slice(0, -1)).toEqual(Object.entries(FORM.fields));
    expect(sent[0].body.get('file')).toBeInstanceOf(File);
    expect(sent[0].body.get('file').name).toBe('me.png');
    expect(progress).toEqual([0.5]);
  });

  it('turns S3 refusing the upload into a sentence, not its XML', async () => {
    fakeXhr({
      status: 403,
      type: 'application/xml',
      body: s3Error('AccessDenied', 'Invalid according to Policy'),
    });
    const error = await failure(postToS3(FORM, new Blob(['x'])));

    expect(error.status).toBe(403);
    expect(error.errors).toEqual(['upload_refused']);
    expect(errorSentence(error.errors[0])).toBe(
      'The upload was refused. Please try again.',
    );
  });

  it('says a network failure is one', async () => {
    fakeXhr({ networkError: true });
    const error = await failure(postToS3(FORM, new Blob(['x'])));
    expect(error.errors).toEqual(['network_error']);
  });

  it.each([
    [400, s3Error('EntityTooLarge'), 'avatar_too_large'],
    [400, s3Error('EntityTooSmall'), 'avatar_missing'],
    [403, s3Error('SignatureDoesNotMatch'), 'upload_refused'],
    [403, s3Error('AccessDenied', 'Request has expired'), 'upload_refused'],
    [503, s3Error('SlowDown'), 'upload_unavailable'],
    [500, '', 'upload_unavailable'],
    [400, '<html>a proxy page</html>', 'upload_refused'],
    [403, undefined, 'upload_refused'],
  ])('reads S3 status %i with %j as %s', (status, body, code) => {
    expect(s3ErrorCode(status, body)).toBe(code);
  });
});
