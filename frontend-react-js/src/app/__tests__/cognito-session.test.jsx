// A Cognito build (VITE_AUTH_PROVIDER=cognito) with Amplify mocked: a page
// load picks up the session Amplify kept in its own storage.
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ME, mockApi } from '@/testing/mock-api';
import { renderApp } from './render-app';

vi.mock('@/config/env', () => ({
  env: Object.freeze({
    apiUrl: '',
    authProvider: 'cognito',
    avatarStorage: 'local',
    cognito: Object.freeze({
      region: 'eu-west-1',
      userPoolId: 'eu-west-1_pool',
      userPoolClientId: 'client',
    }),
  }),
}));
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

const amplifyAuth = await import('aws-amplify/auth');

const EMPTY = { items: [], next_cursor: null };

function storedSession() {
  const exp = Math.floor(Date.now() / 1000) + 3600;
  return {
    tokens: {
      accessToken: { toString: () => 'jwt-restored', payload: { exp } },
    },
  };
}

beforeEach(() => {
  vi.clearAllMocks();
});

afterEach(() => {
  window.history.pushState({}, '', '/');
});

describe('a page load in Cognito mode', () => {
  it('restores the session Amplify kept and calls the API with its access token', async () => {
    amplifyAuth.fetchAuthSession.mockResolvedValue(storedSession());
    const api = mockApi({
      'GET /api/profile': ME,
      'GET /api/activities/home': EMPTY,
      'GET /api/activities/notifications': {
        items: [],
        next_cursor: null,
        unread_count: 0,
      },
    });
    const user = userEvent.setup();
    renderApp('/');

    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(await within(nav).findByText(ME.display_name)).toBeInTheDocument();
    const [profileCall] = api.callsTo('GET /api/profile');
    expect(profileCall.headers.Authorization).toBe('Bearer jwt-restored');
    expect(amplifyAuth.signIn).not.toHaveBeenCalled();
    // The app itself writes no token anywhere: Amplify's storage is its own.
    expect(localStorage.length).toBe(0);

    await user.click(screen.getAllByRole('button', { name: 'Sign out' })[0]);
    expect(amplifyAuth.signOut).toHaveBeenCalledOnce();
    expect(
      (await screen.findAllByRole('link', { name: 'Sign in' })).length,
    ).toBeGreaterThan(0);
  });

  it('starts signed out when Amplify holds no session', async () => {
    amplifyAuth.fetchAuthSession.mockResolvedValue({ tokens: undefined });
    const api = mockApi({ 'GET /api/activities/home': EMPTY });
    renderApp('/notifications');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Sign in' }),
    ).toBeInTheDocument();
    expect(api.callsTo('GET /api/profile')).toHaveLength(0);
  });
});
