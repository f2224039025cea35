import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ME,
  makeActivity,
  makePerson,
  makeProfile,
  mockApi,
  reply,
  signedIn,
} from '@/testing/mock-api';
import { renderApp } from './render-app';

const EMPTY = { items: [], next_cursor: null };
const me = (overrides = {}) => ({
  ...ME,
  followers_count: 0,
  following_count: 2,
  role: 'member',
  ...overrides,
});

afterEach(() => {
  window.history.pushState({}, '', '/');
});

function crudOf(name) {
  return screen.findByRole('article', { name: `Crud by ${name}` });
}

async function openMenu(user, scope, name) {
  const button = within(scope).getByRole('button', { name });
  await user.click(button);
  return screen.getByRole('menu', { name });
}

describe('the "…" menu', () => {
  it('opens from its button, moves with the arrow keys, and Escape closes it back onto the button', async () => {
    mockApi({
      ...signedIn(me()),
      'GET /api/activities/home': {
        items: [makeActivity({ handle: 'bayko', display_name: 'Bayko' })],
        next_cursor: null,
      },
      'GET /api/users/suggested': EMPTY,
    });
    const user = userEvent.setup();
    renderApp('/');
    const crud = await crudOf('Bayko');
    const button = within(crud).getByRole('button', {
      name: 'More actions for the crud by Bayko',
    });
    expect(button).toHaveAttribute('aria-haspopup', 'menu');
    expect(button).toHaveAttribute('aria-expanded', 'false');

    await user.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');
    const items = within(screen.getByRole('menu')).getAllByRole('menuitem');
    expect(items.map((item) => item.textContent)).toEqual([
      'Mute @bayko',
      'Block @bayko',
      'Report crud',
    ]);
    expect(items[0]).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(items[1]).toHaveFocus();
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(items[2]).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    expect(button).toHaveFocus();

    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('menu')).toBeInTheDocument();
    await user.click(document.body);
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
  });

  it('is not offered to a visitor', async () => {
    mockApi({
      'GET /api/activities/home': {
        items: [makeActivity()],
        next_cursor: null,
      },
      'GET /api/users/suggested': EMPTY,
    });
    renderApp('/');
    const crud = await crudOf('Andrew Brown');
    expect(
      within(crud).queryByRole('button', { name: /More actions/ }),
    ).not.toBeInTheDocument();
  });
});

describe('deleting my own crud', () => {
  it('asks first, then takes it out of every list at once', async () => {
    const mine = makeActivity({
      handle: ME.handle,
      display_name: ME.display_name,
      message: 'Regrettable take',
    });
    const other = makeActivity({ handle: 'bayko', display_name: 'Bayko' });
    const api = mockApi({
      ...signedIn(me()),
      'GET /api/activities/home': { items: [mine, other], next_cursor: null },
      'GET /api/users/suggested': EMPTY,
      [`DELETE /api/activities/${mine.uuid}`]: reply(204),
    });
    const user = userEvent.setup();
    renderApp('/');
    const crud = await crudOf(ME.display_name);
    await openMenu(user, crud, 'More actions for your crud');
    await user.click(screen.getByRole('menuitem', { name: 'Delete' }));

    const dialog = screen.getByRole('dialog', { name: 'Delete this crud?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(api.callsTo(`DELETE /api/activities/${mine.uuid}`)).toHaveLength(0);
    expect(screen.getByText('Regrettable take')).toBeInTheDocument();

    await openMenu(user, crud, 'More actions for your crud');
    await user.click(screen.getByRole('menuitem', { name: 'Delete' }));
    await user.click(
      within(
        screen.getByRole('dialog', { name: 'Delete this crud?' }),
      ).getByRole('button', { name: 'Delete' }),
    );
    await waitFor(() =>
      expect(screen.queryByText('Regrettable take')).not.toBeInTheDocument(),
    );
    expect(api.callsTo(`DELETE /api/activities/${mine.uuid}`)).toHaveLength(1);
    expect(await crudOf('Bayko')).toBeInTheDocument();
  });

  it('leaves its own page for home, where it is gone too', async () => {
    const mine = makeActivity({
      handle: ME.handle,
      display_name: ME.display_name,
      message: 'Short-lived thought',
    });
    mockApi({
      ...signedIn(me()),
      'GET /api/activities/home': { items: [mine], next_cursor: null },
      'GET /api/users/suggested': EMPTY,
      [`GET /api/activities/@${ME.handle}/status/${mine.uuid}`]: {
        activity: mine,
        items: [],
        next_cursor: null,
      },
      [`DELETE /api/activities/${mine.uuid}`]: reply(204),
    });
    const user = userEvent.setup();
    renderApp('/');
    await screen.findByText('Short-lived thought');
    await user.click(screen.getByRole('link', { name: '1m' }));
    const crud = await screen.findByRole('article', {
      name: `Crud by ${ME.display_name}`,
    });
    expect(window.location.pathname).toBe(`/@${ME.handle}/status/${mine.uuid}`);
    await openMenu(user, crud, 'More actions for your crud');
    await user.click(screen.getByRole('menuitem', { name: 'Delete' }));
    await user.click(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'Delete',
      }),
    );
    await waitFor(() => expect(window.location.pathname).toBe('/'));
    expect(
      await screen.findByText(/Nobody you follow has a live crud/),
    ).toBeInTheDocument();
    expect(screen.queryByText('Short-lived thought')).not.toBeInTheDocument();
  });
});

