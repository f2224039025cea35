import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { setViewportWidth } from '@/testing/match-media';
import {
  ME,
  makeActivity,
  makePerson,
  mockApi,
  reply,
  signedIn,
} from '@/testing/mock-api';
import { renderApp } from './render-app';

const XSS = '<img src=x onerror=alert(1)>';

afterEach(() => {
  window.history.pushState({}, '', '/');
});

function page(items, next_cursor = null) {
  return { items, next_cursor };
}

describe('the home page for a visitor', () => {
  it('shows the feed, the sign-up call and people to follow, without Follow buttons', async () => {
    const crud = makeActivity({
      message: `Hello ${XSS}`,
      handle: 'bayko',
      display_name: 'Bayko',
    });
    const api = mockApi({
      'GET /api/activities/home': page([crud]),
      'GET /api/users/suggested': { items: [makePerson('bayko', 'Bayko')] },
    });

    const { container } = renderApp('/');

    const item = await screen.findByRole('article', { name: 'Crud by Bayko' });
    expect(within(item).getByText(`Hello ${XSS}`)).toBeInTheDocument();
    expect(container.querySelector('img[src="x"]')).toBeNull();
    expect(within(item).getByText('@bayko')).toBeInTheDocument();
    expect(within(item).getByText('1m')).toBeInTheDocument();
    expect(within(item).getByText(/^expires in 5\dm$/)).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'New to Cruddur?' }),
    ).toBeInTheDocument();
    const people = await screen.findByRole('region', {
      name: 'Who to follow',
    });
    expect(within(people).getByRole('link', { name: /Bayko/ })).toHaveAttribute(
      'href',
      '/@bayko',
    );
    expect(within(people).queryByRole('button')).not.toBeInTheDocument();
    expect(api.callsTo('GET /api/users/suggested')[0].params.get('limit')).toBe(
      '5',
    );
    expect(
      screen.queryByRole('navigation', { name: 'Timelines' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('form', { name: 'Write a crud' }),
    ).not.toBeInTheDocument();
  });

  it('loads the next page with the cursor from "Load more cruds"', async () => {
    const first = makeActivity({ message: 'first page' });
    const second = makeActivity({ message: 'second page' });
    const api = mockApi({
      'GET /api/activities/home': ({ params }) =>
        params.get('cursor') === 'c2' ? page([second]) : page([first], 'c2'),
    });
    const user = userEvent.setup();
    renderApp('/');

    await user.click(
      await screen.findByRole('button', { name: 'Load more cruds' }),
    );

    expect(await screen.findByText('second page')).toBeInTheDocument();
    expect(screen.getByText('first page')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Load more cruds' }),
    ).not.toBeInTheDocument();
    expect(
      api
        .callsTo('GET /api/activities/home')
        .map((call) => call.params.get('cursor')),
    ).toContain('c2');
  });

  it('takes a crud off the screen when it expires', async () => {
    const soon = makeActivity({
      message: 'about to go',
      expires_at: new Date(Date.now() + 1500).toISOString(),
    });
    mockApi({
      'GET /api/activities/home': page([
        soon,
        makeActivity({ message: 'stays' }),
      ]),
    });
    renderApp('/');

    expect(await screen.findByText('about to go')).toBeInTheDocument();
    await waitFor(
      () => expect(screen.queryByText('about to go')).not.toBeInTheDocument(),
      {
        timeout: 3000,
      },
    );
    expect(screen.getByText('stays')).toBeInTheDocument();
  });

  it('explains a failed feed in words and offers to try again', async () => {
    mockApi({
      'GET /api/activities/home': reply(503, {
        errors: ['postgres_unavailable'],
      }),
    });
    renderApp('/');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/database is down/);
    expect(alert).not.toHaveTextContent('postgres_unavailable');
    expect(
      within(alert).getByRole('button', { name: 'Try again' }),
    ).toBeInTheDocument();
  });

  it('sends a visitor to sign in, and back, from a page that needs an account', async () => {
    mockApi({ 'GET /api/activities/home': page([]) });
    renderApp('/notifications');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Sign in' }),
    ).toBeInTheDocument();
    expect(window.location.search).toBe('?next=%2Fnotifications');
  });

  it('shows the 404 page inside the layout', async () => {
    mockApi({ 'GET /api/activities/home': page([]) });
    renderApp('/no/such/page');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Page not found' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('navigation', { name: 'Main' }),
    ).toBeInTheDocument();
  });
});

