/**
 * Picks the identity provider chosen at build time (VITE_AUTH_PROVIDER).
 * Both implement the same interface:
 *   signUp, confirmSignUp, resendCode, signIn, restoreSession, refreshSession,
 *   signOut, forgotPassword, resetPassword
 * where a session is `{ accessToken, expiresAt }` (milliseconds) and every
 * failure is an ApiError carrying the API's error codes.
 */
import { env } from '@/config/env';
import { api } from '@/lib/api-client';
import { createLocalAuth } from './local-auth';

export async function loadAuthAdapter(settings = env) {
  if (settings.authProvider === 'cognito') {
    // Dynamic import: Amplify is fetched only by Cognito builds.
    const { createCognitoAuth } = await import('./cognito-auth');
    return createCognitoAuth(settings.cognito, api);
  }
  return createLocalAuth(api);
}
