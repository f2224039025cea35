// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, createApiClient, suspensionOf } from '../api-client';

function jsonResponse(status, body) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

function stubFetch(response) {
  const fetchMock = vi.fn().mockResolvedValue(response);
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

async function caught(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the request to fail');
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('api client', () => {
  it('returns the parsed JSON of a successful response', async () => {
    const fetchMock = stubFetch(jsonResponse(200, { status: 'ok' }));

    await expect(api.get('/api/health-check')).resolves.toEqual({
      status: 'ok',
    });

    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/api/health-check');
    expect(init.method).toBe('GET');
    expect(init.headers.Accept).toBe('application/json');
    expect(init.body).toBeUndefined();
  });

  it('prefixes the API base URL and adds query parameters, skipping empty ones', async () => {
    const fetchMock = stubFetch(jsonResponse(200, { items: [] }));
    const client = createApiClient('https://api.example.com');

    await client.get('/api/activities/home', {
      params: { cursor: 'abc=', limit: 20, term: undefined },
    });

    expect(fetchMock.mock.calls[0][0]).toBe(
      'https://api.example.com/api/activities/home?cursor=abc%3D&limit=20',
    );
  });

  it('sends a JSON body with its content type', async () => {
    const fetchMock = stubFetch(jsonResponse(201, { uuid: 'u1' }));

    await expect(
      api.post('/api/activities', { message: 'hi', ttl: '7-days' }),
    ).resolves.toEqual({ uuid: 'u1' });

    const [, init] = fetchMock.mock.calls[0];
    expect(init.method).toBe('POST');
    expect(init.headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(init.body)).toEqual({ message: 'hi', ttl: '7-days' });
  });

  it('lets callers add headers such as Authorization', async () => {
    const fetchMock = stubFetch(jsonResponse(200, {}));

    await api.get('/api/message_groups', {
      headers: { Authorization: 'Bearer t0k3n' },
    });

    expect(fetchMock.mock.calls[0][1].headers).toMatchObject({
      Accept: 'application/json',
      Authorization: 'Bearer t0k3n',
    });
  });

  it('resolves to null for an empty success response', async () => {
    stubFetch(new Response(null, { status: 204 }));

    await expect(api.delete('/api/activities/x/like')).resolves.toBeNull();
  });

  it('throws an ApiError with the status and error codes of a JSON error', async () => {
    stubFetch(
      jsonResponse(503, {
        errors: ['postgres_unavailable'],
        postgres: 'down',
        dynamodb: 'up',
      }),
    );

    const error = await caught(api.get('/api/health-check'));

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ApiError');
    expect(error.status).toBe(503);
    expect(error.errors).toEqual(['postgres_unavailable']);
    expect(error.message).toContain('postgres_unavailable');
  });

  it('keeps every code of a multi-error body', async () => {
    stubFetch(jsonResponse(422, { errors: ['message_blank', 'ttl_blank'] }));

    const error = await caught(api.post('/api/activities', {}));

    expect(error.status).toBe(422);
    expect(error.errors).toEqual(['message_blank', 'ttl_blank']);
  });

  it('throws an ApiError with no codes for a non-JSON error', async () => {
    stubFetch(
      new Response('Internal Server Error', {
        status: 500,
        headers: { 'Content-Type': 'text/plain' },
      }),
    );

    const error = await caught(api.get('/api/health-check'));

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(500);
    expect(error.errors).toEqual([]);
  });

  it.each([502, 503, 504])(
    'reports a non-JSON %i from a gateway as api_unreachable',
    async (status) => {
      stubFetch(
        new Response('<html>Bad Gateway</html>', {
          status,
          headers: { 'Content-Type': 'text/html' },
        }),
      );

      const error = await caught(api.get('/api/health-check'));

      expect(error).toBeInstanceOf(ApiError);
      expect(error.status).toBe(status);
      expect(error.errors).toEqual(['api_unreachable']);
    },
  );

  it('reads the codes of a JSON error even when its content type has parameters', async () => {
    stubFetch(
      new Response(JSON.stringify({ errors: ['not_found'] }), {
        status: 404,
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
      }),
    );

    const error = await caught(api.get('/api/activities/@nobody'));

    expect(error.status).toBe(404);
    expect(error.errors).toEqual(['not_found']);
  });

  it('throws an ApiError with no codes for a JSON error without an errors array', async () => {
    stubFetch(jsonResponse(500, { message: 'boom' }));

    const error = await caught(api.get('/api/health-check'));

    expect(error.status).toBe(500);
    expect(error.errors).toEqual([]);
  });

  it('treats a successful non-JSON response as invalid', async () => {
    stubFetch(
      new Response('<!doctype html><title>Cruddur</title>', {
        status: 200,
        headers: { 'Content-Type': 'text/html' },
      }),
    );

    const error = await caught(api.get('/api/health-check'));

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(200);
    expect(error.errors).toEqual(['invalid_response']);
  });

  it('turns a network failure into an ApiError with status 0', async () => {
    const failure = new TypeError('Failed to fetch');
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(failure));

    const error = await caught(api.get('/api/health-check'));

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(0);
    expect(error.errors).toEqual(['network_error']);
    expect(error.cause).toBe(failure);
  });

  it('lets an abort through unchanged', async () => {
    const abort = new DOMException('aborted', 'AbortError');
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(abort));

    await expect(api.get('/api/health-check')).rejects.toBe(abort);
  });
});

