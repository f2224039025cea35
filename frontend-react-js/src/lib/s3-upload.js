/**
 * Uploads a file straight to S3 with a presigned POST that the API handed out
 * (`{ url, fields }`), reporting progress. S3 answers 204 on success and an
 * XML `<Error><Code>` otherwise; failures become ApiErrors with codes that
 * `errorSentence` knows, never S3's own words.
 */
import { ApiError } from './api-client';
import { fetchWithProgress } from './xhr';

// S3's codes that have a sentence of their own; any other refusal (an expired
// form, a type or size outside its policy, a bad signature) is `upload_refused`.
const S3_CODES = {
  EntityTooLarge: 'avatar_too_large',
  EntityTooSmall: 'avatar_missing',
  SlowDown: 'upload_unavailable',
  ServiceUnavailable: 'upload_unavailable',
  InternalError: 'upload_unavailable',
};

/** The error code for S3's answer: its status and XML body. */
export function s3ErrorCode(status, body) {
  const s3Code = /<Code>([^<]*)<\/Code>/.exec(body ?? '')?.[1];
  if (s3Code && Object.hasOwn(S3_CODES, s3Code)) return S3_CODES[s3Code];
  return status >= 500 ? 'upload_unavailable' : 'upload_refused';
}

/**
 * Sends the form's fields, then the file as `file` (S3 ignores any field
 * after it), to the form's URL.
 * @param {{ url: string, fields: Record<string, string> }} form
 * @param {Blob} file
 * @param {{ onProgress?: (fraction: number) => void, signal?: AbortSignal }} [options]
 */
export async function postToS3(form, file, { onProgress, signal } = {}) {
  const body = new FormData();
  for (const [name, value] of Object.entries(form.fields)) {
    body.append(name, value);
  }
  body.append('file', file);
  let response;
  try {
    response = await fetchWithProgress(form.url, {
      method: 'POST',
      body,
      onProgress,
      signal,
    });
  } catch (error) {
    if (error?.name === 'AbortError') throw error;
    throw new ApiError(0, ['network_error'], { cause: error });
  }
  if (response.ok) return;
  throw new ApiError(response.status, [
    s3ErrorCode(response.status, await response.text()),
  ]);
}
