import { createContext, useContext } from 'react';

export const AuthContext = createContext(null);

/**
 * The session: `status` ('loading' | 'signed-in' | 'signed-out'), `user` (the
 * caller's profile from GET /api/profile), `suspension` (`{ until }` once
 * the API said the account is suspended, else null), and the actions
 * signIn, signOut, refreshUser, setUser, plus `adapter` for the identity
 * steps that need no session (sign up, confirm, reset password).
 */
export function useAuth() {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth must be used inside <AuthProvider>.');
  return auth;
}

/** Where to send someone to sign in and come back to `path` afterwards. */
export function signInPath(path) {
  return path && path !== '/'
    ? `/signin?next=${encodeURIComponent(path)}`
    : '/signin';
}

/** A `next` parameter that is safe to navigate to: a path on this site. */
export function safeNextPath(next) {
  if (
    typeof next !== 'string' ||
    !next.startsWith('/') ||
    next.startsWith('//')
  ) {
    return '/';
  }
  return next;
}

/** Whether `user` (GET /api/profile) may use the moderation pages. */
export function isModerator(user) {
  return user?.role === 'moderator' || user?.role === 'admin';
}
