import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, createApiClient } from '@/lib/api-client';
import { mockApi, reply } from '@/testing/mock-api';
import { createLocalAuth } from '../local-auth';

const SESSION = { access_token: 'abc', expires_in: 3600, token_type: 'Bearer' };

let auth;

beforeEach(() => {
  auth = createLocalAuth(createApiClient(''), { storage: localStorage });
});

describe('the local identity provider', () => {
  it('signs up with the API names for the fields', async () => {
    const api = mockApi({
      'POST /api/auth/signup': reply(201, {
        email: 'a@example.com',
        confirmation_required: true,
      }),
    });
    await auth.signUp({
      email: 'a@example.com',
      handle: 'ada',
      displayName: 'Ada',
      password: 'Pass-word1',
    });
    expect(api.calls[0].body).toEqual({
      email: 'a@example.com',
      handle: 'ada',
      display_name: 'Ada',
      password: 'Pass-word1',
    });
  });

  it('signs in with the cookie credentials and returns a session in memory', async () => {
    const api = mockApi({ 'POST /api/auth/signin': SESSION });
    vi.spyOn(Date, 'now').mockReturnValue(1_000_000);

    const session = await auth.signIn({
      email: 'a@example.com',
      password: 'x',
    });

    expect(session).toEqual({
      accessToken: 'abc',
      expiresAt: 1_000_000 + 3_600_000,
    });
    expect(api.fetchMock.mock.calls[0][1].credentials).toBe('include');
    expect(api.calls[0].headers.Authorization).toBeUndefined();
    expect(JSON.stringify(localStorage)).not.toContain('abc');
  });

  it('passes on the codes of a refused sign-in', async () => {
    mockApi({
      'POST /api/auth/signin': reply(403, { errors: ['user_not_confirmed'] }),
    });
    const error = await auth
      .signIn({ email: 'a@example.com', password: 'x' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.errors).toEqual(['user_not_confirmed']);
  });

  it('spends the refresh cookie once when asked twice at the same moment', async () => {
    const api = mockApi({
      'POST /api/auth/signin': SESSION,
      'POST /api/auth/refresh': SESSION,
    });
    await auth.signIn({ email: 'a@example.com', password: 'x' });
    const [first, second] = await Promise.all([
      auth.restoreSession(),
      auth.refreshSession(),
    ]);
    expect(first.accessToken).toBe('abc');
    expect(second).toEqual(first);
    const refreshes = api.calls.filter(
      (call) => call.key === 'POST /api/auth/refresh',
    );
    expect(refreshes).toHaveLength(1);
  });

  it('takes the browser-wide refresh lock, so tabs take turns', async () => {
    mockApi({ 'POST /api/auth/refresh': SESSION });
    const held = [];
    const locks = {
      request: vi.fn(async (name, task) => {
        held.push(name);
        return task();
      }),
    };
    const tab = createLocalAuth(createApiClient(''), {
      storage: localStorage,
      locks,
    });
    expect((await tab.refreshSession()).accessToken).toBe('abc');
    expect(held).toEqual(['cruddur.refresh']);
  });

  it('does not ask for a refresh on page load when nobody signed in here', async () => {
    const api = mockApi({});
    expect(await auth.restoreSession()).toBeNull();
    expect(api.fetchMock).not.toHaveBeenCalled();
  });

  it('restores the session from the refresh cookie after a sign-in', async () => {
    const api = mockApi({
      'POST /api/auth/signin': SESSION,
      'POST /api/auth/refresh': SESSION,
    });
    await auth.signIn({ email: 'a@example.com', password: 'x' });

    const restored = await createLocalAuth(createApiClient(''), {
      storage: localStorage,
    }).restoreSession();

    expect(restored.accessToken).toBe('abc');
    expect(api.callsTo('POST /api/auth/refresh')).toHaveLength(1);
    expect(api.fetchMock.mock.calls[1][1].credentials).toBe('include');
  });

  it('forgets a refresh cookie the API no longer accepts', async () => {
    localStorage.setItem('cruddur.session', '1');
    const api = mockApi({
      'POST /api/auth/refresh': reply(401, {
        errors: ['refresh_token_invalid'],
      }),
    });
    expect(await auth.restoreSession()).toBeNull();
    expect(await auth.restoreSession()).toBeNull();
    expect(api.fetchMock).toHaveBeenCalledTimes(1);
  });

  it('signs out on the API and forgets the session', async () => {
    localStorage.setItem('cruddur.session', '1');
    const api = mockApi({ 'POST /api/auth/signout': reply(204) });
    await auth.signOut();
    expect(api.callsTo('POST /api/auth/signout')).toHaveLength(1);
    expect(localStorage.getItem('cruddur.session')).toBeNull();
  });

  it('confirms, resends, and resets a password with the API routes', async () => {
    const api = mockApi({
      'POST /api/auth/confirm': { confirmed: true, handle: 'ada' },
      'POST /api/auth/resend-code': { email: 'a@example.com' },
      'POST /api/auth/forgot-password': { email: 'a@example.com' },
      'POST /api/auth/reset-password': { email: 'a@example.com' },
    });
    await auth.confirmSignUp({ email: 'a@example.com', code: '123456' });
    await auth.resendCode({ email: 'a@example.com' });
    await auth.forgotPassword({ email: 'a@example.com' });
    await auth.resetPassword({
      email: 'a@example.com',
      code: '654321',
      password: 'New-pass1',
    });
    expect(api.calls.map((call) => [call.key, call.body])).toEqual([
      ['POST /api/auth/confirm', { email: 'a@example.com', code: '123456' }],
      ['POST /api/auth/resend-code', { email: 'a@example.com' }],
      ['POST /api/auth/forgot-password', { email: 'a@example.com' }],
      [
        'POST /api/auth/reset-password',
        { email: 'a@example.com', code: '654321', password: 'New-pass1' },
      ],
    ]);
  });
});
