/**
 * The one way the SPA talks to the API: a fetch wrapper that prefixes the
 * configured API origin, sends and parses JSON, and turns every failure into an
 * ApiError carrying the HTTP status and the API's error codes
 * (`{"errors": ["code", ...]}`), ready for `errorSentence`.
 */
import { env } from '@/config/env';

export class ApiError extends Error {
  /**
   * @param {number} status HTTP status, or 0 when no response arrived.
   * @param {string[]} errors The API's error codes; empty when it sent none.
   */
  constructor(status, errors, options) {
    const codes = errors.length > 0 ? errors.join(', ') : 'no error code';
    super(`API request failed (status ${status}: ${codes})`, options);
    this.name = 'ApiError';
    this.status = status;
    this.errors = errors;
  }
}

const GATEWAY_STATUSES = new Set([502, 503, 504]);

function isJsonResponse(response) {
  const type = response.headers.get('content-type') ?? '';
  return /[/+]json\b/i.test(type);
}

function parseJson(text) {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function errorCodes(body) {
  if (!body || !Array.isArray(body.errors)) return [];
  return body.errors.filter((code) => typeof code === 'string');
}

function buildUrl(baseUrl, path, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value !== undefined && value !== null) query.append(key, String(value));
  }
  const search = query.toString();
  return `${baseUrl}${path}${search === '' ? '' : `?${search}`}`;
}

async function send(url, init) {
  try {
    return await fetch(url, init);
  } catch (error) {
    // An abort is the caller's own doing, not a failure to report.
    if (error?.name === 'AbortError') throw error;
    throw new ApiError(0, ['network_error'], { cause: error });
  }
}

async function readResponse(response) {
  const text = await response.text();
  const parsed =
    text !== '' && isJsonResponse(response) ? parseJson(text) : { ok: false };

  if (!response.ok) {
    if (parsed.ok) {
      throw new ApiError(response.status, errorCodes(parsed.value));
    }
    // A gateway error without the API's JSON body (the dev proxy, a load
    // balancer) means the API itself never answered.
    const codes = GATEWAY_STATUSES.has(response.status)
      ? ['api_unreachable']
      : [];
    throw new ApiError(response.status, codes);
  }
  if (text === '') return null;
  // A 200 that is not JSON is usually an HTML page served in the API's place
  // (a missing proxy, a CDN's SPA fallback): treat it as a failure.
  if (!parsed.ok) throw new ApiError(response.status, ['invalid_response']);
  return parsed.value;
}

/**
 * Builds a client whose paths are relative to `baseUrl` ('' = same origin).
 * Each method resolves to the parsed JSON body (null when empty) or throws ApiError.
 */
export function createApiClient(baseUrl) {
  async function request(path, options = {}) {
    const { method = 'GET', body, params, headers, ...init } = options;
    const hasBody = body !== undefined;
    const response = await send(buildUrl(baseUrl, path, params), {
      ...init,
      method,
      headers: {
        Accept: 'application/json',
        ...(hasBody ? { 'Content-Type': 'application/json' } : {}),
        ...headers,
      },
      body: hasBody ? JSON.stringify(body) : undefined,
    });
    return readResponse(response);
  }

  return {
    request,
    get: (path, options) => request(path, { ...options, method: 'GET' }),
    post: (path, body, options) =>
      request(path, { ...options, method: 'POST', body }),
    put: (path, body, options) =>
      request(path, { ...options, method: 'PUT', body }),
    patch: (path, body, options) =>
      request(path, { ...options, method: 'PATCH', body }),
    delete: (path, options) => request(path, { ...options, method: 'DELETE' }),
  };
}

export const api = createApiClient(env.apiUrl);
