import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ME,
  makeActivity,
  makeLogEntry,
  makeReport,
  mockApi,
  reply,
  signedIn,
  suspendedReply,
} from '@/testing/mock-api';
import { renderApp } from './render-app';

const EMPTY = { items: [], next_cursor: null };
const me = (role) => ({
  ...ME,
  followers_count: 0,
  following_count: 2,
  role,
});
const base = (role) => ({
  ...signedIn(me(role)),
  'GET /api/activities/home': EMPTY,
  'GET /api/users/suggested': EMPTY,
});

afterEach(() => {
  window.history.pushState({}, '', '/');
});

function nav() {
  return screen.findByRole('navigation', { name: 'Main' });
}

describe('the moderation pages', () => {
  it('are linked and open for a moderator, and do not exist for a member', async () => {
    const api = mockApi(base('member'));
    renderApp('/moderation');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Page not found' }),
    ).toBeInTheDocument();
    // Once the session is known (Settings shows), Moderation is still not there.
    expect(
      await within(await nav()).findByRole('link', { name: 'Settings' }),
    ).toBeInTheDocument();
    expect(
      within(await nav()).queryByRole('link', { name: 'Moderation' }),
    ).not.toBeInTheDocument();
    expect(api.callsTo('GET /api/moderation/reports')).toHaveLength(0);
  });

  it('lists open reports first, with what was reported and its state now', async () => {
    const open = makeReport({ comment: 'Posted every minute' });
    const closed = makeReport({
      reason: 'harassment',
      closed_at: '2026-12-01T10:00:00Z',
      resolution: 'dismissed',
      target: {
        handle: 'rude',
        display_name: 'Rude',
        avatar_url: '',
        suspended: false,
        suspended_until: null,
      },
      activity: null,
    });
    mockApi({
      ...base('moderator'),
      'GET /api/moderation/reports': {
        items: [open, closed],
        next_cursor: null,
      },
    });
    const user = userEvent.setup();
    renderApp('/');
    await user.click(
      await within(await nav()).findByRole('link', { name: 'Moderation' }),
    );
    const list = await screen.findByRole('region', { name: 'Reports' });
    const reports = await within(list).findAllByRole('article');
    expect(reports).toHaveLength(2);
    expect(reports[0]).toHaveAccessibleName('Report on a crud by @spammer');
    expect(within(reports[0]).getByText('Open')).toBeInTheDocument();
    expect(
      within(reports[0]).getByText('Buy cheap watches'),
    ).toBeInTheDocument();
    expect(within(reports[0]).getByText('Live')).toBeInTheDocument();
    expect(
      within(reports[0]).getByText('“Posted every minute”'),
    ).toBeInTheDocument();
    expect(reports[1]).toHaveAccessibleName('Report on @rude');
    expect(within(reports[1]).getByText('Dismissed')).toBeInTheDocument();
    expect(
      within(reports[0]).getByRole('link', {
        name: 'Report on a crud by @spammer',
      }),
    ).toHaveAttribute('href', `/moderation/reports/${open.uuid}`);
  });

  it('shows a report with the crud as it was, and removes it with a reason', async () => {
    const parent = makeActivity({
      handle: 'ada',
      display_name: 'Ada',
      message: 'What do you sell?',
    });
    const reported = makeActivity({
      handle: 'spammer',
      display_name: 'Spam Bot',
      message: 'Buy cheap watches',
      reply_to_activity_uuid: parent.uuid,
    });
    const later = makeActivity({
      handle: 'bo',
      display_name: 'Bo',
      message: 'Not again',
    });
    const report = makeReport({
      activity: {
        uuid: reported.uuid,
        message: reported.message,
        handle: 'spammer',
        expires_at: '2026-12-01T10:00:00Z',
        state: 'expired',
      },
    });
    let current = report;
    const api = mockApi({
      ...base('moderator'),
      [`GET /api/moderation/reports/${report.uuid}`]: () => ({
        report: current,
        snapshot: { activity: reported, parent, replies: [later] },
        open_reports_on_target: 3,
      }),
      [`POST /api/moderation/reports/${report.uuid}/actions`]: () => {
        current = {
          ...report,
          closed_at: '2026-12-02T13:00:00Z',
          resolution: 'removed',
          activity: { ...report.activity, state: 'removed' },
        };
        return current;
      },
      'GET /api/moderation/reports': EMPTY,
    });
    const user = userEvent.setup();
    renderApp(`/moderation/reports/${report.uuid}`);

    const snapshot = await screen.findByRole('region', {
      name: 'The crud as it was reported',
    });
    expect(
      within(snapshot).getByRole('article', { name: 'The crud it replied to' }),
    ).toHaveTextContent('What do you sell?');
    expect(
      within(snapshot).getByRole('article', { name: 'The reported crud' }),
    ).toHaveTextContent('Buy cheap watches');
    expect(
      within(snapshot).getByRole('article', { name: 'Reply by Bo' }),
    ).toHaveTextContent('Not again');
    expect(screen.getByText('Expired')).toBeInTheDocument();
    expect(screen.getByText(/3 open reports on them/)).toBeInTheDocument();

    const form = screen.getByRole('form', { name: 'Act on the report' });
    const apply = within(form).getByRole('button', { name: 'Apply' });
    await user.click(
      within(form).getByRole('radio', { name: 'Remove the crud' }),
    );
    expect(apply).toBeDisabled();
    await user.type(
      within(form).getByLabelText('Reason (for the log)'),
      'Spam link',
    );
    await user.click(apply);

    expect(await screen.findByText('Crud removed')).toBeInTheDocument();
    expect(screen.getByText('Removed by a moderator')).toBeInTheDocument();
    expect(
      screen.queryByRole('form', { name: 'Act on the report' }),
    ).not.toBeInTheDocument();
    expect(
      api.callsTo(`POST /api/moderation/reports/${report.uuid}/actions`)[0]
        .body,
    ).toEqual({ action: 'remove', reason: 'Spam link' });
  });

  it('suspends for a chosen time, and lifts a suspension with a reason', async () => {
    const report = makeReport({ activity: null });
    let target = report.target;
    const api = mockApi({
      ...base('admin'),
      [`GET /api/moderation/reports/${report.uuid}`]: () => ({
        report: { ...report, target },
        snapshot: null,
        open_reports_on_target: 1,
      }),
      [`POST /api/moderation/reports/${report.uuid}/actions`]: () => {
        target = {
          ...target,
          suspended: true,
          suspended_until: '2026-12-09T13:00:00Z',
        };
        return {
          ...report,
          target,
          closed_at: '2026-12-02T13:00:00Z',
          resolution: 'suspended',
        };
      },
      'DELETE /api/moderation/users/@spammer/suspension': () => {
        target = { ...target, suspended: false, suspended_until: null };
        return { handle: 'spammer', suspended_until: null };
      },
      'GET /api/moderation/reports': EMPTY,
    });
    const user = userEvent.setup();
    renderApp(`/moderation/reports/${report.uuid}`);
    const form = await screen.findByRole('form', { name: 'Act on the report' });
    // A report on a person has no crud to remove.
    expect(
      within(form).queryByRole('radio', { name: 'Remove the crud' }),
    ).not.toBeInTheDocument();
    await user.click(
      within(form).getByRole('radio', { name: 'Suspend the person' }),
    );
    await user.click(within(form).getByRole('radio', { name: '30 days' }));
    await user.type(
      within(form).getByLabelText('Reason (for the log)'),
      'Threats',
    );
    await user.click(within(form).getByRole('button', { name: 'Apply' }));
    expect(
      api.callsTo(`POST /api/moderation/reports/${report.uuid}/actions`)[0]
        .body,
    ).toEqual({ action: 'suspend', reason: 'Threats', duration: '30-days' });

    const lift = await screen.findByRole('form', {
      name: 'Lift the suspension',
    });
    expect(lift).toHaveTextContent(/@spammer is suspended until Dec 9, 2026/);
    await user.type(
      within(lift).getByLabelText('Reason for lifting it'),
      'Appeal upheld',
    );
    await user.click(
      within(lift).getByRole('button', { name: 'Lift the suspension' }),
    );
    expect(
      await screen.findByText('The suspension of @spammer is lifted.'),
    ).toBeInTheDocument();
    expect(
      api.callsTo('DELETE /api/moderation/users/@spammer/suspension')[0].body,
    ).toEqual({ reason: 'Appeal upheld' });
  });

  it('says so when another moderator closed the report first', async () => {
    const report = makeReport();
    mockApi({
      ...base('moderator'),
      [`GET /api/moderation/reports/${report.uuid}`]: {
        report,
        snapshot: null,
        open_reports_on_target: 1,
      },
      [`POST /api/moderation/reports/${report.uuid}/actions`]: reply(409, {
        errors: ['report_closed'],
      }),
    });
    const user = userEvent.setup();
    renderApp(`/moderation/reports/${report.uuid}`);
    const form = await screen.findByRole('form', { name: 'Act on the report' });
    await user.click(
      within(form).getByRole('radio', { name: 'Dismiss the report' }),
    );
    await user.type(
      within(form).getByLabelText('Reason (for the log)'),
      'Fine',
    );
    await user.click(within(form).getByRole('button', { name: 'Apply' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent(
      'That report is closed already; someone else acted on it.',
    );
  });

  it('shows the audit log, newest first', async () => {
    mockApi({
      ...base('moderator'),
      'GET /api/moderation/reports': EMPTY,
      'GET /api/moderation/log': {
        items: [
          makeLogEntry({
            action: 'suspend',
            reason: 'Threats',
            suspended_until: null,
          }),
          makeLogEntry({
            action: 'remove',
            reason: 'Spam link',
            report_uuid: 'r-1',
          }),
        ],
        next_cursor: null,
      },
    });
    const user = userEvent.setup();
    renderApp('/moderation');
    await user.click(await screen.findByRole('link', { name: 'Audit log' }));
    const log = await screen.findByRole('region', { name: 'Audit log' });
    const entries = await within(log).findAllByRole('article');
    expect(entries[0]).toHaveTextContent('@mo suspended @spammer until lifted');
    expect(entries[0]).toHaveTextContent('Threats');
    expect(entries[1]).toHaveTextContent('@mo removed a crud by @spammer');
    expect(
      within(entries[1]).getByRole('link', { name: 'the report' }),
    ).toHaveAttribute('href', '/moderation/reports/r-1');
  });
});

describe('a suspended account', () => {
  it('shows the suspension in place of every page, with its end, and signs out', async () => {
    const api = mockApi({
      ...signedIn(me('member')),
      'GET /api/activities/home': suspendedReply('2026-12-24T18:00:00Z'),
      'GET /api/users/suggested': suspendedReply('2026-12-24T18:00:00Z'),
      'GET /api/activities/notifications': suspendedReply(
        '2026-12-24T18:00:00Z',
      ),
      'POST /api/auth/signout': reply(204),
    });
    const user = userEvent.setup();
    renderApp('/');
    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'Account suspended',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/^Your account is suspended until December 24, 2026 at/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('navigation', { name: 'Main' }),
    ).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Sign in' }),
    ).toBeInTheDocument();
    expect(api.callsTo('POST /api/auth/signout')).toHaveLength(1);
  });

  it('says “until a moderator lifts it” when the page load’s refresh is refused', async () => {
    localStorage.setItem('cruddur.session', '1');
    mockApi({
      'POST /api/auth/refresh': suspendedReply(null),
      'GET /api/activities/home': EMPTY,
      'GET /api/users/suggested': EMPTY,
    });
    renderApp('/notifications');
    expect(
      await screen.findByText(
        'Your account is suspended until a moderator lifts it.',
      ),
    ).toBeInTheDocument();
    expect(window.location.pathname).toBe('/notifications');
  });

  it('tells a suspended person on the sign-in form', async () => {
    mockApi({
      'GET /api/activities/home': EMPTY,
      'GET /api/users/suggested': EMPTY,
      'POST /api/auth/signin': suspendedReply(null),
    });
    const user = userEvent.setup();
    renderApp('/signin');
    await user.type(await screen.findByLabelText('Email'), 'bad@example.com');
    await user.type(screen.getByLabelText('Password'), 'Engine-1843!');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Your account is suspended until a moderator lifts it.',
    );
    await waitFor(() => expect(window.location.pathname).toBe('/signin'));
  });
});