describe('the sidebar', () => {
  const sidebarCalls = (api) => api.callsTo('GET /api/users/suggested');

  it('is not rendered on a phone, so its people are not fetched', async () => {
    setViewportWidth(375);
    const api = mockApi({
      'GET /api/activities/home': page([makeActivity({ message: 'hi' })]),
      'GET /api/users/suggested': { items: [makePerson('bayko', 'Bayko')] },
    });
    renderApp('/');

    expect(await screen.findByText('hi')).toBeInTheDocument();
    expect(
      screen.queryByRole('complementary', { name: 'Sidebar' }),
    ).not.toBeInTheDocument();
    expect(sidebarCalls(api)).toEqual([]);
  });

  it('comes and goes as the window is resized', async () => {
    setViewportWidth(1000);
    const api = mockApi({
      'GET /api/activities/home': page([
        makeActivity({ handle: 'bayko', display_name: 'Bayko' }),
      ]),
      'GET /api/users/suggested': { items: [makePerson('londo', 'Londo')] },
    });
    renderApp('/');
    expect(await screen.findByText('@bayko')).toBeInTheDocument();
    expect(screen.queryByRole('complementary')).not.toBeInTheDocument();

    act(() => setViewportWidth(1001));
    const sidebar = screen.getByRole('complementary', { name: 'Sidebar' });
    expect(
      await within(sidebar).findByRole('region', {
        name: 'Who to follow',
      }),
    ).toBeInTheDocument();
    expect(sidebarCalls(api).length).toBeGreaterThan(0);

    act(() => setViewportWidth(640));
    expect(screen.queryByRole('complementary')).not.toBeInTheDocument();
  });
});

