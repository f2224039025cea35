import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeXhr } from '@/testing/fake-xhr';
import { ME, makeActivity, mockApi, reply, signedIn } from '@/testing/mock-api';
import { renderApp } from './render-app';

const XSS = '<img src=x onerror=alert(1)>';
const EMPTY = { items: [], next_cursor: null };

afterEach(() => {
  window.history.pushState({}, '', '/');
});

describe('sign up, confirm and sign in', () => {
  it('carries the email from sign-up to confirm to sign in', async () => {
    const api = mockApi({
      'GET /api/activities/home': EMPTY,
      'POST /api/auth/signup': reply(201, {
        email: 'ada@example.com',
        confirmation_required: true,
      }),
      'POST /api/auth/confirm': { confirmed: true, handle: 'ada' },
    });
    const user = userEvent.setup();
    renderApp('/signup');

    await user.type(await screen.findByLabelText('Display name'), 'Ada');
    await user.type(screen.getByLabelText('Handle'), 'ada');
    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'short');
    await user.click(screen.getByRole('button', { name: 'Sign up' }));

    expect(screen.getByText(/at least 8 characters long/)).toBeInTheDocument();
    expect(screen.getByLabelText('Password')).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(api.callsTo('POST /api/auth/signup')).toHaveLength(0);

    await user.clear(screen.getByLabelText('Password'));
    await user.type(screen.getByLabelText('Password'), 'Engine-1843!');
    await user.click(screen.getByRole('button', { name: 'Sign up' }));

    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'Confirm your email',
      }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toHaveValue('ada@example.com');
    await user.type(screen.getByLabelText('Confirmation code'), '123456');
    await user.click(screen.getByRole('button', { name: 'Confirm' }));

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Sign in' }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toHaveValue('ada@example.com');
    expect(screen.getByText(/Your account is confirmed/)).toBeInTheDocument();
  });

  it('shows the API refusal next to the field it is about', async () => {
    mockApi({
      'GET /api/activities/home': EMPTY,
      'POST /api/auth/signup': reply(409, { errors: ['handle_taken'] }),
    });
    const user = userEvent.setup();
    renderApp('/signup');

    await user.type(await screen.findByLabelText('Display name'), 'Ada');
    await user.type(screen.getByLabelText('Handle'), 'ada');
    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'Engine-1843!');
    await user.click(screen.getByRole('button', { name: 'Sign up' }));

    expect(
      await screen.findByText('That handle is taken. Please pick another one.'),
    ).toBeVisible();
    expect(screen.getByLabelText('Handle')).toHaveAttribute(
      'aria-invalid',
      'true',
    );
  });

  it('sends an unconfirmed account to confirm with its email', async () => {
    mockApi({
      'GET /api/activities/home': EMPTY,
      'POST /api/auth/signin': reply(403, { errors: ['user_not_confirmed'] }),
    });
    const user = userEvent.setup();
    renderApp('/signin');

    await user.type(await screen.findByLabelText('Email'), 'late@example.com');
    await user.type(screen.getByLabelText('Password'), 'whatever');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'Confirm your email',
      }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toHaveValue('late@example.com');
    expect(screen.getByText(/not confirmed yet/)).toBeInTheDocument();
  });

  it('returns to the page that asked for a sign-in', async () => {
    mockApi({
      'GET /api/activities/home': EMPTY,
      'POST /api/auth/signin': {
        access_token: 't',
        expires_in: 3600,
        token_type: 'Bearer',
      },
      'GET /api/profile': ME,
      'GET /api/activities/notifications': {
        items: [],
        next_cursor: null,
        unread_count: 0,
      },
    });
    const user = userEvent.setup();
    renderApp('/signin?next=%2Fnotifications');

    await user.type(await screen.findByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'Engine-1843!');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Notifications' }),
    ).toBeInTheDocument();
    expect(window.location.pathname).toBe('/notifications');
  });
});

