import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installFakeEventSource } from '@/testing/fake-event-source';
import { ME, makeActivity, mockApi, reply, signedIn } from '@/testing/mock-api';
import { renderApp } from './render-app';

const EMPTY = { items: [], next_cursor: null };
const GROUP = '22222222-2222-4222-8222-222222222222';
let Source;
let tickets;

const ticketHandler = () => {
  tickets += 1;
  return reply(201, { ticket: `t${tickets}`, expires_in: 30 });
};

beforeEach(() => {
  Source = installFakeEventSource();
  tickets = 0;
});

afterEach(() => {
  vi.useRealTimers();
  window.history.pushState({}, '', '/');
});

/** The stream once it is open: a ticket asked for, the connection made. */
async function openedStream() {
  await waitFor(() => expect(Source.instances).toHaveLength(1));
  const source = Source.latest();
  act(() => source.open());
  return source;
}

function message(uuid, text, who = 'bayko') {
  return {
    uuid,
    handle: who,
    display_name: who === 'bayko' ? 'Bayko' : ME.display_name,
    avatar_url: '',
    message: text,
    created_at: new Date().toISOString(),
  };
}

describe('the live stream', () => {
  it('raises the badge as pushed, and polls it only while the stream is down', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const api = mockApi({
      ...signedIn(),
      'GET /api/activities/home': EMPTY,
      'POST /api/stream/ticket': ticketHandler,
    });
    const unreadReads = () =>
      api
        .callsTo('GET /api/activities/notifications')
        .filter((call) => call.params.get('limit') === '1').length;
    renderApp('/');
    const source = await openedStream();
    expect(source.params.get('ticket')).toBe('t1');
    const nav = screen.getByRole('navigation', { name: 'Main' });

    act(() => source.emit('notification', { unread_count: 4 }, 1));
    await within(nav).findByRole('link', { name: /4\s*unread/ });
    const reads = unreadReads();
    await vi.advanceTimersByTimeAsync(65_000);
    expect(unreadReads()).toBe(reads);

    // Down: polling is back until the stream is again.
    act(() => source.fail());
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(30_500);
    expect(unreadReads()).toBeGreaterThan(reads);
    const again = Source.latest();
    expect(again).not.toBe(source);
    expect(again.params.get('ticket')).toBe('t2');
    expect(again.params.get('last_event_id')).toBe('1');
  });

  it('adds a pushed message to the open conversation once, and stops its polling', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const api = mockApi({
      ...signedIn(),
      'GET /api/activities/home': EMPTY,
      'POST /api/stream/ticket': ticketHandler,
      [`GET /api/messages/${GROUP}`]: {
        message_group_uuid: GROUP,
        other: { handle: 'bayko', display_name: 'Bayko', avatar_url: '' },
        items: [message('m1', 'Hello')],
        next_cursor: null,
      },
      'POST /api/messages': reply(201, {
        message_group_uuid: GROUP,
        message: message('m3', 'Mine', ME.handle),
      }),
    });
    const reads = () => api.callsTo(`GET /api/messages/${GROUP}`).length;
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderApp(`/messages/${GROUP}`);
    await screen.findByText('Hello');
    const source = await openedStream();
    const before = reads();

    act(() =>
      source.emit(
        'message',
        { message_group_uuid: GROUP, message: message('m2', 'Pushed') },
        5,
      ),
    );
    expect(await screen.findByText('Pushed')).toBeInTheDocument();

    await user.type(screen.getByLabelText('Message Bayko'), 'Mine');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByText('Mine');
    act(() =>
      source.emit(
        'message',
        {
          message_group_uuid: GROUP,
          message: message('m3', 'Mine', ME.handle),
        },
        6,
      ),
    );
    await vi.advanceTimersByTimeAsync(10_000);
    expect(screen.getAllByText('Mine')).toHaveLength(1);
    expect(reads()).toBe(before);
  });

  it('reads the conversations again when a message comes', async () => {
    let groupReads = 0;
    mockApi({
      ...signedIn(),
      'GET /api/activities/home': EMPTY,
      'POST /api/stream/ticket': ticketHandler,
      'GET /api/message_groups': () => {
        groupReads += 1;
        return {
          items: [
            {
              message_group_uuid: GROUP,
              handle: 'bayko',
              display_name: 'Bayko',
              avatar_url: '',
              message: groupReads > 1 ? 'newest' : 'older',
              created_at: new Date().toISOString(),
            },
          ],
          next_cursor: null,
        };
      },
    });
    renderApp('/messages');
    await screen.findByRole('link', { name: /Bayko.*older/ });
    const source = await openedStream();

    act(() =>
      source.emit(
        'message',
        { message_group_uuid: GROUP, message: message('m9', 'newest') },
        2,
      ),
    );
    expect(
      await screen.findByRole('link', { name: /Bayko.*newest/ }),
    ).toBeInTheDocument();
  });

  it('keeps new home cruds behind a pill until asked, then shows them at the top', async () => {
    const shown = makeActivity({ message: 'being read' });
    const first = makeActivity({ message: 'new one' });
    const second = makeActivity({ message: 'newer one' });
    let items = [shown];
    const api = mockApi({
      ...signedIn(),
      'GET /api/activities/home': () => ({ items, next_cursor: null }),
      'POST /api/stream/ticket': ticketHandler,
    });
    const scrollTo = vi.spyOn(window, 'scrollTo').mockImplementation(() => {});
    const user = userEvent.setup();
    renderApp('/');
    await screen.findByText('being read');
    const source = await openedStream();

    act(() => source.emit('timeline', { uuid: shown.uuid, handle: 'a' }, 1));
    act(() => source.emit('timeline', { uuid: first.uuid, handle: 'a' }, 2));
    const pill = await screen.findByRole('button', { name: '1 new crud' });
    act(() => source.emit('timeline', { uuid: second.uuid, handle: 'a' }, 3));
    expect(await screen.findByRole('button', { name: '2 new cruds' })).toBe(
      pill,
    );
    expect(screen.queryByText('new one')).not.toBeInTheDocument();
    const reads = api.callsTo('GET /api/activities/home').length;

    items = [second, first, shown];
    await user.click(pill);
    expect(await screen.findByText('newer one')).toBeInTheDocument();
    expect(scrollTo).toHaveBeenCalledWith({ top: 0 });
    expect(api.callsTo('GET /api/activities/home')).toHaveLength(reads + 1);
    expect(
      screen.queryByRole('button', { name: /new crud/ }),
    ).not.toBeInTheDocument();

    act(() => source.emit('delete', { uuid: first.uuid }, 4));
    await waitFor(() =>
      expect(screen.queryByText('new one')).not.toBeInTheDocument(),
    );
    expect(screen.getByText('newer one')).toBeInTheDocument();
  });

  it('does not count a crud deleted before it was shown', async () => {
    const waiting = makeActivity();
    mockApi({
      ...signedIn(),
      'GET /api/activities/home': {
        items: [makeActivity()],
        next_cursor: null,
      },
      'POST /api/stream/ticket': ticketHandler,
    });
    renderApp('/');
    await screen.findByRole('article');
    const source = await openedStream();

    act(() => source.emit('timeline', { uuid: waiting.uuid, handle: 'a' }, 1));
    await screen.findByRole('button', { name: '1 new crud' });
    act(() => source.emit('delete', { uuid: waiting.uuid }, 2));
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: /new crud/ }),
      ).not.toBeInTheDocument(),
    );
  });

  it('reads home and the notifications again on reset', async () => {
    const api = mockApi({
      ...signedIn(),
      'GET /api/activities/home': EMPTY,
      'POST /api/stream/ticket': ticketHandler,
    });
    renderApp('/');
    await screen.findByText(/Nobody you follow/);
    const source = await openedStream();
    const homeReads = api.callsTo('GET /api/activities/home').length;
    const notificationReads = api.callsTo(
      'GET /api/activities/notifications',
    ).length;

    act(() => source.emit('reset', { reason: 'replay_unavailable' }));
    await waitFor(() =>
      expect(api.callsTo('GET /api/activities/home')).toHaveLength(
        homeReads + 1,
      ),
    );
    expect(
      api.callsTo('GET /api/activities/notifications').length,
    ).toBeGreaterThan(notificationReads);
  });

  it('closes the stream on sign-out', async () => {
    mockApi({
      ...signedIn(),
      'GET /api/activities/home': EMPTY,
      'POST /api/stream/ticket': ticketHandler,
      'POST /api/auth/signout': reply(204),
    });
    const user = userEvent.setup();
    renderApp('/');
    const source = await openedStream();
    await user.click(
      within(screen.getByRole('navigation', { name: 'Main' })).getByRole(
        'button',
        { name: 'Sign out' },
      ),
    );
    await waitFor(() => expect(source.closed).toBe(true));
    expect(Source.instances).toHaveLength(1);
  });

  it('lets the stream go in a tab hidden for minutes, and resumes when shown', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    mockApi({
      ...signedIn(),
      'GET /api/activities/home': EMPTY,
      'POST /api/stream/ticket': ticketHandler,
    });
    renderApp('/');
    const source = await openedStream();
    act(() => source.emit('notification', { unread_count: 0 }, 3));
    const visibility = vi.spyOn(document, 'visibilityState', 'get');
    const show = (state) => {
      visibility.mockReturnValue(state);
      document.dispatchEvent(new Event('visibilitychange'));
    };

    // The server's heartbeat every 15 s, while the connection lasts.
    const beat = async (minutes) => {
      for (let n = 0; n < minutes * 4; n += 1) {
        await vi.advanceTimersByTimeAsync(15_000);
        if (!source.closed) act(() => source.emit('heartbeat', {}));
      }
    };

    show('hidden');
    await beat(4);
    expect(source.closed).toBe(false);
    await beat(1);
    expect(source.closed).toBe(true);

    show('visible');
    await waitFor(() => expect(Source.instances).toHaveLength(2));
    expect(Source.latest().params.get('last_event_id')).toBe('3');
  });
});
