/**
 * The SPA's build-time settings, read from `import.meta.env` once and validated
 * when this module loads, so a bad value stops the app at start-up with a clear
 * message instead of failing later on some request.
 *
 *   VITE_API_URL        origin (or path prefix) of the API; empty = same origin
 *   VITE_AUTH_PROVIDER  'local' (the API's own identity provider) or 'cognito'
 *   VITE_AWS_COGNITO_REGION, VITE_AWS_COGNITO_USER_POOL_ID,
 *   VITE_AWS_COGNITO_USER_POOL_CLIENT_ID
 *                       the user pool, required when the provider is 'cognito'
 *   VITE_AVATAR_STORAGE 'local' (the API stores avatars) or 's3' (the browser
 *                       uploads straight to S3 with a presigned POST); the same
 *                       as the API's AVATAR_STORAGE
 */

export const AUTH_PROVIDERS = Object.freeze(['local', 'cognito']);
export const AVATAR_STORAGES = Object.freeze(['local', 's3']);

const quoted = (values) => values.map((value) => `"${value}"`).join(' or ');

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

/** One of `choices`, the first when unset. */
function parseChoice(name, value, choices) {
  if (value === undefined || value === '') return choices[0];
  if (choices.includes(value)) return value;
  throw new Error(`Invalid ${name} "${value}": expected ${quoted(choices)}.`);
}

function parseCognito(raw) {
  const settings = {
    region: raw.VITE_AWS_COGNITO_REGION || 'us-east-1',
    userPoolId: raw.VITE_AWS_COGNITO_USER_POOL_ID,
    userPoolClientId: raw.VITE_AWS_COGNITO_USER_POOL_CLIENT_ID,
  };
  const missing = [
    ['VITE_AWS_COGNITO_USER_POOL_ID', settings.userPoolId],
    ['VITE_AWS_COGNITO_USER_POOL_CLIENT_ID', settings.userPoolClientId],
  ]
    .filter(([, value]) => !value)
    .map(([name]) => name);
  if (missing.length > 0) {
    throw new Error(
      `VITE_AUTH_PROVIDER is "cognito" but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set.`,
    );
  }
  return Object.freeze(settings);
}

/** Validates raw environment values and returns the app's frozen settings. */
export function parseEnv(raw) {
  const authProvider = parseChoice(
    'VITE_AUTH_PROVIDER',
    raw.VITE_AUTH_PROVIDER,
    AUTH_PROVIDERS,
  );
  return Object.freeze({
    apiUrl: parseApiUrl(raw.VITE_API_URL),
    authProvider,
    cognito: authProvider === 'cognito' ? parseCognito(raw) : null,
    avatarStorage: parseChoice(
      'VITE_AVATAR_STORAGE',
      raw.VITE_AVATAR_STORAGE,
      AVATAR_STORAGES,
    ),
  });
}

export const env = parseEnv(import.meta.env);
