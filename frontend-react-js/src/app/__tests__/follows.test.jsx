import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ME,
  makeActivity,
  makePerson,
  mockApi,
  reply,
  signedIn,
} from '@/testing/mock-api';
import { renderApp } from './render-app';

const EMPTY = { items: [], next_cursor: null };

function profile(handle, display_name, overrides = {}) {
  return {
    ...makePerson(handle, display_name),
    avatar_url_large: '',
    cruds_count: 0,
    created_at: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

const me = (overrides = {}) => ({
  ...ME,
  followers_count: 0,
  following_count: 2,
  ...overrides,
});

afterEach(() => {
  window.history.pushState({}, '', '/');
});

describe('following from a profile', () => {
  it('follows at once, counts the follower, and shows the API’s count once answered', async () => {
    let answer;
    const api = mockApi({
      ...signedIn(me()),
      'GET /api/activities/home': EMPTY,
      'GET /api/users/suggested': EMPTY,
      'GET /api/activities/@bayko': {
        profile: profile('bayko', 'Bayko', {
          followers_count: 1,
          following_count: 4,
          follows_me: true,
        }),
        items: [],
        next_cursor: null,
      },
      'POST /api/users/@bayko/follow': () =>
        new Promise((resolve) => {
          answer = resolve;
        }),
    });
    const user = userEvent.setup();
    renderApp('/@bayko');

    const header = await screen.findByRole('region', { name: 'Profile' });
    expect(within(header).getByText('Follows you')).toBeInTheDocument();
    expect(
      within(header).getByRole('link', { name: '4 following' }),
    ).toHaveAttribute('href', '/@bayko/following');
    expect(
      within(header).getByRole('link', { name: '1 follower' }),
    ).toHaveAttribute('href', '/@bayko/followers');

    await user.click(
      within(header).getByRole('button', { name: 'Follow Bayko' }),
    );
    expect(
      within(header).getByRole('button', { name: 'Following Bayko' }),
    ).toHaveAttribute('aria-pressed', 'true');
    expect(
      await within(header).findByRole('link', { name: '2 followers' }),
    ).toBeInTheDocument();
    expect(api.callsTo('POST /api/users/@bayko/follow')).toHaveLength(1);

    answer({ following: true, followers_count: 7 });
    expect(
      await within(header).findByRole('link', { name: '7 followers' }),
    ).toBeInTheDocument();
    // The signed-in person's counts are read again.
    await waitFor(() =>
      expect(api.callsTo('GET /api/profile').length).toBeGreaterThan(1),
    );
  });

  it('ends a double click in the state of the second click, sent in order', async () => {
    const answers = [];
    const api = mockApi({
      ...signedIn(me()),
      'GET /api/activities/home': EMPTY,
      'GET /api/users/suggested': EMPTY,
      'GET /api/activities/@bayko': {
        profile: profile('bayko', 'Bayko', { followers_count: 1 }),
        items: [],
        next_cursor: null,
      },
      'POST /api/users/@bayko/follow': () =>
        new Promise((resolve) => answers.push(resolve)),
      'DELETE /api/users/@bayko/follow': () =>
        new Promise((resolve) => answers.push(resolve)),
    });
    const user = userEvent.setup();
    renderApp('/@bayko');

    const header = await screen.findByRole('region', { name: 'Profile' });
    await user.dblClick(
      within(header).getByRole('button', { name: 'Follow Bayko' }),
    );
    expect(
      within(header).getByRole('button', { name: 'Follow Bayko' }),
    ).toHaveAttribute('aria-pressed', 'false');
    await waitFor(() => expect(answers).toHaveLength(1));
    answers[0]({ following: true, followers_count: 2 });
    await waitFor(() => expect(answers).toHaveLength(2));
    // The first answer is not shown: the second click is still on its way.
    expect(
      within(header).getByRole('button', { name: 'Follow Bayko' }),
    ).toBeInTheDocument();
    expect(
      within(header).getByRole('link', { name: '1 follower' }),
    ).toBeInTheDocument();
    answers[1]({ following: false, followers_count: 1 });
    await waitFor(() =>
      expect(api.calls.map((call) => call.key)).toContain(
        'DELETE /api/users/@bayko/follow',
      ),
    );
    expect(
      api.calls
        .map((call) => call.key)
        .filter((key) => key.endsWith('/follow')),
    ).toEqual([
      'POST /api/users/@bayko/follow',
      'DELETE /api/users/@bayko/follow',
    ]);
    expect(
      await within(header).findByRole('link', { name: '1 follower' }),
    ).toBeInTheDocument();
    expect(
      within(header).getByRole('button', { name: 'Follow Bayko' }),
    ).toBeInTheDocument();
  });

  it('unfollows from "Following" and says why when refused', async () => {
    mockApi({
      ...signedIn(me()),
      'GET /api/activities/home': EMPTY,
      'GET /api/users/suggested': EMPTY,
      'GET /api/activities/@bayko': {
        profile: profile('bayko', 'Bayko', {
          followers_count: 2,
          followed_by_me: true,
        }),
        items: [],
        next_cursor: null,
      },
      'DELETE /api/users/@bayko/follow': reply(429, {
        errors: ['rate_limited'],
      }),
    });
    const user = userEvent.setup();
    renderApp('/@bayko');

    const header = await screen.findByRole('region', { name: 'Profile' });
    await user.click(
      within(header).getByRole('button', { name: 'Following Bayko' }),
    );
    expect(await within(header).findByRole('alert')).toHaveTextContent(
      'You are doing that too often.',
    );
    expect(
      within(header).getByRole('button', { name: 'Following Bayko' }),
    ).toBeInTheDocument();
    expect(
      within(header).getByRole('link', { name: '2 followers' }),
    ).toBeInTheDocument();
  });

  it('offers no Follow button on your own profile, nor to a visitor', async () => {
    mockApi({
      ...signedIn(me()),
      'GET /api/activities/home': EMPTY,
      'GET /api/users/suggested': EMPTY,
      'GET /api/activities/@ada': {
        profile: profile('ada', ME.display_name, { uuid: ME.uuid }),
        items: [],
        next_cursor: null,
      },
    });
    renderApp('/@ada');
    const header = await screen.findByRole('region', { name: 'Profile' });
    expect(
      within(header).getByRole('button', { name: 'Edit profile' }),
    ).toBeInTheDocument();
    expect(
      within(header).queryByRole('button', { name: /^Follow/ }),
    ).not.toBeInTheDocument();
  });

  it('shows a visitor the counts but no Follow button', async () => {
    mockApi({
      'GET /api/activities/home': EMPTY,
      'GET /api/users/suggested': EMPTY,
      'GET /api/activities/@bayko': {
        profile: profile('bayko', 'Bayko', { followers_count: 12 }),
        items: [],
        next_cursor: null,
      },
    });
    renderApp('/@bayko');
    const header = await screen.findByRole('region', { name: 'Profile' });
    expect(
      within(header).getByRole('link', { name: '12 followers' }),
    ).toBeInTheDocument();
    expect(
      within(header).queryByRole('button', { name: /Follow/ }),
    ).not.toBeInTheDocument();
  });
});

describe('the followers and following pages', () => {
  it('list people page by page, each with a Follow button but yourself', async () => {
    const api = mockApi({
      ...signedIn(me()),
      'GET /api/activities/home': EMPTY,
      'GET /api/users/suggested': EMPTY,
      'GET /api/users/@bayko/followers': ({ params }) =>
        params.get('cursor') === 'p2'
          ? { items: [makePerson('ada', ME.display_name)], next_cursor: null }
          : {
              items: [
                makePerson('londo', 'Londo', {
                  follows_me: true,
                  bio: 'Ambassador',
                }),
              ],
              next_cursor: 'p2',
            },
      'POST /api/users/@londo/follow': { following: true, followers_count: 4 },
    });
    const user = userEvent.setup();
    renderApp('/@bayko/followers');

    const list = await screen.findByRole('region', {
      name: 'People following @bayko',
    });
    const londo = await within(list).findByRole('article', { name: 'Londo' });
    expect(within(londo).getByText('Follows you')).toBeInTheDocument();
    expect(within(londo).getByText('Ambassador')).toBeInTheDocument();
    expect(within(londo).getByRole('link', { name: /Londo/ })).toHaveAttribute(
      'href',
      '/@londo',
    );
    expect(
      screen.getByRole('link', { name: 'Followers', current: 'page' }),
    ).toHaveAttribute('href', '/@bayko/followers');

    await user.click(screen.getByRole('button', { name: 'Load more people' }));
    const ada = await within(list).findByRole('article', {
      name: ME.display_name,
    });
    expect(within(ada).queryByRole('button')).not.toBeInTheDocument();
    expect(
      api
        .callsTo('GET /api/users/@bayko/followers')
        .map((call) => call.params.get('cursor')),
    ).toContain('p2');

    await user.click(
      within(londo).getByRole('button', { name: 'Follow Londo' }),
    );
    expect(
      await within(londo).findByRole('button', { name: 'Following Londo' }),
    ).toBeInTheDocument();
    expect(api.callsTo('POST /api/users/@londo/follow')).toHaveLength(1);
  });

  it('says when the list is empty, and when nobody has the handle', async () => {
    mockApi({
      'GET /api/activities/home': EMPTY,
      'GET /api/users/suggested': EMPTY,
      'GET /api/users/@bayko/following': EMPTY,
      'GET /api/users/@nobody/following': reply(404, {
        errors: ['user_not_found'],
      }),
    });
    renderApp('/@bayko/following');
    expect(
      await screen.findByText('@bayko does not follow anyone yet.'),
    ).toBeInTheDocument();

    window.history.pushState({}, '', '/');
    renderApp('/@nobody/following');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Page not found' }),
    ).toBeInTheDocument();
  });
});

describe('the home timelines', () => {
  it('start on Following for someone who follows people, and switch to Everyone', async () => {
    const mine = makeActivity({ message: 'from someone I follow' });
    const everyone = makeActivity({ message: 'from anyone at all' });
    const api = mockApi({
      ...signedIn(me()),
      'GET /api/users/suggested': EMPTY,
      'GET /api/activities/home': { items: [mine], next_cursor: null },
      'GET /api/activities/public': { items: [everyone], next_cursor: null },
    });
    const user = userEvent.setup();
    renderApp('/');

    expect(
      await screen.findByText('from someone I follow'),
    ).toBeInTheDocument();
    const tabs = screen.getByRole('navigation', { name: 'Timelines' });
    expect(
      within(tabs).getByRole('link', { name: 'Following' }),
    ).toHaveAttribute('aria-current', 'page');
    expect(api.callsTo('GET /api/activities/public')).toHaveLength(0);
    expect(
      screen.queryByRole('region', { name: 'People to follow' }),
    ).not.toBeInTheDocument();

    await user.click(within(tabs).getByRole('link', { name: 'Everyone' }));
    expect(await screen.findByText('from anyone at all')).toBeInTheDocument();
    expect(screen.queryByText('from someone I follow')).not.toBeInTheDocument();
    expect(window.location.search).toBe('?feed=everyone');
    expect(
      within(tabs).getByRole('link', { name: 'Everyone' }),
    ).toHaveAttribute('aria-current', 'page');
  });

  it('show someone who follows nobody Everyone and people to follow, and fill Following once they follow', async () => {
    let followed = false;
    const theirs = makeActivity({
      handle: 'bayko',
      display_name: 'Bayko',
      message: 'Bayko was here',
    });
    const api = mockApi({
      ...signedIn(me({ following_count: 0 })),
      'GET /api/profile': () => me({ following_count: followed ? 1 : 0 }),
      'GET /api/users/suggested': {
        items: [makePerson('bayko', 'Bayko', { bio: 'Posts daily' })],
      },
      'GET /api/activities/public': {
        items: [makeActivity({ message: 'a public crud' })],
        next_cursor: null,
      },
      'GET /api/activities/home': () => ({
        items: followed ? [theirs] : [],
        next_cursor: null,
      }),
      'POST /api/users/@bayko/follow': () => {
        followed = true;
        return { following: true, followers_count: 4 };
      },
    });
    const user = userEvent.setup();
    renderApp('/');

    expect(await screen.findByText('a public crud')).toBeInTheDocument();
    const tabs = screen.getByRole('navigation', { name: 'Timelines' });
    expect(
      within(tabs).getByRole('link', { name: 'Everyone' }),
    ).toHaveAttribute('aria-current', 'page');
    const people = await screen.findByRole('region', {
      name: 'People to follow',
    });
    expect(within(people).getByText('Posts daily')).toBeInTheDocument();
    // The sidebar does not suggest the same people again beside it.
    expect(
      screen.queryByRole('region', { name: 'Who to follow' }),
    ).not.toBeInTheDocument();
    expect(
      api
        .callsTo('GET /api/users/suggested')
        .map((call) => call.params.get('limit')),
    ).toEqual(['10']);

    await user.click(within(tabs).getByRole('link', { name: 'Following' }));
    expect(
      await screen.findByText(/Follow people to see their cruds here/),
    ).toBeInTheDocument();
    const panel = screen.getByRole('region', { name: 'People to follow' });
    await user.click(
      within(panel).getByRole('button', { name: 'Follow Bayko' }),
    );
    expect(
      within(panel).getByRole('button', { name: 'Following Bayko' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Bayko was here')).toBeInTheDocument();
    expect(api.callsTo('POST /api/users/@bayko/follow')).toHaveLength(1);
    // Their counts are read again; the page stays as it was.
    await waitFor(() =>
      expect(api.callsTo('GET /api/profile').length).toBeGreaterThan(1),
    );
    expect(
      screen.getByRole('region', { name: 'People to follow' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('region', { name: 'Who to follow' }),
    ).not.toBeInTheDocument();
  });

  it('say who reposted a crud into the timeline', async () => {
    mockApi({
      ...signedIn(me()),
      'GET /api/users/suggested': EMPTY,
      'GET /api/activities/home': {
        items: [
          makeActivity({
            handle: 'dora',
            display_name: 'Dora',
            message: 'by someone I do not follow',
            reposted_by: {
              handle: 'londo',
              display_name: 'Londo Mollari',
              reposted_at: new Date().toISOString(),
            },
          }),
          makeActivity({ message: 'an ordinary crud', reposted_by: null }),
        ],
        next_cursor: null,
      },
    });
    renderApp('/');

    const reposted = await screen.findByRole('article', {
      name: 'Crud by Dora',
    });
    expect(reposted).toHaveTextContent(/^reposted by Londo Mollari/);
    expect(
      within(reposted).getByRole('link', { name: 'Londo Mollari' }),
    ).toHaveAttribute('href', '/@londo');
    const plain = screen.getByRole('article', { name: 'Crud by Andrew Brown' });
    expect(plain).not.toHaveTextContent('reposted by');
  });
});

describe('a follow notification', () => {
  it('says who followed you and links to their profile', async () => {
    mockApi({
      ...signedIn(me()),
      'GET /api/activities/home': EMPTY,
      'GET /api/users/suggested': EMPTY,
      'GET /api/activities/notifications': {
        items: [
          {
            uuid: 'n1',
            kind: 'follow',
            created_at: new Date().toISOString(),
            read: true,
            actor: { handle: 'bayko', display_name: 'Bayko', avatar_url: '' },
            activity: null,
            reply: null,
          },
        ],
        next_cursor: null,
        unread_count: 0,
      },
    });
    renderApp('/notifications');

    const line = (await screen.findByText('followed you')).closest('p');
    expect(line).toHaveTextContent(/Bayko followed you/);
    for (const link of within(line).getAllByRole('link')) {
      expect(link).toHaveAttribute('href', '/@bayko');
    }
  });
});
