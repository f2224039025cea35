/**
 * The one way the SPA talks to the API: a fetch wrapper that prefixes the
 * configured API origin, sends and parses JSON, and turns every failure into an
 * ApiError carrying the HTTP status and the API's error codes
 * (`{"errors": ["code", ...]}`), ready for `errorSentence`.
 *
 * A 403 `account_suspended` on a signed-in request is reported once, through
 * the session's `onSuspended`, so that no page has to handle it on its own.
 */
import { env } from '@/config/env';
import { fetchWithProgress } from './xhr';

export class ApiError extends Error {
  /**
   * @param {number} status HTTP status, or 0 when no response arrived.
   * @param {string[]} errors The API's error codes; empty when it sent none.
   * @param {{ cause?: unknown, body?: object }} [options] `body` is the error
   *   response's JSON, for the few errors that say more than their codes.
   */
  constructor(status, errors, { body, ...options } = {}) {
    const codes = errors.length > 0 ? errors.join(', ') : 'no error code';
    super(`API request failed (status ${status}: ${codes})`, options);
    this.name = 'ApiError';
    this.status = status;
    this.errors = errors;
    this.body = body ?? null;
  }
}

/**
 * When `error` says the account is suspended: `{ until }`, an ISO time or
 * null for "until a moderator lifts it". Otherwise null.
 */
export function suspensionOf(error) {
  if (
    !(error instanceof ApiError) ||
    error.status !== 403 ||
    !error.errors.includes('account_suspended')
  ) {
    return null;
  }
  const until = error.body?.suspended_until;
  return { until: typeof until === 'string' ? until : null };
}

const GATEWAY_STATUSES = new Set([502, 503, 504]);
// Waits before the automatic retries of a keyed write, in milliseconds.
const RETRY_DELAYS_MS = [300, 1000];

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

async function send(url, init, transport = fetch) {
  try {
    return await transport(url, init);
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
      throw new ApiError(response.status, errorCodes(parsed.value), {
        body: parsed.value,
      });
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

/** A failure a keyed write may be sent again for: it may not have got through. */
function isTransient(error) {
  return (
    error instanceof ApiError &&
    (error.status === 0 ||
      GATEWAY_STATUSES.has(error.status) ||
      error.errors.includes('idempotency_key_in_progress'))
  );
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const NO_AUTH = Object.freeze({
  getAccessToken: () => null,
  refresh: async () => null,
  onUnauthorized: () => {},
  onSuspended: () => {},
});

/**
 * Builds a client whose paths are relative to `baseUrl` ('' = same origin).
 * Each method resolves to the parsed JSON body (null when empty) or throws ApiError.
 *
 * Requests carry the signed-in user's access token. A 401 on a request that
 * carried one refreshes the session once and retries; when that fails too the
 * client reports it through `onUnauthorized` (which sends the user to sign in).
 * A 403 `account_suspended` on such a request goes to `onSuspended({ until })`.
 * Requests made with `{ auth: false }` (the identity routes) skip all that.
 *
 * A write made with `{ idempotencyKey }` carries it as `Idempotency-Key`, and is
 * sent again with the same key after a network failure or a 502/503/504, since
 * the API answers such a retry with its first answer instead of writing twice.
 */
export function createApiClient(
  baseUrl,
  { retryDelaysMs = RETRY_DELAYS_MS } = {},
) {
  let auth = NO_AUTH;
  let refreshing = null;

  function refreshOnce() {
    refreshing ??= Promise.resolve()
      .then(() => auth.refresh())
      .catch(() => null)
      .finally(() => {
        refreshing = null;
      });
    return refreshing;
  }

  async function withAuth(useAuth, attempt) {
    try {
      return await withFreshToken(useAuth, attempt);
    } catch (error) {
      const suspension = useAuth ? suspensionOf(error) : null;
      if (suspension) auth.onSuspended(suspension);
      throw error;
    }
  }

  async function withFreshToken(useAuth, attempt) {
    const token = useAuth ? auth.getAccessToken() : null;
    try {
      return await attempt(token);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401 || !token) {
        throw error;
      }
      const fresh = await refreshOnce();
      if (!fresh) {
        auth.onUnauthorized();
        throw error;
      }
      try {
        return await attempt(fresh);
      } catch (retryError) {
        if (retryError instanceof ApiError && retryError.status === 401) {
          auth.onUnauthorized();
        }
        throw retryError;
      }
    }
  }

  function authHeader(token) {
    return token ? { Authorization: `Bearer ${token}` } : {};
  }

  async function withRetries(attempt, signal) {
    for (let retry = 0; ; retry += 1) {
      try {
        return await attempt();
      } catch (error) {
        const last = retry >= retryDelaysMs.length || signal?.aborted;
        if (last || !isTransient(error)) throw error;
        await sleep(retryDelaysMs[retry]);
      }
    }
  }

  async function request(path, options = {}) {
    const {
      method = 'GET',
      body,
      params,
      headers,
      auth: useAuth = true,
      idempotencyKey,
      ...init
    } = options;
    const hasBody = body !== undefined;
    const url = buildUrl(baseUrl, path, params);
    const attempt = () =>
      withAuth(useAuth, async (token) => {
        const response = await send(url, {
          ...init,
          method,
          headers: {
            Accept: 'application/json',
            ...(hasBody ? { 'Content-Type': 'application/json' } : {}),
            ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
            ...authHeader(token),
            ...headers,
          },
          body: hasBody ? JSON.stringify(body) : undefined,
        });
        return readResponse(response);
      });
    return idempotencyKey ? withRetries(attempt, init.signal) : attempt();
  }

  /** Sends FormData with XMLHttpRequest, which (unlike fetch) reports upload progress. */
  function upload(
    path,
    formData,
    { method = 'POST', signal, onProgress } = {},
  ) {
    const url = buildUrl(baseUrl, path);
    return withAuth(true, async (token) => {
      const response = await send(
        url,
        {
          method,
          headers: { Accept: 'application/json', ...authHeader(token) },
          body: formData,
          signal,
          onProgress,
        },
        fetchWithProgress,
      );
      return readResponse(response);
    });
  }

  return {
    upload,
    get: (path, options) => request(path, { ...options, method: 'GET' }),
    post: (path, body, options) =>
      request(path, { ...options, method: 'POST', body }),
    put: (path, body, options) =>
      request(path, { ...options, method: 'PUT', body }),
    delete: (path, options) => request(path, { ...options, method: 'DELETE' }),
    /** Connects the client to the session: where tokens come from, what a lost session does. */
    setAuth(hooks) {
      auth = hooks ? { ...NO_AUTH, ...hooks } : NO_AUTH;
    },
  };
}

export const api = createApiClient(env.apiUrl);
