/**
 * The local identity provider: the API's own /api/auth/* routes.
 *
 * The access token comes back in the response body and is kept in memory by
 * the caller; the refresh token is an httpOnly SameSite=Strict cookie that the
 * API sets on /api/auth, so these requests are made with credentials.
 * A small flag in localStorage remembers that a refresh cookie probably
 * exists, so that a visitor who never signed in is not sent to the refresh
 * route (and a 401) on every page load. It holds no secret.
 */
import { ApiError } from '@/lib/api-client';

const SESSION_HINT_KEY = 'cruddur.session';
const REFRESH_LOCK = 'cruddur.refresh';

function toSession(body) {
  return {
    accessToken: body.access_token,
    expiresAt: Date.now() + body.expires_in * 1000,
  };
}

function safeStorage(storage) {
  return {
    get: (key) => {
      try {
        return storage?.getItem(key) ?? null;
      } catch {
        return null;
      }
    },
    set: (key, value) => {
      try {
        if (value === null) storage?.removeItem(key);
        else storage?.setItem(key, value);
      } catch {
        // Storage may be disabled; the session then lasts as long as the page.
      }
    },
  };
}

/** Runs `task` while no other tab of this browser runs one (Web Locks, where there are). */
function inTurn(task, locks) {
  return locks ? locks.request(REFRESH_LOCK, task) : task();
}

/**
 * @param {ReturnType<import('@/lib/api-client').createApiClient>} client
 * @param {{ storage?: Storage, locks?: LockManager }} [options]
 */
export function createLocalAuth(
  client,
  {
    storage = globalThis.localStorage,
    locks = globalThis.navigator?.locks,
  } = {},
) {
  const hint = safeStorage(storage);
  const post = (path, body) =>
    client.post(`/api/auth/${path}`, body, {
      auth: false,
      credentials: 'include',
    });

  async function spendRefreshCookie() {
    try {
      const session = toSession(await post('refresh'));
      hint.set(SESSION_HINT_KEY, '1');
      return session;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        hint.set(SESSION_HINT_KEY, null);
        return null;
      }
      throw error;
    }
  }

  // A refresh token is good for one use (the API ends the session when one is
  // used twice): callers at the same moment share one request, and the tabs of
  // a browser take turns, so each sends the cookie the one before it got.
  let refreshing = null;
  function refreshSession() {
    refreshing ??= inTurn(spendRefreshCookie, locks).finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  return {
    provider: 'local',

    async signUp({ email, handle, displayName, password }) {
      await post('signup', {
        email,
        handle,
        display_name: displayName,
        password,
      });
    },

    async confirmSignUp({ email, code }) {
      await post('confirm', { email, code });
    },

    async resendCode({ email }) {
      await post('resend-code', { email });
    },

    async signIn({ email, password }) {
      const session = toSession(await post('signin', { email, password }));
      hint.set(SESSION_HINT_KEY, '1');
      return session;
    },

    /** The session a page load starts with: from the refresh cookie, if any. */
    async restoreSession() {
      if (hint.get(SESSION_HINT_KEY) === null) return null;
      return refreshSession();
    },

    refreshSession,

    async signOut() {
      hint.set(SESSION_HINT_KEY, null);
      await post('signout');
    },

    async forgotPassword({ email }) {
      await post('forgot-password', { email });
    },

    async resetPassword({ email, code, password }) {
      await post('reset-password', { email, code, password });
    },
  };
}