describe('the home page when signed in', () => {
  it('names the user from GET /api/profile and posts a crud that shows at once', async () => {
    const posted = makeActivity({
      handle: ME.handle,
      display_name: ME.display_name,
      message: 'Fresh one',
    });
    const api = mockApi({
      ...signedIn(),
      'GET /api/activities/home': page([]),
      'POST /api/activities': reply(201, posted),
    });
    const user = userEvent.setup();
    renderApp('/');

    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(await within(nav).findByText('Ada Lovelace')).toBeInTheDocument();
    const form = await screen.findByRole('form', { name: 'Write a crud' });
    await user.type(
      within(form).getByLabelText('What is happening?'),
      'Fresh one',
    );
    await user.selectOptions(
      within(form).getByLabelText('Expires after'),
      '1-hour',
    );
    await user.click(within(form).getByRole('button', { name: 'Crud' }));

    expect(
      await screen.findByRole('article', { name: 'Crud by Ada Lovelace' }),
    ).toHaveTextContent('Fresh one');
    const [call] = api.callsTo('POST /api/activities');
    expect(call.body).toEqual({ message: 'Fresh one', ttl: '1-hour' });
    expect(call.headers.Authorization).toBe('Bearer token-1');
    expect(within(form).getByLabelText('What is happening?')).toHaveValue('');
  });

  it('likes at once and takes the like back when the API refuses', async () => {
    const crud = makeActivity({ likes_count: 2 });
    let answer;
    mockApi({
      ...signedIn(),
      'GET /api/activities/home': page([crud]),
      [`POST /api/activities/${crud.uuid}/like`]: () =>
        new Promise((resolve) => {
          answer = resolve;
        }),
    });
    const user = userEvent.setup();
    renderApp('/');

    await user.click(
      await screen.findByRole('button', { name: 'Like (2 likes)' }),
    );
    expect(
      screen.getByRole('button', { name: 'Like (3 likes)' }),
    ).toHaveAttribute('aria-pressed', 'true');

    answer(reply(503, { errors: ['postgres_unavailable'] }));

    expect(
      await screen.findByRole('button', { name: 'Like (2 likes)' }),
    ).toHaveAttribute('aria-pressed', 'false');
    expect(screen.getByText(/database is down/)).toBeInTheDocument();
  });

  it('likes and reposts the same crud at once, and keeps both as the answers arrive', async () => {
    const crud = makeActivity({ likes_count: 2, reposts_count: 5 });
    const answers = {};
    const later = (name) => () =>
      new Promise((resolve) => {
        answers[name] = resolve;
      });
    mockApi({
      ...signedIn(),
      'GET /api/activities/home': page([crud]),
      [`POST /api/activities/${crud.uuid}/like`]: later('like'),
      [`POST /api/activities/${crud.uuid}/repost`]: later('repost'),
    });
    const user = userEvent.setup();
    renderApp('/');
    const button = (name) => screen.findByRole('button', { name });

    await user.click(await button('Like (2 likes)'));
    await user.click(await button('Repost (5 reposts)'));
    expect(await button('Like (3 likes)')).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(await button('Repost (6 reposts)')).toHaveAttribute(
      'aria-pressed',
      'true',
    );

    // Someone else liked it meanwhile: the API's count is the one shown.
    answers.like({ liked: true, likes_count: 4 });
    expect(await button('Like (4 likes)')).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(await button('Repost (6 reposts)')).toHaveAttribute(
      'aria-pressed',
      'true',
    );

    answers.repost({ reposted: true, reposts_count: 7 });
    expect(await button('Repost (7 reposts)')).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(await button('Like (4 likes)')).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  it('takes back only the like when the API refuses it and accepts the repost', async () => {
    const crud = makeActivity({ likes_count: 2, reposts_count: 5 });
    let refuseLike;
    mockApi({
      ...signedIn(),
      'GET /api/activities/home': page([crud]),
      [`POST /api/activities/${crud.uuid}/like`]: () =>
        new Promise((resolve) => {
          refuseLike = () =>
            resolve(reply(503, { errors: ['postgres_unavailable'] }));
        }),
      [`POST /api/activities/${crud.uuid}/repost`]: {
        reposted: true,
        reposts_count: 6,
      },
    });
    const user = userEvent.setup();
    renderApp('/');

    await user.click(
      await screen.findByRole('button', { name: 'Like (2 likes)' }),
    );
    await user.click(
      screen.getByRole('button', { name: 'Repost (5 reposts)' }),
    );
    expect(
      await screen.findByRole('button', { name: 'Repost (6 reposts)' }),
    ).toHaveAttribute('aria-pressed', 'true');
    refuseLike();

    expect(
      await screen.findByRole('button', { name: 'Like (2 likes)' }),
    ).toHaveAttribute('aria-pressed', 'false');
    expect(
      screen.getByRole('button', { name: 'Repost (6 reposts)' }),
    ).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByText(/database is down/)).toBeInTheDocument();
  });

  it('shows a like given on the crud page in the cached home feed at once', async () => {
    const crud = makeActivity({ likes_count: 2 });
    let feedReads = 0;
    mockApi({
      ...signedIn(),
      'GET /api/activities/home': ({ params }) => {
        if (params.get('limit')) return page([crud]);
        feedReads += 1;
        // The feed read again on the way back is slow: the cache shows first.
        return feedReads === 1 ? page([crud]) : new Promise(() => {});
      },
      [`GET /api/activities/@${crud.handle}/status/${crud.uuid}`]: {
        activity: crud,
        items: [],
        next_cursor: null,
      },
      [`POST /api/activities/${crud.uuid}/like`]: {
        liked: true,
        likes_count: 3,
      },
    });
    const user = userEvent.setup();
    renderApp('/');

    const item = await screen.findByRole('article', {
      name: 'Crud by Andrew Brown',
    });
    await user.click(within(item).getByText('1m'));
    await screen.findByRole('heading', { level: 1, name: 'Crud' });
    await user.click(screen.getByRole('button', { name: 'Like (2 likes)' }));
    await screen.findByRole('button', { name: 'Like (3 likes)' });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    await user.click(within(nav).getByRole('link', { name: 'Home' }));

    expect(
      await screen.findByRole('button', { name: 'Like (3 likes)' }),
    ).toHaveAttribute('aria-pressed', 'true');
    expect(feedReads).toBe(2);
  });

  it('sends the user to sign in and back when the session is refused', async () => {
    let refreshes = 0;
    mockApi({
      ...signedIn(),
      'POST /api/auth/refresh': () =>
        ++refreshes === 1
          ? { access_token: 'token-1', expires_in: 3600, token_type: 'Bearer' }
          : reply(401, { errors: ['refresh_token_invalid'] }),
      'GET /api/activities/home': page([]),
      'GET /api/activities/search': reply(401, { errors: ['token_expired'] }),
    });
    renderApp('/search?q=cats');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Sign in' }),
    ).toBeInTheDocument();
    expect(window.location.pathname).toBe('/signin');
    expect(window.location.search).toBe('?next=%2Fsearch%3Fq%3Dcats');
    expect(refreshes).toBe(2);
  });
});
