// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../env';

describe('parseEnv', () => {
  it('defaults to the same origin, the local identity provider and local avatars', () => {
    expect(parseEnv({})).toEqual({
      apiUrl: '',
      authProvider: 'local',
      cognito: null,
      avatarStorage: 'local',
    });
    expect(
      parseEnv({
        VITE_API_URL: '',
        VITE_AUTH_PROVIDER: '',
        VITE_AVATAR_STORAGE: '',
      }),
    ).toEqual({
      apiUrl: '',
      authProvider: 'local',
      cognito: null,
      avatarStorage: 'local',
    });
  });

  it('accepts cognito with its user pool', () => {
    const env = parseEnv({
      VITE_AUTH_PROVIDER: 'cognito',
      VITE_AWS_COGNITO_REGION: 'eu-west-1',
      VITE_AWS_COGNITO_USER_POOL_ID: 'eu-west-1_abc',
      VITE_AWS_COGNITO_USER_POOL_CLIENT_ID: 'client123',
    });
    expect(env.authProvider).toBe('cognito');
    expect(env.cognito).toEqual({
      region: 'eu-west-1',
      userPoolId: 'eu-west-1_abc',
      userPoolClientId: 'client123',
    });
  });

  it('names the missing user pool settings in cognito mode', () => {
    expect(() => parseEnv({ VITE_AUTH_PROVIDER: 'cognito' })).toThrow(
      /VITE_AWS_COGNITO_USER_POOL_ID and VITE_AWS_COGNITO_USER_POOL_CLIENT_ID are not set/,
    );
  });

  it.each(['Cognito', 'firebase', 'local '])(
    'rejects the auth provider %j with a clear message',
    (value) => {
      expect(() => parseEnv({ VITE_AUTH_PROVIDER: value })).toThrow(
        /Invalid VITE_AUTH_PROVIDER .*expected "local" or "cognito"/,
      );
    },
  );

  it.each(['local', 's3'])('accepts the avatar storage %j', (value) => {
    expect(parseEnv({ VITE_AVATAR_STORAGE: value }).avatarStorage).toBe(value);
  });

  it.each(['S3', 'gcs', 's3 '])(
    'rejects the avatar storage %j with a clear message',
    (value) => {
      expect(() => parseEnv({ VITE_AVATAR_STORAGE: value })).toThrow(
        /Invalid VITE_AVATAR_STORAGE .*expected "local" or "s3"/,
      );
    },
  );

  it.each([
    ['https://api.cruddur.com', 'https://api.cruddur.com'],
    ['http://localhost:4567/', 'http://localhost:4567'],
    ['/backend/', '/backend'],
  ])('accepts the API URL %j as %j', (value, expected) => {
    expect(parseEnv({ VITE_API_URL: value }).apiUrl).toBe(expected);
  });

  it.each(['api.cruddur.com', 'ftp://api.cruddur.com', '//api.cruddur.com'])(
    'rejects the API URL %j with a clear message',
    (value) => {
      expect(() => parseEnv({ VITE_API_URL: value })).toThrow(
        /Invalid VITE_API_URL/,
      );
    },
  );

  it('returns settings that cannot be changed', () => {
    const env = parseEnv({});
    expect(Object.isFrozen(env)).toBe(true);
  });
});
