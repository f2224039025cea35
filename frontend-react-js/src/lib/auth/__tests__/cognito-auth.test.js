import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/api-client';

vi.mock('aws-amplify', () => ({ Amplify: { configure: vi.fn() } }));
vi.mock('aws-amplify/auth', () => ({
  signUp: vi.fn(),
  confirmSignUp: vi.fn(),
  resendSignUpCode: vi.fn(),
  signIn: vi.fn(),
  signOut: vi.fn(),
  fetchAuthSession: vi.fn(),
  resetPassword: vi.fn(),
  confirmResetPassword: vi.fn(),
}));
vi.mock('aws-amplify/auth/cognito', () => ({
  cognitoUserPoolsTokenProvider: { setKeyValueStorage: vi.fn() },
}));

const { Amplify } = await import('aws-amplify');
const amplifyAuth = await import('aws-amplify/auth');
const { cognitoUserPoolsTokenProvider } =
  await import('aws-amplify/auth/cognito');
const { createCognitoAuth, cognitoErrorCode } = await import('../cognito-auth');

const SETTINGS = {
  region: 'eu-west-1',
  userPoolId: 'eu-west-1_pool',
  userPoolClientId: 'client',
};

function amplifyError(name, message = '') {
  return Object.assign(new Error(message), { name });
}

function tokens(exp = 2_000_000_000) {
  return {
    tokens: {
      accessToken: { toString: () => 'jwt-access', payload: { exp } },
    },
  };
}

let auth;

beforeEach(() => {
  vi.clearAllMocks();
  auth = createCognitoAuth(SETTINGS);
});