describe('a profile', () => {
  const mine = {
    ...ME,
    bio: `I write ${XSS}`,
    cruds_count: 1,
    created_at: '2026-01-01T00:00:00Z',
  };

  it('lets its owner change name, bio and avatar, and shows them everywhere at once', async () => {
    const crud = makeActivity({
      handle: ME.handle,
      display_name: ME.display_name,
    });
    const renamed = { ...mine, display_name: 'Ada King', bio: 'Countess' };
    const uploads = fakeXhr({
      status: 200,
      body: {
        ...mine,
        avatar_url: '/avatars/new-128.webp',
        avatar_url_large: '/avatars/new-512.webp',
      },
    });
    let current = ME;
    const api = mockApi({
      ...signedIn(),
      'GET /api/profile': () => current,
      'GET /api/activities/@ada': {
        profile: mine,
        items: [crud],
        next_cursor: null,
      },
      'GET /api/activities/home': EMPTY,
      'PUT /api/profile': () => {
        current = { ...renamed, avatar_url: '/avatars/new-128.webp' };
        return current;
      },
    });
    vi.stubGlobal(
      'URL',
      Object.assign(URL, {
        createObjectURL: () => 'blob:preview',
        revokeObjectURL: () => {},
      }),
    );
    const user = userEvent.setup();
    const { container } = renderApp('/@ada');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Ada Lovelace' }),
    ).toBeInTheDocument();
    expect(screen.getByText(`I write ${XSS}`)).toBeInTheDocument();
    expect(container.querySelector('img[src="x"]')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Edit profile' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit profile' });
    await user.clear(within(dialog).getByLabelText('Display name'));
    await user.type(within(dialog).getByLabelText('Display name'), 'Ada King');
    await user.clear(within(dialog).getByLabelText('Bio'));
    await user.type(within(dialog).getByLabelText('Bio'), 'Countess');
    const file = new File(['png'], 'me.png', { type: 'image/png' });
    await user.upload(within(dialog).getByLabelText('Avatar'), file);
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Ada King' }),
    ).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(await within(nav).findByText('Ada King')).toBeInTheDocument();
    await waitFor(() =>
      expect(api.callsTo('GET /api/profile').length).toBeGreaterThan(1),
    );
    expect(
      screen.getByRole('article', { name: 'Crud by Ada King' }),
    ).toBeInTheDocument();
    expect(uploads).toHaveLength(1);
    expect(uploads[0].url).toBe('/api/profile/avatar');
    expect(uploads[0].headers.Authorization).toBe('Bearer token-1');
    expect(uploads[0].body.get('avatar')).toBe(file);
    expect(api.callsTo('PUT /api/profile')[0].body).toEqual({
      display_name: 'Ada King',
      bio: 'Countess',
    });
  });

  it('refuses an avatar of the wrong type before uploading', async () => {
    mockApi({
      ...signedIn(),
      'GET /api/activities/@ada': {
        profile: mine,
        items: [],
        next_cursor: null,
      },
      'GET /api/activities/home': EMPTY,
    });
    const user = userEvent.setup({ applyAccept: false });
    renderApp('/@ada');

    await user.click(
      await screen.findByRole('button', { name: 'Edit profile' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Edit profile' });
    await user.upload(
      within(dialog).getByLabelText('Avatar'),
      new File(['%PDF'], 'cv.pdf', { type: 'application/pdf' }),
    );

    expect(
      within(dialog).getByText('Choose a JPEG, PNG, WebP or GIF image.'),
    ).toBeVisible();
    expect(within(dialog).getByRole('button', { name: 'Save' })).toBeDisabled();
  });

  it('offers to message someone else, and says when nobody has the handle', async () => {
    mockApi({
      'GET /api/activities/home': EMPTY,
      'GET /api/activities/@bayko': {
        profile: {
          ...mine,
          uuid: 'other',
          handle: 'bayko',
          display_name: 'Bayko',
        },
        items: [],
        next_cursor: null,
      },
      'GET /api/activities/@nobody': reply(404, { errors: ['user_not_found'] }),
    });
    renderApp('/@bayko');
    expect(
      await screen.findByRole('link', { name: 'Message' }),
    ).toHaveAttribute('href', '/messages/new?handle=bayko');
    expect(
      screen.queryByRole('button', { name: 'Edit profile' }),
    ).not.toBeInTheDocument();
  });
});

describe('notifications', () => {
  it('lists them and marks them read when viewed', async () => {
    const crud = makeActivity({ handle: ME.handle });
    const api = mockApi({
      ...signedIn(),
      'GET /api/activities/home': EMPTY,
      'GET /api/activities/notifications': {
        items: [
          {
            uuid: 'n1',
            kind: 'reply',
            created_at: new Date().toISOString(),
            read: false,
            actor: { handle: 'bayko', display_name: 'Bayko', avatar_url: '' },
            activity: {
              uuid: crud.uuid,
              message: 'my crud',
              handle: ME.handle,
            },
            reply: { uuid: 'r1', message: `Nice ${XSS}` },
          },
        ],
        next_cursor: null,
        unread_count: 1,
      },
      'POST /api/activities/notifications/read': { unread_count: 0 },
    });
    renderApp('/notifications');

    expect(await screen.findByText('replied to your crud')).toBeInTheDocument();
    expect(screen.getByText(`Nice ${XSS}`)).toBeInTheDocument();
    await waitFor(() =>
      expect(
        api.callsTo('POST /api/activities/notifications/read'),
      ).toHaveLength(1),
    );
  });
});

describe('notifications seen again', () => {
  it('are not marked read twice when shown again from the cache', async () => {
    let read = false;
    const api = mockApi({
      ...signedIn(),
      'GET /api/activities/home': EMPTY,
      'GET /api/activities/notifications': () => ({
        items: [
          {
            uuid: 'n1',
            kind: 'repost',
            created_at: new Date().toISOString(),
            read,
            actor: { handle: 'bayko', display_name: 'Bayko', avatar_url: '' },
            activity: { uuid: 'a1', message: 'my crud', handle: ME.handle },
          },
        ],
        next_cursor: null,
        unread_count: read ? 0 : 1,
      }),
      'POST /api/activities/notifications/read': () => {
        read = true;
        return { unread_count: 0 };
      },
    });
    const user = userEvent.setup();
    renderApp('/notifications');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    const marks = () => api.callsTo('POST /api/activities/notifications/read');

    expect(await screen.findByText('reposted your crud')).toBeInTheDocument();
    await waitFor(() => expect(marks()).toHaveLength(1));
    await user.click(within(nav).getByRole('link', { name: 'Home' }));
    await screen.findByRole('heading', { level: 1, name: 'Home' });
    const reads = api.callsTo('GET /api/activities/notifications').length;
    await user.click(within(nav).getByRole('link', { name: 'Notifications' }));

    expect(await screen.findByText('reposted your crud')).toBeInTheDocument();
    await waitFor(() =>
      expect(
        api.callsTo('GET /api/activities/notifications').length,
      ).toBeGreaterThan(reads),
    );
    await waitFor(() => expect(screen.queryByText('(new)')).toBeNull());
    expect(marks()).toHaveLength(1);
  });
});

describe('the unread badge', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const unread = (count) => ({
    items: [],
    next_cursor: null,
    unread_count: count,
  });

  it('counts what came in since, every 30 seconds while the tab is visible', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let count = 1;
    const api = mockApi({
      ...signedIn(),
      'GET /api/activities/home': EMPTY,
      'GET /api/activities/notifications': () => unread(count),
    });
    renderApp('/');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    await within(nav).findByRole('link', { name: /1\s*unread/ });

    count = 2;
    await vi.advanceTimersByTimeAsync(30_000);
    await within(nav).findByRole('link', { name: /2\s*unread/ });

    const visibility = vi.spyOn(document, 'visibilityState', 'get');
    const show = (state) => {
      visibility.mockReturnValue(state);
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    };
    show('hidden');
    const reads = api.callsTo('GET /api/activities/notifications').length;
    await vi.advanceTimersByTimeAsync(90_000);
    expect(api.callsTo('GET /api/activities/notifications')).toHaveLength(
      reads,
    );

    count = 3;
    show('visible');
    await within(nav).findByRole('link', { name: /3\s*unread/ });
  });

  it('goes once the notifications are read, with the count the API answered', async () => {
    const api = mockApi({
      ...signedIn(),
      'GET /api/activities/home': EMPTY,
      'GET /api/activities/notifications': {
        items: [
          {
            uuid: 'n1',
            kind: 'like',
            created_at: new Date().toISOString(),
            read: false,
            actor: { handle: 'bayko', display_name: 'Bayko', avatar_url: '' },
            activity: { uuid: 'a1', message: 'my crud', handle: ME.handle },
          },
        ],
        next_cursor: null,
        unread_count: 1,
      },
      'POST /api/activities/notifications/read': { unread_count: 0 },
    });
    const user = userEvent.setup();
    renderApp('/');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    await within(nav).findByRole('link', { name: /1\s*unread/ });

    await user.click(within(nav).getByRole('link', { name: /^Notifications/ }));
    expect(await screen.findByText('liked your crud')).toBeInTheDocument();
    await waitFor(() =>
      expect(
        api.callsTo('POST /api/activities/notifications/read'),
      ).toHaveLength(1),
    );
    await user.click(within(nav).getByRole('link', { name: 'Home' }));

    await screen.findByRole('heading', { level: 1, name: 'Home' });
    expect(
      within(nav).getByRole('link', { name: 'Notifications' }),
    ).toBeInTheDocument();
  });
});

