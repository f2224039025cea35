import { MutationObserver } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '@/lib/react-query';
import { HOME_KEY, PEOPLE_KEY, userCrudsKey } from '@/lib/query-keys';
import { mockApi, reply } from '@/testing/mock-api';
import { followMutationOptions, latestFollowIntent } from '../set-following';

const FOLLOW = 'POST /api/users/@bayko/follow';
const UNFOLLOW = 'DELETE /api/users/@bayko/follow';

function person(handle, overrides = {}) {
  return {
    uuid: `uuid-${handle}`,
    handle,
    display_name: handle,
    avatar_url: '',
    bio: '',
    followers_count: 5,
    following_count: 2,
    followed_by_me: false,
    follows_me: false,
    ...overrides,
  };
}

/** A promise settled from outside, for answers that come when the test says. */
function deferred() {
  let resolve;
  const promise = new Promise((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/** A cache holding Bayko's profile, a list with Bayko and Ada, and Ada's profile. */
function seededClient() {
  const queryClient = createQueryClient();
  queryClient.setQueryData([...userCrudsKey('bayko'), { viewer: 'me' }], {
    pages: [{ profile: person('bayko'), items: [], next_cursor: null }],
    pageParams: [undefined],
  });
  queryClient.setQueryData([...userCrudsKey('ada'), { viewer: 'me' }], {
    pages: [{ profile: person('ada'), items: [], next_cursor: null }],
    pageParams: [undefined],
  });
  queryClient.setQueryData([...PEOPLE_KEY, 'suggested', { viewer: 'me' }], {
    items: [person('bayko'), person('londo')],
  });
  return queryClient;
}

const bayko = (queryClient) =>
  queryClient.getQueryData([...userCrudsKey('bayko'), { viewer: 'me' }])
    .pages[0].profile;
const ada = (queryClient) =>
  queryClient.getQueryData([...userCrudsKey('ada'), { viewer: 'me' }]).pages[0]
    .profile;
const suggested = (queryClient, handle) =>
  queryClient
    .getQueryData([...PEOPLE_KEY, 'suggested', { viewer: 'me' }])
    .items.find((p) => p.handle === handle);

function clicker(queryClient, onLastSettled) {
  const options = followMutationOptions(queryClient, {
    handle: 'bayko',
    me: 'ada',
    onLastSettled,
  });
  return (on) => {
    const observer = new MutationObserver(queryClient, options);
    return observer.mutate({ on }).catch((error) => error);
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('following someone', () => {
  it('shows the follow at once everywhere, then the count the API answered', async () => {
    const answer = deferred();
    const api = mockApi({ [FOLLOW]: () => answer.promise });
    const queryClient = seededClient();
    const settled = vi.fn();
    const click = clicker(queryClient, settled);

    const done = click(true);
    await vi.waitFor(() => expect(api.callsTo(FOLLOW)).toHaveLength(1));
    expect(bayko(queryClient)).toMatchObject({
      followed_by_me: true,
      followers_count: 6,
    });
    expect(suggested(queryClient, 'bayko')).toMatchObject({
      followed_by_me: true,
      followers_count: 6,
    });
    expect(suggested(queryClient, 'londo').followed_by_me).toBe(false);
    expect(ada(queryClient).following_count).toBe(3);
    expect(settled).not.toHaveBeenCalled();

    answer.resolve({ following: true, followers_count: 9 });
    await done;
    expect(bayko(queryClient)).toMatchObject({
      followed_by_me: true,
      followers_count: 9,
    });
    expect(suggested(queryClient, 'bayko').followers_count).toBe(9);
    expect(ada(queryClient).following_count).toBe(3);
    expect(settled).toHaveBeenCalledTimes(1);
  });

  it('reads the home timeline again once answered, and marks the lists stale', async () => {
    mockApi({ [FOLLOW]: { following: true, followers_count: 6 } });
    const queryClient = seededClient();
    queryClient.setQueryData([...HOME_KEY, { viewer: 'me' }], {
      pages: [{ items: [], next_cursor: null }],
      pageParams: [undefined],
    });
    await clicker(queryClient)(true);

    expect(
      queryClient.getQueryState([...HOME_KEY, { viewer: 'me' }]).isInvalidated,
    ).toBe(true);
    expect(
      queryClient.getQueryState([...PEOPLE_KEY, 'suggested', { viewer: 'me' }])
        .isInvalidated,
    ).toBe(true);
  });

  it('takes the follow back when the API refuses it', async () => {
    mockApi({ [FOLLOW]: reply(429, { errors: ['rate_limited'] }) });
    const queryClient = seededClient();
    const error = await clicker(queryClient)(true);

    expect(error.errors).toEqual(['rate_limited']);
    expect(bayko(queryClient)).toMatchObject({
      followed_by_me: false,
      followers_count: 5,
    });
    expect(ada(queryClient).following_count).toBe(2);
  });
});

describe('two quick clicks', () => {
  it('end in the state of the last click, on the screen and in the API', async () => {
    const followAnswer = deferred();
    const api = mockApi({
      [FOLLOW]: () => followAnswer.promise,
      [UNFOLLOW]: { following: false, followers_count: 5 },
    });
    const queryClient = seededClient();
    const settled = vi.fn();
    const click = clicker(queryClient, settled);

    const first = click(true);
    const second = click(false);
    // The last click shows at once, before any answer.
    expect(latestFollowIntent(queryClient, 'bayko')).toBe(false);
    await vi.waitFor(() => expect(api.callsTo(FOLLOW)).toHaveLength(1));
    await vi.waitFor(() =>
      expect(bayko(queryClient).followed_by_me).toBe(false),
    );
    // The unfollow waits for the follow's answer: the API sees them in order.
    expect(api.callsTo(UNFOLLOW)).toHaveLength(0);

    // The follow's answer is not shown: a later click is on its way.
    followAnswer.resolve({ following: true, followers_count: 6 });
    await first;
    expect(bayko(queryClient)).toMatchObject({
      followed_by_me: false,
      followers_count: 5,
    });
    expect(settled).not.toHaveBeenCalled();

    await second;
    expect(api.calls.map((call) => call.key)).toEqual([FOLLOW, UNFOLLOW]);
    expect(bayko(queryClient)).toMatchObject({
      followed_by_me: false,
      followers_count: 5,
    });
    expect(ada(queryClient).following_count).toBe(2);
    expect(settled).toHaveBeenCalledTimes(1);
    expect(latestFollowIntent(queryClient, 'bayko')).toBeUndefined();
  });

  it('keep the first click when the second is refused', async () => {
    mockApi({
      [FOLLOW]: { following: true, followers_count: 6 },
      [UNFOLLOW]: reply(429, { errors: ['rate_limited'] }),
    });
    const queryClient = seededClient();
    const click = clicker(queryClient);

    const first = click(true);
    const second = click(false);
    await first;
    await second;
    expect(bayko(queryClient).followed_by_me).toBe(true);
    expect(ada(queryClient).following_count).toBe(3);
    // What the API holds is read again.
    expect(
      queryClient.getQueryState([...userCrudsKey('bayko'), { viewer: 'me' }])
        .isInvalidated,
    ).toBe(true);
  });

  it('cancel a refetch of a profile already on its way, so it cannot put the old flag back', async () => {
    const stale = deferred();
    mockApi({ [FOLLOW]: { following: true, followers_count: 6 } });
    const queryClient = seededClient();
    const key = [...userCrudsKey('bayko'), { viewer: 'me' }];
    const refetch = queryClient.fetchQuery({
      queryKey: key,
      queryFn: () => stale.promise,
    });
    refetch.catch(() => {});

    await clicker(queryClient)(true);
    stale.resolve({
      pages: [{ profile: person('bayko'), items: [], next_cursor: null }],
      pageParams: [undefined],
    });
    await refetch.catch(() => {});
    expect(bayko(queryClient).followed_by_me).toBe(true);
  });
});
