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
  it('configures Amplify with the user pool and keeps tokens in memory', async () => {
    expect(Amplify.configure).toHaveBeenCalledWith({
      Auth: {
        Cognito: {
          userPoolId: 'eu-west-1_pool',
          userPoolClientId: 'client',
          loginWith: { email: true },
        },
      },
    });
    const [storage] =
      cognitoUserPoolsTokenProvider.setKeyValueStorage.mock.calls[0];
    await storage.setItem('k', 'v');
    expect(await storage.getItem('k')).toBe('v');
    expect(localStorage.length).toBe(0);
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

  it('refreshes by forcing a new session, and restores nothing without one', async () => {
    amplifyAuth.fetchAuthSession.mockResolvedValueOnce(tokens());
    expect((await auth.refreshSession()).accessToken).toBe('jwt-access');
    expect(amplifyAuth.fetchAuthSession).toHaveBeenCalledWith({
      forceRefresh: true,
    });

    amplifyAuth.fetchAuthSession.mockResolvedValueOnce({ tokens: undefined });
    expect(await auth.restoreSession()).toBeNull();
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
});