describe('search', () => {
  it('reads the query from the URL and pages the results', async () => {
    const api = mockApi({
      'GET /api/activities/home': EMPTY,
      'GET /api/activities/search': ({ params }) =>
        params.get('cursor')
          ? {
              items: [makeActivity({ message: 'zebra two' })],
              next_cursor: null,
            }
          : {
              items: [makeActivity({ message: 'zebra one' })],
              next_cursor: 'p2',
            },
    });
    const user = userEvent.setup();
    renderApp('/search?q=zebra');

    expect(await screen.findByText('zebra one')).toBeInTheDocument();
    expect(
      api.calls
        .find((c) => c.key === 'GET /api/activities/search')
        .params.get('term'),
    ).toBe('zebra');
    await user.click(screen.getByRole('button', { name: 'Load more cruds' }));
    expect(await screen.findByText('zebra two')).toBeInTheDocument();
  });

  it('puts a new search in the URL', async () => {
    mockApi({
      'GET /api/activities/home': EMPTY,
      'GET /api/activities/search': EMPTY,
    });
    const user = userEvent.setup();
    renderApp('/search');

    const box = await within(screen.getByRole('main')).findByRole('searchbox', {
      name: 'Search cruds',
    });
    await user.type(box, 'quokka{Enter}');

    expect(window.location.search).toBe('?q=quokka');
    expect(
      await screen.findByText(/Nothing matches “quokka”/),
    ).toBeInTheDocument();
  });
});

