/**
 * The SPA's build-time settings, read from `import.meta.env` once and validated
 * when this module loads, so a bad value stops the app at start-up with a clear
 * message instead of failing later on some request.
 *
 *   VITE_API_URL        origin (or path prefix) of the API; empty = same origin
 *   VITE_AUTH_PROVIDER  'local' (the API's own identity provider) or 'cognito'
 */

export const AUTH_PROVIDERS = Object.freeze(['local', 'cognito']);

function parseApiUrl(value) {
  if (value === undefined || value === '') return '';
  const trimmed = String(value).replace(/\/+$/, '');
  if (trimmed.startsWith('/') && !trimmed.startsWith('//')) return trimmed;
  let url;
  try {
    url = new URL(trimmed);
  } catch {
    url = null;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol)) {
    throw new Error(
      `Invalid VITE_API_URL "${value}": expected an http(s) URL such as ` +
        '"https://api.example.com", a path starting with "/", or empty for the same origin.',
    );
  }
  return trimmed;
}

function parseAuthProvider(value) {
  if (value === undefined || value === '') return 'local';
  if (AUTH_PROVIDERS.includes(value)) return value;
  throw new Error(
    `Invalid VITE_AUTH_PROVIDER "${value}": expected ${AUTH_PROVIDERS.map((p) => `"${p}"`).join(' or ')}.`,
  );
}

/** Validates raw environment values and returns the app's frozen settings. */
export function parseEnv(raw) {
  return Object.freeze({
    apiUrl: parseApiUrl(raw.VITE_API_URL),
    authProvider: parseAuthProvider(raw.VITE_AUTH_PROVIDER),
  });
}

export const env = parseEnv(import.meta.env);
