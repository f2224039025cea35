/**
 * A fake API behind `fetch` for tests that render whole routes: handlers are
 * keyed by "METHOD /path" (no query string) and get `{ url, params, body }`.
 * A handler returns a body (200), or `reply(status, body)`. A request with no
 * handler fails the test with its route named.
 */
import { vi } from 'vitest';

export function reply(status, body) {
  return { __reply: true, status, body };
}

function toResponse(result) {
  const { status, body } = result?.__reply
    ? result
    : { status: 200, body: result };
  if (status === 204 || body === undefined)
    return new Response(null, { status });
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

export function mockApi(handlers) {
  const calls = [];
  const fetchMock = vi.fn(async (input, init = {}) => {
    const url = new URL(input, 'http://localhost');
    const method = init.method ?? 'GET';
    const key = `${method} ${url.pathname}`;
    const body =
      typeof init.body === 'string' ? JSON.parse(init.body) : init.body;
    const call = {
      key,
      url,
      params: url.searchParams,
      body,
      headers: init.headers ?? {},
    };
    calls.push(call);
    const handler = handlers[key];
    if (!handler) throw new Error(`unexpected request: ${key}`);
    return toResponse(
      await (typeof handler === 'function' ? handler(call) : handler),
    );
  });
  vi.stubGlobal('fetch', fetchMock);
  return {
    fetchMock,
    calls,
    callsTo: (key) => calls.filter((c) => c.key === key),
  };
}

let counter = 0;

/** A crud as the API returns it, live for an hour unless told otherwise. */
export function makeActivity(overrides = {}) {
  counter += 1;
  const now = Date.now();
  return {
    uuid: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    handle: 'andrew',
    display_name: 'Andrew Brown',
    avatar_url: '',
    message: `Crud number ${counter}`,
    ttl: '1-hour',
    reply_to_activity_uuid: null,
    replies_count: 0,
    likes_count: 0,
    reposts_count: 0,
    created_at: new Date(now - 60_000).toISOString(),
    expires_at: new Date(now + 3_600_000).toISOString(),
    liked: false,
    reposted: false,
    ...overrides,
  };
}

/** A person as the people lists and suggestions answer them. */
export function makePerson(handle, display_name, overrides = {}) {
  return {
    uuid: `uuid-${handle}`,
    handle,
    display_name,
    avatar_url: '',
    bio: '',
    followers_count: 3,
    following_count: 1,
    followed_by_me: false,
    follows_me: false,
    ...overrides,
  };
}

export const ME = Object.freeze({
  uuid: '11111111-1111-4111-8111-111111111111',
  handle: 'ada',
  display_name: 'Ada Lovelace',
  bio: '',
  avatar_url: '',
  avatar_url_large: '',
});

/** Handlers for a signed-in session restored from the refresh cookie. */
export function signedIn(profile = ME) {
  localStorage.setItem('cruddur.session', '1');
  return {
    'POST /api/auth/refresh': {
      access_token: 'token-1',
      expires_in: 3600,
      token_type: 'Bearer',
    },
    'GET /api/profile': profile,
    'GET /api/activities/notifications': {
      items: [],
      next_cursor: null,
      unread_count: 0,
    },
  };
}

/** A profile as GET /api/activities/@<handle> returns it, with the safety flags. */
export function makeProfile(handle, display_name, overrides = {}) {
  return {
    ...makePerson(handle, display_name),
    avatar_url_large: '',
    cruds_count: 0,
    created_at: '2026-01-01T00:00:00Z',
    blocking: false,
    muting: false,
    muted_until: null,
    ...overrides,
  };
}

/** A report as the moderation queue lists it: open, about a live crud. */
export function makeReport(overrides = {}) {
  counter += 1;
  const uuid = `rrrrrrrr-0000-4000-8000-${String(counter).padStart(12, '0')}`;
  return {
    uuid,
    reason: 'spam',
    comment: '',
    created_at: new Date(Date.now() - 120_000).toISOString(),
    closed_at: null,
    resolution: null,
    reporter: { handle: 'ada', display_name: 'Ada Lovelace', avatar_url: '' },
    target: {
      handle: 'spammer',
      display_name: 'Spam Bot',
      avatar_url: '',
      suspended: false,
      suspended_until: null,
    },
    activity: {
      uuid: `aaaaaaaa-0000-4000-8000-${String(counter).padStart(12, '0')}`,
      message: 'Buy cheap watches',
      handle: 'spammer',
      expires_at: new Date(Date.now() + 3_600_000).toISOString(),
      state: 'live',
    },
    ...overrides,
  };
}

/** An entry of GET /api/moderation/log. */
export function makeLogEntry(overrides = {}) {
  counter += 1;
  return {
    uuid: `llllllll-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    action: 'remove',
    reason: 'Spam, plainly',
    created_at: new Date(Date.now() - 60_000).toISOString(),
    moderator: { handle: 'mo', display_name: 'Mo Derator', avatar_url: '' },
    target: { handle: 'spammer', display_name: 'Spam Bot', avatar_url: '' },
    activity_uuid: null,
    report_uuid: null,
    suspended_until: null,
    ...overrides,
  };
}

/** The answer to any request of a suspended person (`until` null: until lifted). */
export function suspendedReply(until = null) {
  return reply(403, { errors: ['account_suspended'], suspended_until: until });
}