describe('api client sessions', () => {
  function sessionClient({ token = 'old', refresh = async () => 'new' } = {}) {
    const client = createApiClient('');
    const onUnauthorized = vi.fn();
    const refreshMock = vi.fn(refresh);
    client.setAuth({
      getAccessToken: () => token,
      refresh: refreshMock,
      onUnauthorized,
    });
    return { client, onUnauthorized, refreshMock };
  }

  it('sends the access token, but not on requests made without auth', async () => {
    const fetchMock = vi.fn(async () => jsonResponse(200, {}));
    vi.stubGlobal('fetch', fetchMock);
    const { client } = sessionClient();

    await client.get('/api/profile');
    await client.post('/api/auth/signin', {}, { auth: false });

    expect(fetchMock.mock.calls[0][1].headers.Authorization).toBe('Bearer old');
    expect(fetchMock.mock.calls[1][1].headers.Authorization).toBeUndefined();
  });

  it('refreshes once on a 401 and retries with the new token', async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(jsonResponse(401, { errors: ['token_expired'] }))
      .mockResolvedValueOnce(jsonResponse(200, { ok: true }));
    vi.stubGlobal('fetch', fetchMock);
    const { client, refreshMock, onUnauthorized } = sessionClient();

    await expect(client.get('/api/profile')).resolves.toEqual({ ok: true });

    expect(refreshMock).toHaveBeenCalledTimes(1);
    expect(fetchMock.mock.calls[1][1].headers.Authorization).toBe('Bearer new');
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('reports a lost session when the refresh fails', async () => {
    stubFetch(jsonResponse(401, { errors: ['token_expired'] }));
    const { client, onUnauthorized } = sessionClient({
      refresh: async () => null,
    });

    const error = await caught(client.get('/api/profile'));

    expect(error.errors).toEqual(['token_expired']);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('leaves a 401 to an anonymous request alone', async () => {
    stubFetch(jsonResponse(401, { errors: ['token_missing'] }));
    const { client, refreshMock, onUnauthorized } = sessionClient({
      token: null,
    });

    await caught(client.get('/api/profile'));

    expect(refreshMock).not.toHaveBeenCalled();
    expect(onUnauthorized).not.toHaveBeenCalled();
  });
});

describe('api client keyed writes', () => {
  const client = () => createApiClient('', { retryDelaysMs: [0, 0] });
  const keyOf = (call) => call[1].headers['Idempotency-Key'];

  it('sends the key, and sends the write again with it when it may not have got through', async () => {
    const fetchMock = vi
      .fn()
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValueOnce(
        jsonResponse(503, { errors: ['postgres_unavailable'] }),
      )
      .mockResolvedValueOnce(jsonResponse(201, { uuid: 'u1' }));
    vi.stubGlobal('fetch', fetchMock);

    await expect(
      client().post(
        '/api/activities',
        { message: 'hi' },
        { idempotencyKey: 'k1' },
      ),
    ).resolves.toEqual({ uuid: 'u1' });

    expect(fetchMock.mock.calls.map(keyOf)).toEqual(['k1', 'k1', 'k1']);
    expect(fetchMock.mock.calls.map(([, init]) => init.body)).toEqual(
      Array(3).fill(JSON.stringify({ message: 'hi' })),
    );
  });

  it('gives up after two retries', async () => {
    const fetchMock = vi.fn(async () =>
      jsonResponse(503, { errors: ['dynamodb_unavailable'] }),
    );
    vi.stubGlobal('fetch', fetchMock);

    const error = await caught(
      client().post('/api/messages', {}, { idempotencyKey: 'k2' }),
    );

    expect(error.errors).toEqual(['dynamodb_unavailable']);
    expect(fetchMock).toHaveBeenCalledTimes(3);
  });

  it('waits for a twin still in flight', async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(
        jsonResponse(409, { errors: ['idempotency_key_in_progress'] }),
      )
      .mockResolvedValueOnce(jsonResponse(201, { uuid: 'u1' }));
    vi.stubGlobal('fetch', fetchMock);

    await expect(
      client().post('/api/activities', {}, { idempotencyKey: 'k3' }),
    ).resolves.toEqual({ uuid: 'u1' });
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it.each([
    ['a refusal, with a key', { idempotencyKey: 'k4' }, 422],
    ['an outage, without a key', {}, 503],
  ])('does not send %s again', async (_, options, status) => {
    const fetchMock = stubFetch(jsonResponse(status, { errors: ['x_y'] }));

    const error = await caught(client().post('/api/activities', {}, options));

    expect(error.status).toBe(status);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(keyOf(fetchMock.mock.calls[0])).toBe(options.idempotencyKey);
  });
});

describe('a suspended account', () => {
  const suspended = (until) =>
    jsonResponse(403, {
      errors: ['account_suspended'],
      suspended_until: until,
    });

  it('reports the suspension of a signed-in request once, with its end', async () => {
    stubFetch(suspended('2026-12-24T18:00:00Z'));
    const onSuspended = vi.fn();
    const client = createApiClient('');
    client.setAuth({ getAccessToken: () => 'token', onSuspended });

    const error = await caught(client.get('/api/activities/home'));
    expect(error.status).toBe(403);
    expect(suspensionOf(error)).toEqual({ until: '2026-12-24T18:00:00Z' });
    expect(onSuspended).toHaveBeenCalledTimes(1);
    expect(onSuspended).toHaveBeenCalledWith({
      until: '2026-12-24T18:00:00Z',
    });
  });

  it('leaves an identity route’s 403 to its caller, and reads null as until lifted', async () => {
    stubFetch(suspended(null));
    const onSuspended = vi.fn();
    const client = createApiClient('');
    client.setAuth({ getAccessToken: () => 'token', onSuspended });

    const error = await caught(
      client.post('/api/auth/signin', {}, { auth: false }),
    );
    expect(suspensionOf(error)).toEqual({ until: null });
    expect(onSuspended).not.toHaveBeenCalled();
  });

  it('is not any other 403', async () => {
    stubFetch(jsonResponse(403, { errors: ['user_not_confirmed'] }));
    const error = await caught(api.get('/api/profile'));
    expect(suspensionOf(error)).toBeNull();
    expect(suspensionOf(new Error('boom'))).toBeNull();
  });
});
