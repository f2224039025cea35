/**
 * The Cognito identity provider, through aws-amplify v6. This module is only
 * ever loaded with a dynamic import in Cognito mode, so Amplify stays out of
 * the local build's initial bundle.
 *
 * Amplify keeps its tokens in its own storage (localStorage), as the local
 * provider keeps its refresh token in a cookie: a page load restores the
 * session from there, refreshing it when the access token has expired. The
 * access token handed to the API client lives in memory (AuthProvider), and
 * signing out clears Amplify's storage.
 * Cognito's errors are turned into the same codes the API uses, so the pages
 * show the same sentences whichever provider is in use.
 */
import { Amplify } from 'aws-amplify';
import {
  confirmResetPassword,
  confirmSignUp,
  fetchAuthSession,
  resendSignUpCode,
  resetPassword,
  signIn,
  signOut,
  signUp,
} from 'aws-amplify/auth';
import { ApiError } from '@/lib/api-client';

const PASSWORD_RULES = [
  [/lower/i, 'password_needs_lowercase'],
  [/upper/i, 'password_needs_uppercase'],
  [/numer|number|digit/i, 'password_needs_number'],
  [/symbol|special/i, 'password_needs_symbol'],
];

function passwordCode(message) {
  const rule = PASSWORD_RULES.find(([pattern]) => pattern.test(message));
  return rule ? rule[1] : 'password_too_short';
}

/** The API's error code for a Cognito (Amplify) error. */
export function cognitoErrorCode(error) {
  const message = String(error?.message ?? '');
  switch (error?.name) {
    case 'UsernameExistsException':
      return 'email_taken';
    case 'AliasExistsException':
      return 'handle_taken';
    case 'InvalidPasswordException':
      return passwordCode(message);
    case 'CodeMismatchException':
      return 'code_mismatch';
    case 'ExpiredCodeException':
      return 'code_expired';
    case 'UserNotConfirmedException':
      return 'user_not_confirmed';
    case 'NotAuthorizedException':
      return /confirmed/i.test(message)
        ? 'already_confirmed'
        : 'invalid_credentials';
    case 'UserNotFoundException':
      return 'invalid_credentials';
    case 'LimitExceededException':
    case 'TooManyRequestsException':
    case 'TooManyFailedAttemptsException':
      return 'rate_limited';
    case 'InvalidParameterException':
    case 'EmptySignInUsername':
    case 'EmptySignUpUsername':
      return /email/i.test(message) ? 'email_invalid' : 'body_not_json_object';
    case 'NetworkError':
      return 'network_error';
    default:
      return 'identity_provider_unavailable';
  }
}

async function translated(promise) {
  try {
    return await promise;
  } catch (error) {
    throw new ApiError(400, [cognitoErrorCode(error)], { cause: error });
  }
}

/**
 * Signs in, first ending a session Amplify still holds from an earlier visit
 * that could not be restored (Amplify refuses to sign in over one).
 */
async function signInOverStaleSession(input) {
  try {
    return await signIn(input);
  } catch (error) {
    if (error?.name !== 'UserAlreadyAuthenticatedException') throw error;
    await signOut();
    return signIn(input);
  }
}

async function currentSession(forceRefresh) {
  const { tokens } = await fetchAuthSession({ forceRefresh });
  const accessToken = tokens?.accessToken;
  if (!accessToken) return null;
  return {
    accessToken: accessToken.toString(),
    expiresAt: accessToken.payload.exp * 1000,
  };
}

/**
 * @param {{ region: string, userPoolId: string, userPoolClientId: string }} settings
 * @param {ReturnType<import('@/lib/api-client').createApiClient>} [client] the API,
 *   told of a sign-out so that it refuses the access tokens issued until then
 */
export function createCognitoAuth(settings, client = null) {
  Amplify.configure({
    Auth: {
      Cognito: {
        userPoolId: settings.userPoolId,
        userPoolClientId: settings.userPoolClientId,
        loginWith: { email: true },
      },
    },
  });

  return {
    provider: 'cognito',

    async signUp({ email, handle, displayName, password }) {
      await translated(
        signUp({
          username: email,
          password,
          options: {
            userAttributes: {
              email,
              preferred_username: handle,
              name: displayName,
            },
          },
        }),
      );
    },

    async confirmSignUp({ email, code }) {
      await translated(
        confirmSignUp({ username: email, confirmationCode: code }),
      );
    },

    async resendCode({ email }) {
      await translated(resendSignUpCode({ username: email }));
    },

    async signIn({ email, password }) {
      const result = await translated(
        signInOverStaleSession({ username: email, password }),
      );
      if (result.nextStep?.signInStep === 'CONFIRM_SIGN_UP') {
        throw new ApiError(403, ['user_not_confirmed']);
      }
      if (!result.isSignedIn) {
        throw new ApiError(400, ['identity_provider_unavailable']);
      }
      const session = await translated(currentSession(false));
      if (!session) throw new ApiError(401, ['invalid_credentials']);
      return session;
    },

    /** The session a page load starts with: from Amplify's storage, if any. */
    async restoreSession() {
      try {
        return await currentSession(false);
      } catch {
        return null;
      }
    },

    async refreshSession() {
      try {
        return await currentSession(true);
      } catch {
        return null;
      }
    },

    async signOut() {
      // Best effort: signing out here must work while the API is away.
      await client?.post('/api/auth/signout').catch(() => {});
      await translated(signOut());
    },

    async forgotPassword({ email }) {
      await translated(resetPassword({ username: email }));
    },

    async resetPassword({ email, code, password }) {
      await translated(
        confirmResetPassword({
          username: email,
          confirmationCode: code,
          newPassword: password,
        }),
      );
    },
  };
}