describe('blocking and muting', () => {
  it('blocks after a confirmation: their cruds and reposts leave the timeline at once, and it is read again', async () => {
    const theirs = makeActivity({ handle: 'troll', display_name: 'Troll' });
    const reposted = makeActivity({
      handle: 'bayko',
      display_name: 'Bayko',
      message: 'Reposted by the troll',
      reposted_by: { handle: 'troll', display_name: 'Troll' },
    });
    const kept = makeActivity({
      handle: 'bayko',
      display_name: 'Bayko',
      message: 'Bayko’s own',
    });
    let home = { items: [theirs, reposted, kept], next_cursor: null };
    let refetched;
    const api = mockApi({
      ...signedIn(me()),
      'GET /api/activities/home': () =>
        home.items.length === 3
          ? home
          : new Promise((resolve) => {
              refetched = () => resolve(home);
            }),
      'GET /api/users/suggested': EMPTY,
      'POST /api/users/@troll/block': () => {
        home = { items: [kept], next_cursor: null };
        return { blocking: true };
      },
    });
    const user = userEvent.setup();
    renderApp('/');
    const crud = await crudOf('Troll');
    await openMenu(user, crud, 'More actions for the crud by Troll');
    await user.click(screen.getByRole('menuitem', { name: 'Block @troll' }));
    const dialog = screen.getByRole('dialog', { name: 'Block @troll?' });
    await user.click(within(dialog).getByRole('button', { name: 'Block' }));

    // Gone before the timeline's new answer came.
    await waitFor(() =>
      expect(
        screen.queryByRole('article', { name: 'Crud by Troll' }),
      ).not.toBeInTheDocument(),
    );
    expect(screen.queryByText('Reposted by the troll')).not.toBeInTheDocument();
    expect(screen.getByText('Bayko’s own')).toBeInTheDocument();
    expect(api.callsTo('POST /api/users/@troll/block')).toHaveLength(1);
    await waitFor(() =>
      expect(api.callsTo('GET /api/activities/home')).toHaveLength(2),
    );
    refetched();
    expect(await screen.findByText('Bayko’s own')).toBeInTheDocument();
  });

  it('mutes for the chosen time, and the profile says until when, with Unmute', async () => {
    const theirs = makeActivity({ handle: 'loud', display_name: 'Loud' });
    const until = '2026-12-09T13:00:00Z';
    let profile = makeProfile('loud', 'Loud');
    const api = mockApi({
      ...signedIn(me()),
      'GET /api/activities/home': () => ({
        items: profile.muting ? [] : [theirs],
        next_cursor: null,
      }),
      'GET /api/users/suggested': EMPTY,
      'GET /api/activities/@loud': () => ({
        profile,
        items: [theirs],
        next_cursor: null,
      }),
      'POST /api/users/@loud/mute': ({ body }) => {
        profile = { ...profile, muting: true, muted_until: until };
        return { muting: true, muted_until: body.duration ? until : null };
      },
      'DELETE /api/users/@loud/mute': () => {
        profile = { ...profile, muting: false, muted_until: null };
        return { muting: false, muted_until: null };
      },
    });
    const user = userEvent.setup();
    renderApp('/');
    const crud = await crudOf('Loud');
    await openMenu(user, crud, 'More actions for the crud by Loud');
    await user.click(screen.getByRole('menuitem', { name: 'Mute @loud' }));
    const dialog = screen.getByRole('dialog', { name: 'Mute @loud?' });
    const group = within(dialog).getByRole('group', { name: 'Mute for' });
    expect(
      within(group)
        .getAllByRole('radio')
        .map((radio) => radio.closest('label').textContent),
    ).toEqual(['1 day', '7 days', '30 days', 'Until I unmute']);
    await user.click(within(group).getByRole('radio', { name: '7 days' }));
    await user.click(within(dialog).getByRole('button', { name: 'Mute' }));

    await waitFor(() =>
      expect(
        screen.queryByRole('article', { name: 'Crud by Loud' }),
      ).not.toBeInTheDocument(),
    );
    expect(api.callsTo('POST /api/users/@loud/mute')[0].body).toEqual({
      duration: '7-days',
    });

    window.history.pushState({}, '', '/@loud');
    window.dispatchEvent(new PopStateEvent('popstate'));
    const notice = await screen.findByRole('region', { name: 'Muted' });
    expect(notice).toHaveTextContent(/^Muted until Dec 9, 2026/);
    // A muted person's page still shows their cruds.
    expect(await crudOf('Loud')).toBeInTheDocument();
    await user.click(
      within(notice).getByRole('button', { name: 'Unmute @loud' }),
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('region', { name: 'Muted' }),
      ).not.toBeInTheDocument(),
    );
    expect(api.callsTo('DELETE /api/users/@loud/mute')).toHaveLength(1);
  });

  it('shows a profile I blocked as blocked, without their cruds, and unblocks it', async () => {
    let blocking = true;
    const theirs = makeActivity({
      handle: 'troll',
      display_name: 'Troll',
      message: 'Troll talk',
    });
    const api = mockApi({
      ...signedIn(me()),
      'GET /api/users/suggested': EMPTY,
      'GET /api/activities/@troll': () => ({
        profile: makeProfile('troll', 'Troll', { blocking }),
        items: blocking ? [] : [theirs],
        next_cursor: null,
      }),
      'DELETE /api/users/@troll/block': () => {
        blocking = false;
        return { blocking: false };
      },
    });
    const user = userEvent.setup();
    renderApp('/@troll');
    const notice = await screen.findByRole('region', { name: 'Blocked' });
    expect(notice).toHaveTextContent('You blocked @troll.');
    const header = screen.getByRole('region', { name: 'Profile' });
    expect(
      within(header).queryByRole('link', { name: 'Message' }),
    ).not.toBeInTheDocument();
    expect(
      within(header).queryByRole('button', { name: /Follow/ }),
    ).not.toBeInTheDocument();
    const menu = await openMenu(user, header, 'More actions for Troll');
    expect(
      within(menu).getByRole('menuitem', { name: 'Unblock @troll' }),
    ).toBeInTheDocument();
    await user.keyboard('{Escape}');

    await user.click(
      within(notice).getByRole('button', { name: 'Unblock @troll' }),
    );
    expect(await screen.findByText('Troll talk')).toBeInTheDocument();
    expect(
      screen.queryByRole('region', { name: 'Blocked' }),
    ).not.toBeInTheDocument();
    expect(api.callsTo('DELETE /api/users/@troll/block')).toHaveLength(1);
  });

  it('says why a block was refused', async () => {
    mockApi({
      ...signedIn(me()),
      'GET /api/users/suggested': EMPTY,
      'GET /api/activities/@gone': {
        profile: makeProfile('gone', 'Gone'),
        items: [],
        next_cursor: null,
      },
      'POST /api/users/@gone/block': reply(404, { errors: ['user_not_found'] }),
    });
    const user = userEvent.setup();
    renderApp('/@gone');
    const header = await screen.findByRole('region', { name: 'Profile' });
    await openMenu(user, header, 'More actions for Gone');
    await user.click(screen.getByRole('menuitem', { name: 'Block @gone' }));
    const dialog = screen.getByRole('dialog', { name: 'Block @gone?' });
    await user.click(within(dialog).getByRole('button', { name: 'Block' }));
    expect(
      await within(dialog).findByText('There is nobody with that handle.'),
    ).toBeInTheDocument();
  });
});

