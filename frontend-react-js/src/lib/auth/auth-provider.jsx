/**
 * Owns the session: the access token (in memory only), refreshing it before it
 * expires, restoring it on page load, and the signed-in user's profile, which
 * comes from the API (GET /api/profile), never from token claims.
 *
 * A suspended account is known from any answer 403 `account_suspended` (to a
 * signed-in request, a refresh or a page load's restore): `suspension` is
 * then `{ until }` and the app shows the suspension instead of its pages.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, suspensionOf } from '@/lib/api-client';
import { AuthContext, signInPath } from './auth-context';
import { loadAuthAdapter } from './load-auth-adapter';

// Refresh this long before the token expires.
const REFRESH_MARGIN_MS = 60_000;
const MIN_REFRESH_DELAY_MS = 5_000;

function getProfile() {
  return api.get('/api/profile');
}

export function AuthProvider({ children, loadAdapter = loadAuthAdapter }) {
  const navigate = useNavigate();
  const [state, setState] = useState({
    status: 'loading',
    user: null,
    adapter: null,
    suspension: null,
  });
  const suspendedRef = useRef(false);
  const tokenRef = useRef(null);
  const timerRef = useRef(null);
  const adapterRef = useRef(null);
  const scheduleRef = useRef(() => {});

  const clearSession = useCallback(() => {
    tokenRef.current = null;
    clearTimeout(timerRef.current);
    setState((current) => ({ ...current, status: 'signed-out', user: null }));
  }, []);

  const applySession = useCallback((session) => {
    tokenRef.current = session?.accessToken ?? null;
    clearTimeout(timerRef.current);
    if (session) scheduleRef.current(session);
    return tokenRef.current;
  }, []);

  const suspend = useCallback((suspension) => {
    suspendedRef.current = true;
    setState((current) => ({ ...current, suspension }));
  }, []);

  /** Runs an identity step; a suspension it meets is shown, then rethrown. */
  const noticingSuspension = useCallback(
    async (step) => {
      try {
        return await step();
      } catch (error) {
        const suspension = suspensionOf(error);
        if (suspension) suspend(suspension);
        throw error;
      }
    },
    [suspend],
  );

  const refresh = useCallback(async () => {
    const adapter = adapterRef.current;
    const session = adapter
      ? await noticingSuspension(() => adapter.refreshSession())
      : null;
    return applySession(session);
  }, [applySession, noticingSuspension]);

  useEffect(() => {
    scheduleRef.current = (session) => {
      const delay = Math.max(
        session.expiresAt - Date.now() - REFRESH_MARGIN_MS,
        MIN_REFRESH_DELAY_MS,
      );
      timerRef.current = setTimeout(() => {
        refresh().then(
          (token) => token || clearSession(),
          () => clearSession(),
        );
      }, delay);
    };
  }, [refresh, clearSession]);

  const startSession = useCallback(
    async (session) => {
      applySession(session);
      const user = await getProfile();
      setState((current) => ({ ...current, status: 'signed-in', user }));
      return user;
    },
    [applySession],
  );

  useEffect(() => {
    api.setAuth({
      getAccessToken: () => tokenRef.current,
      refresh,
      onUnauthorized: () => {
        clearSession();
        // A suspended person reads why, not the sign-in form.
        if (suspendedRef.current) return;
        const { pathname, search } = window.location;
        navigate(signInPath(`${pathname}${search}`), { replace: true });
      },
      // An answer that comes back after signing out is not about this session.
      onSuspended: (suspension) => tokenRef.current && suspend(suspension),
    });
    return () => api.setAuth(null);
  }, [refresh, clearSession, navigate, suspend]);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const adapter = await loadAdapter();
      adapterRef.current = adapter;
      setState((current) => ({ ...current, adapter }));
      const session = await noticingSuspension(() =>
        adapter.restoreSession(),
      ).catch(() => null);
      if (cancelled) return;
      if (!session) {
        clearSession();
        return;
      }
      await startSession(session).catch(() => !cancelled && clearSession());
    })();
    return () => {
      cancelled = true;
      clearTimeout(timerRef.current);
    };
  }, [loadAdapter, startSession, clearSession, noticingSuspension]);

  const signIn = useCallback(
    async ({ email, password }) => {
      const session = await adapterRef.current.signIn({ email, password });
      return startSession(session);
    },
    [startSession],
  );

  const signOut = useCallback(async () => {
    try {
      await adapterRef.current?.signOut();
    } finally {
      clearSession();
      suspendedRef.current = false;
      setState((current) => ({ ...current, suspension: null }));
    }
  }, [clearSession]);

  const refreshUser = useCallback(async () => {
    const user = await getProfile();
    setState((current) => ({ ...current, user }));
    return user;
  }, []);

  const setUser = useCallback((user) => {
    setState((current) => ({ ...current, user: { ...current.user, ...user } }));
  }, []);

  const value = useMemo(
    () => ({ ...state, signIn, signOut, refreshUser, setUser }),
    [state, signIn, signOut, refreshUser, setUser],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