describe('the Cognito identity provider', () => {
  it('configures Amplify with the user pool and leaves its token storage in place', () => {
    expect(Amplify.configure).toHaveBeenCalledWith({
      Auth: {
        Cognito: {
          userPoolId: 'eu-west-1_pool',
          userPoolClientId: 'client',
          loginWith: { email: true },
        },
      },
    });
    // Amplify's default storage outlives a page load; a memory store would not.
    expect(
      cognitoUserPoolsTokenProvider.setKeyValueStorage,
    ).not.toHaveBeenCalled();
  });

  it('signs up with the handle as preferred_username and the name', async () => {
    amplifyAuth.signUp.mockResolvedValue({ isSignUpComplete: false });
    await auth.signUp({
      email: 'a@example.com',
      handle: 'ada',
      displayName: 'Ada',
      password: 'Pass-word1',
    });
    expect(amplifyAuth.signUp).toHaveBeenCalledWith({
      username: 'a@example.com',
      password: 'Pass-word1',
      options: {
        userAttributes: {
          email: 'a@example.com',
          preferred_username: 'ada',
          name: 'Ada',
        },
      },
    });
  });

  it('signs in and returns the access token and its expiry', async () => {
    amplifyAuth.signIn.mockResolvedValue({
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    });
    amplifyAuth.fetchAuthSession.mockResolvedValue(tokens(1_900_000_000));

    await expect(
      auth.signIn({ email: 'a@example.com', password: 'p' }),
    ).resolves.toEqual({
      accessToken: 'jwt-access',
      expiresAt: 1_900_000_000_000,
    });
  });

  it('reports an unconfirmed account with the API code', async () => {
    amplifyAuth.signIn.mockResolvedValue({
      isSignedIn: false,
      nextStep: { signInStep: 'CONFIRM_SIGN_UP' },
    });
    const error = await auth
      .signIn({ email: 'a@example.com', password: 'p' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.errors).toEqual(['user_not_confirmed']);
  });

  it.each([
    [
      'NotAuthorizedException',
      'Incorrect username or password.',
      'invalid_credentials',
    ],
    ['UsernameExistsException', '', 'email_taken'],
    ['CodeMismatchException', '', 'code_mismatch'],
    ['ExpiredCodeException', '', 'code_expired'],
    ['UserNotConfirmedException', '', 'user_not_confirmed'],
    ['LimitExceededException', '', 'rate_limited'],
    [
      'InvalidPasswordException',
      'Password must have uppercase characters',
      'password_needs_uppercase',
    ],
    [
      'InvalidPasswordException',
      'Password must have symbol characters',
      'password_needs_symbol',
    ],
    [
      'NotAuthorizedException',
      'User cannot be confirmed. Current status is CONFIRMED',
      'already_confirmed',
    ],
    ['SomethingNew', '', 'identity_provider_unavailable'],
  ])('turns %s (%s) into %s', (name, message, code) => {
    expect(cognitoErrorCode(amplifyError(name, message))).toBe(code);
  });

  it('passes Cognito failures on as ApiErrors with codes', async () => {
    amplifyAuth.confirmSignUp.mockRejectedValue(
      amplifyError('CodeMismatchException'),
    );
    const error = await auth
      .confirmSignUp({ email: 'a@example.com', code: '000000' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.errors).toEqual(['code_mismatch']);
  });

  it('signs in over a session Amplify kept but the page could not restore', async () => {
    amplifyAuth.signIn
      .mockRejectedValueOnce(amplifyError('UserAlreadyAuthenticatedException'))
      .mockResolvedValueOnce({
        isSignedIn: true,
        nextStep: { signInStep: 'DONE' },
      });
    amplifyAuth.fetchAuthSession.mockResolvedValue(tokens());

    const session = await auth.signIn({
      email: 'b@example.com',
      password: 'p',
    });

    expect(session.accessToken).toBe('jwt-access');
    expect(amplifyAuth.signOut).toHaveBeenCalledOnce();
    expect(amplifyAuth.signIn).toHaveBeenCalledTimes(2);
    expect(amplifyAuth.signIn).toHaveBeenLastCalledWith({
      username: 'b@example.com',
      password: 'p',
    });
  });

  it('restores the session Amplify kept from an earlier page load', async () => {
    // Amplify reads its storage, refreshing an expired access token itself.
    amplifyAuth.fetchAuthSession.mockResolvedValueOnce(tokens(1_900_000_000));

    await expect(auth.restoreSession()).resolves.toEqual({
      accessToken: 'jwt-access',
      expiresAt: 1_900_000_000_000,
    });
    expect(amplifyAuth.fetchAuthSession).toHaveBeenCalledWith({
      forceRefresh: false,
    });
    expect(amplifyAuth.signIn).not.toHaveBeenCalled();
  });

  it('restores nothing when nobody signed in here or the session has ended', async () => {
    amplifyAuth.fetchAuthSession.mockResolvedValueOnce({ tokens: undefined });
    expect(await auth.restoreSession()).toBeNull();

    // A refresh token Cognito no longer accepts, or no network.
    amplifyAuth.fetchAuthSession.mockRejectedValueOnce(
      amplifyError('NotAuthorizedException', 'Refresh Token has expired'),
    );
    expect(await auth.restoreSession()).toBeNull();
  });

  it('refreshes by forcing a new session', async () => {
    amplifyAuth.fetchAuthSession.mockResolvedValueOnce(tokens());
    expect((await auth.refreshSession()).accessToken).toBe('jwt-access');
    expect(amplifyAuth.fetchAuthSession).toHaveBeenCalledWith({
      forceRefresh: true,
    });
  });

  it('resets a password with the code', async () => {
    await auth.forgotPassword({ email: 'a@example.com' });
    await auth.resetPassword({
      email: 'a@example.com',
      code: '123456',
      password: 'New-pass1',
    });
    expect(amplifyAuth.resetPassword).toHaveBeenCalledWith({
      username: 'a@example.com',
    });
    expect(amplifyAuth.confirmResetPassword).toHaveBeenCalledWith({
      username: 'a@example.com',
      confirmationCode: '123456',
      newPassword: 'New-pass1',
    });
  });

  it('tells the API of a sign-out, then signs out of Amplify even when the API is away', async () => {
    const client = { post: vi.fn().mockRejectedValue(new Error('offline')) };
    const told = createCognitoAuth(SETTINGS, client);
    await told.signOut();
    expect(client.post).toHaveBeenCalledWith('/api/auth/signout');
    expect(amplifyAuth.signOut).toHaveBeenCalledOnce();
  });
});
