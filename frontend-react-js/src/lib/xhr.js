/**
 * fetch's shape on XMLHttpRequest, which (unlike fetch) reports upload
 * progress: resolves to a Response once the answer has loaded, rejects with a
 * TypeError when no answer came (as fetch does) and with an AbortError when
 * `signal` aborts it.
 */

function responseOf(xhr) {
  const text = xhr.responseText ?? '';
  // A Response cannot carry a body with these statuses.
  const bodyless = [101, 204, 205, 304].includes(xhr.status);
  return new Response(bodyless || text === '' ? null : text, {
    status: xhr.status,
    headers: { 'content-type': xhr.getResponseHeader('content-type') ?? '' },
  });
}

/**
 * @param {string} url
 * @param {{ method?: string, headers?: Record<string, string>, body?: any,
 *   signal?: AbortSignal, onProgress?: (fraction: number) => void }} init
 * @returns {Promise<Response>}
 */
export function fetchWithProgress(
  url,
  { method = 'GET', headers = {}, body = null, signal, onProgress } = {},
) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    for (const [name, value] of Object.entries(headers)) {
      xhr.setRequestHeader(name, value);
    }
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && onProgress) {
        onProgress(event.loaded / event.total);
      }
    });
    xhr.addEventListener('load', () => resolve(responseOf(xhr)));
    xhr.addEventListener('error', () =>
      reject(new TypeError('The request could not be sent.')),
    );
    xhr.addEventListener('abort', () =>
      reject(new DOMException('The upload was aborted.', 'AbortError')),
    );
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(body);
  });
}