describe('messages', () => {
  const GROUP = '22222222-2222-4222-8222-222222222222';
  const message = (uuid, text, who = 'bayko', seconds = 60) => ({
    uuid,
    handle: who,
    display_name: who === 'bayko' ? 'Bayko' : ME.display_name,
    avatar_url: '',
    message: text,
    created_at: new Date(Date.now() - seconds * 1000).toISOString(),
  });

  it('lists the conversations', async () => {
    mockApi({
      ...signedIn(),
      'GET /api/activities/home': EMPTY,
      'GET /api/message_groups': {
        items: [
          {
            message_group_uuid: GROUP,
            handle: 'bayko',
            display_name: 'Bayko',
            avatar_url: '',
            message: 'see you',
            created_at: new Date().toISOString(),
          },
        ],
        next_cursor: null,
      },
    });
    renderApp('/messages');
    expect(
      await screen.findByRole('link', { name: /Bayko.*see you/ }),
    ).toHaveAttribute('href', `/messages/${GROUP}`);
  });

  it('picks up new messages while open and sends one', async () => {
    let polls = 0;
    const api = mockApi({
      ...signedIn(),
      'GET /api/activities/home': EMPTY,
      [`GET /api/messages/${GROUP}`]: () => {
        polls += 1;
        const items = [message('m1', `Hi ${XSS}`, 'bayko', 120)];
        if (polls > 2) items.push(message('m2', 'Are you there?', 'bayko', 1));
        return {
          message_group_uuid: GROUP,
          other: { handle: 'bayko', display_name: 'Bayko', avatar_url: '' },
          items,
          next_cursor: null,
        };
      },
      'POST /api/messages': reply(201, {
        message_group_uuid: GROUP,
        message: message('m3', 'Yes!', ME.handle, 0),
      }),
    });
    const user = userEvent.setup();
    renderApp(`/messages/${GROUP}`);

    expect(await screen.findByText(`Hi ${XSS}`)).toBeInTheDocument();
    expect(
      await screen.findByText('Are you there?', {}, { timeout: 8000 }),
    ).toBeInTheDocument();

    await user.type(screen.getByLabelText('Message Bayko'), 'Yes!');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByText('Yes!')).toBeInTheDocument();
    expect(api.callsTo('POST /api/messages')[0].body).toEqual({
      message: 'Yes!',
      message_group_uuid: GROUP,
    });
  }, 12_000);

  it('loads older messages above the ones shown', async () => {
    const api = mockApi({
      ...signedIn(),
      'GET /api/activities/home': EMPTY,
      [`GET /api/messages/${GROUP}`]: ({ params }) => ({
        message_group_uuid: GROUP,
        other: { handle: 'bayko', display_name: 'Bayko', avatar_url: '' },
        ...(params.get('cursor') === 'older'
          ? {
              items: [message('m1', 'First of all', 'bayko', 600)],
              next_cursor: null,
            }
          : {
              items: [message('m2', 'Then this', 'bayko', 60)],
              next_cursor: 'older',
            }),
      }),
    });
    const user = userEvent.setup();
    renderApp(`/messages/${GROUP}`);

    expect(await screen.findByText('Then this')).toBeInTheDocument();
    await user.click(
      screen.getByRole('button', { name: 'Load older messages' }),
    );

    const texts = await screen.findAllByText(/^(First of all|Then this)$/);
    expect(texts.map((node) => node.textContent)).toEqual([
      'First of all',
      'Then this',
    ]);
    expect(
      screen.queryByRole('button', { name: 'Load older messages' }),
    ).not.toBeInTheDocument();
    expect(
      api
        .callsTo(`GET /api/messages/${GROUP}`)
        .map((call) => call.params.get('cursor')),
    ).toContain('older');
  });

  it('starts a conversation with @handle', async () => {
    const api = mockApi({
      ...signedIn(),
      'GET /api/activities/home': EMPTY,
      'GET /api/users/@bayko/short': {
        uuid: 'u',
        handle: 'bayko',
        display_name: 'Bayko',
        avatar_url: '',
      },
      'POST /api/messages': reply(201, {
        message_group_uuid: GROUP,
        message: message('m1', 'Hello', ME.handle, 0),
      }),
      [`GET /api/messages/${GROUP}`]: {
        message_group_uuid: GROUP,
        other: { handle: 'bayko', display_name: 'Bayko', avatar_url: '' },
        items: [message('m1', 'Hello', ME.handle, 0)],
        next_cursor: null,
      },
    });
    const user = userEvent.setup();
    renderApp('/messages/new');

    await user.type(await screen.findByLabelText('To'), '@bayko');
    await user.click(screen.getByRole('button', { name: 'Find' }));
    await user.type(await screen.findByLabelText('Message Bayko'), 'Hello');
    await user.click(screen.getByRole('button', { name: 'Send' }));

    await waitFor(() =>
      expect(window.location.pathname).toBe(`/messages/${GROUP}`),
    );
    const [sent] = api.callsTo('POST /api/messages');
    expect(sent.body).toEqual({ message: 'Hello', handle: 'bayko' });
    expect(sent.headers['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(await screen.findByText('Hello')).toBeInTheDocument();
  });

  it('explains that you cannot write to yourself', async () => {
    mockApi({
      ...signedIn(),
      'GET /api/activities/home': EMPTY,
      'GET /api/users/@ada/short': {
        uuid: ME.uuid,
        handle: 'ada',
        display_name: 'Ada',
        avatar_url: '',
      },
      'POST /api/messages': reply(409, { errors: ['cannot_message_self'] }),
    });
    const user = userEvent.setup();
    renderApp('/messages/new?handle=ada');

    await user.type(await screen.findByLabelText('Message Ada'), 'me?');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(
      await screen.findByText('You cannot send a message to yourself.'),
    ).toBeInTheDocument();
  });
});

describe('the navigation', () => {
  it('writes a crud from the Crud button and shows it in the feed', async () => {
    const posted = makeActivity({
      handle: ME.handle,
      display_name: ME.display_name,
      message: 'From the dialog',
    });
    mockApi({
      ...signedIn(),
      'GET /api/activities/home': EMPTY,
      'POST /api/activities': reply(201, posted),
    });
    const user = userEvent.setup();
    renderApp('/');

    await screen.findByRole('form', { name: 'Write a crud' });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    await user.click(within(nav).getByRole('button', { name: 'Crud' }));
    const dialog = screen.getByRole('dialog', { name: 'Write a crud' });
    await user.type(
      within(dialog).getByLabelText('What is happening?'),
      'From the dialog',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Crud' }));

    expect(
      await screen.findByRole('article', { name: 'Crud by Ada Lovelace' }),
    ).toHaveTextContent('From the dialog');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('shows the unread count and signs out', async () => {
    const api = mockApi({
      ...signedIn(),
      'GET /api/activities/notifications': {
        items: [],
        next_cursor: null,
        unread_count: 3,
      },
      'GET /api/activities/home': EMPTY,
      'POST /api/auth/signout': reply(204),
    });
    const user = userEvent.setup();
    renderApp('/');

    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(
      await within(nav).findByRole('link', {
        name: /^Notifications\s*3\s*unread$/,
      }),
    ).toBeInTheDocument();
    await user.click(within(nav).getByRole('button', { name: 'Sign out' }));

    expect(
      await within(nav).findByRole('link', { name: 'Sign in' }),
    ).toBeInTheDocument();
    expect(api.callsTo('POST /api/auth/signout')).toHaveLength(1);
    expect(localStorage.getItem('cruddur.session')).toBeNull();
  });
});

describe('forgotten passwords', () => {
  it('sends a code, then sets the new password with it', async () => {
    const api = mockApi({
      'GET /api/activities/home': EMPTY,
      'POST /api/auth/forgot-password': { email: 'ada@example.com' },
      'POST /api/auth/reset-password': reply(400, {
        errors: ['code_mismatch'],
      }),
    });
    const user = userEvent.setup();
    renderApp('/forgot-password');

    await user.type(await screen.findByLabelText('Email'), 'ada@example.com');
    await user.click(screen.getByRole('button', { name: 'Send the code' }));

    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'Choose a new password',
      }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toHaveValue('ada@example.com');
    await user.type(screen.getByLabelText('Code'), '123456');
    await user.type(screen.getByLabelText('New password'), 'Engine-1843!');
    await user.click(
      screen.getByRole('button', { name: 'Set the new password' }),
    );

    expect(
      await screen.findByText(
        'That code is not right. Check the email and try again.',
      ),
    ).toBeInTheDocument();
    expect(api.callsTo('POST /api/auth/reset-password')[0].body).toEqual({
      email: 'ada@example.com',
      code: '123456',
      password: 'Engine-1843!',
    });
  });
});