describe('reporting', () => {
  async function reportCrud(user, api, crud) {
    await openMenu(user, crud, 'More actions for the crud by Bayko');
    await user.click(screen.getByRole('menuitem', { name: 'Report crud' }));
    const dialog = screen.getByRole('dialog', { name: 'Report this crud' });
    const send = within(dialog).getByRole('button', { name: 'Send report' });
    expect(send).toBeDisabled();
    await user.click(within(dialog).getByRole('radio', { name: 'Spam' }));
    await user.type(
      within(dialog).getByLabelText(/Anything the moderators should know/),
      '  Same link forty times  ',
    );
    await user.click(send);
    return dialog;
  }

  it('sends the crud, the reason and the comment, and thanks the reporter', async () => {
    const theirs = makeActivity({ handle: 'bayko', display_name: 'Bayko' });
    const api = mockApi({
      ...signedIn(me()),
      'GET /api/activities/home': { items: [theirs], next_cursor: null },
      'GET /api/users/suggested': EMPTY,
      'POST /api/reports': reply(201, {
        uuid: 'r-1',
        reason: 'spam',
        created_at: '2026-12-02T13:00:00Z',
      }),
    });
    const user = userEvent.setup();
    renderApp('/');
    const dialog = await reportCrud(user, api, await crudOf('Bayko'));
    expect(
      await within(dialog).findByText('Thanks, a moderator will look at it.'),
    ).toBeInTheDocument();
    expect(api.callsTo('POST /api/reports')[0].body).toEqual({
      activity_uuid: theirs.uuid,
      reason: 'spam',
      comment: 'Same link forty times',
    });
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('says so when the crud was reported already', async () => {
    const theirs = makeActivity({ handle: 'bayko', display_name: 'Bayko' });
    const api = mockApi({
      ...signedIn(me()),
      'GET /api/activities/home': { items: [theirs], next_cursor: null },
      'GET /api/users/suggested': EMPTY,
      'POST /api/reports': reply(409, { errors: ['already_reported'] }),
    });
    const user = userEvent.setup();
    renderApp('/');
    const dialog = await reportCrud(user, api, await crudOf('Bayko'));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'You have reported this already. A moderator will look at your report.',
    );
  });

  it('reports a person from their profile', async () => {
    const api = mockApi({
      ...signedIn(me()),
      'GET /api/users/suggested': EMPTY,
      'GET /api/activities/@bayko': {
        profile: makeProfile('bayko', 'Bayko'),
        items: [],
        next_cursor: null,
      },
      'POST /api/reports': reply(201, {
        uuid: 'r-2',
        reason: 'harassment',
        created_at: '2026-12-02T13:00:00Z',
      }),
    });
    const user = userEvent.setup();
    renderApp('/@bayko');
    const header = await screen.findByRole('region', { name: 'Profile' });
    await openMenu(user, header, 'More actions for Bayko');
    await user.click(screen.getByRole('menuitem', { name: 'Report @bayko' }));
    const dialog = screen.getByRole('dialog', { name: 'Report @bayko' });
    await user.click(
      within(dialog).getByRole('radio', { name: 'Harassment or hate' }),
    );
    await user.click(
      within(dialog).getByRole('button', { name: 'Send report' }),
    );
    await within(dialog).findByText('Thanks, a moderator will look at it.');
    expect(api.callsTo('POST /api/reports')[0].body).toEqual({
      handle: 'bayko',
      reason: 'harassment',
    });
  });
});

describe('Settings', () => {
  it('lists blocked and muted people page by page, and undoes each', async () => {
    const blocked = (handle, name) => ({
      ...makePerson(handle, name),
      blocked_at: '2026-11-30T10:00:00Z',
    });
    let blocks = [blocked('one', 'First'), blocked('two', 'Second')];
    let mutes = [
      {
        ...makePerson('quiet', 'Quiet'),
        muted_at: '2026-12-01T10:00:00Z',
        muted_until: null,
      },
    ];
    const api = mockApi({
      ...signedIn(me()),
      'GET /api/users/suggested': EMPTY,
      'GET /api/activities/home': EMPTY,
      // One person a page.
      'GET /api/blocks': ({ params }) => {
        const at = Number(params.get('cursor') ?? 0);
        return {
          items: blocks.slice(at, at + 1),
          next_cursor: at + 1 < blocks.length ? String(at + 1) : null,
        };
      },
      'GET /api/mutes': () => ({ items: mutes, next_cursor: null }),
      'DELETE /api/users/@one/block': () => {
        blocks = blocks.filter((person) => person.handle !== 'one');
        return { blocking: false };
      },
      'DELETE /api/users/@quiet/mute': () => {
        mutes = [];
        return { muting: false, muted_until: null };
      },
    });
    const user = userEvent.setup();
    renderApp('/');
    // The link shows once the session is known, after the navigation itself.
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    await user.click(
      await within(nav).findByRole('link', { name: 'Settings' }),
    );
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Settings' }),
    ).toBeInTheDocument();
    const blockList = await screen.findByRole('region', {
      name: 'Blocked people',
    });
    expect(
      within(blockList).getByText('Blocked Nov 30, 2026, 10:00 AM'),
    ).toBeInTheDocument();
    await user.click(
      within(blockList).getByRole('button', { name: 'Load more people' }),
    );
    expect(await within(blockList).findByText('Second')).toBeInTheDocument();
    expect(api.callsTo('GET /api/blocks')[1].params.get('cursor')).toBe('1');

    const muteList = screen.getByRole('region', { name: 'Muted people' });
    expect(
      within(muteList).getByText('Muted until you unmute'),
    ).toBeInTheDocument();

    await user.click(
      within(blockList).getByRole('button', { name: 'Unblock @one' }),
    );
    await waitFor(() =>
      expect(within(blockList).queryByText('First')).not.toBeInTheDocument(),
    );
    await user.click(
      within(muteList).getByRole('button', { name: 'Unmute @quiet' }),
    );
    expect(
      await within(muteList).findByText('You have not muted anyone.'),
    ).toBeInTheDocument();
    expect(api.callsTo('DELETE /api/users/@one/block')).toHaveLength(1);
    expect(api.callsTo('DELETE /api/users/@quiet/mute')).toHaveLength(1);
  });
});
