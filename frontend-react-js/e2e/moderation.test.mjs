// Reporting and moderating through the real stack, at each width: R reports
// S's crud from its "…" menu and is thanked (a second report of it is
// refused in words). The crud then expires (its expires_at set in the past
// with psql, as time would). M, made a moderator with bin/db/set-role, finds
// the report open in the queue with the crud "Expired", sees the crud as it
// was, and removes it with a reason; the report closes and the audit log
// has it. Then R reports S; M suspends S for 7 days: S, signed in, sees the
// suspension in place of the app, and the sign-in form says it too, until M
// lifts it from the report.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  BASE_URL,
  PASSWORD,
  VIEWPORTS,
  callApi,
  launchBrowser,
  runSql,
  screenshot,
  setRole,
  signInPage,
  signedUp,
} from './support.mjs';

const TIMEOUT = 15_000;
const run = Date.now().toString(36);
const UUID = /^[0-9a-f-]{36}$/;

function visible(locator, timeout = TIMEOUT) {
  return locator.first().waitFor({ state: 'visible', timeout });
}

for (const viewport of VIEWPORTS) {
  describe(`reporting and moderating at ${viewport.width} × ${viewport.height}`, () => {
    const size = { width: viewport.width, height: viewport.height };
    const tag = `${run}${viewport.label[0]}`;
    const shot = (name) => `${viewport.label}-moderation-${name}`;
    const make = (letter, name) => ({
      displayName: `${name} ${tag}`,
      handle: `${letter}m_${tag}`,
      email: `${letter}m_${tag}@example.com`,
    });
    const R = make('r', 'Rita');
    const S = make('s', 'Sly');
    const M = make('m', 'Mona');
    const sCrud = `Cheap watches here ${tag}`;
    const tokens = {};
    let sUuid;
    let browser;
    let r;
    let m;
    let s;

    before(async () => {
      for (const person of [R, S, M]) {
        tokens[person.handle] = await signedUp(person);
      }
      await callApi(
        'POST',
        `/api/users/@${S.handle}/follow`,
        undefined,
        tokens[R.handle],
      );
      ({ uuid: sUuid } = await callApi(
        'POST',
        '/api/activities',
        { message: sCrud, ttl: '1-hour' },
        tokens[S.handle],
      ));
      assert.match(sUuid, UUID);
      await setRole(M.handle, 'moderator');
      browser = await launchBrowser();
      r = await browser.newPerson('R', size);
      m = await browser.newPerson('M', size);
      s = await browser.newPerson('S', size);
      for (const person of [r, m, s]) person.page.setDefaultTimeout(TIMEOUT);
    });

    after(async () => {
      await browser?.close();
    });

    it('lets R report S’s crud, and thanks R', async () => {
      const { page } = r;
      await signInPage(page, R);
      await page.goto(`${BASE_URL}/?feed=following`);
      const crud = page.getByRole('article', {
        name: `Crud by ${S.displayName}`,
      });
      await visible(crud.getByText(sCrud, { exact: true }));
      const openReport = async () => {
        await crud
          .getByRole('button', {
            name: `More actions for the crud by ${S.displayName}`,
          })
          .click();
        await page.getByRole('menuitem', { name: 'Report crud' }).click();
        const dialog = page.getByRole('dialog', { name: 'Report this crud' });
        await dialog.getByRole('radio', { name: 'Spam' }).check();
        await dialog
          .getByLabel(/Anything the moderators should know/)
          .fill('The same link all day');
        return dialog;
      };
      let dialog = await openReport();
      await screenshot(page, shot('report-dialog'));
      await dialog.getByRole('button', { name: 'Send report' }).click();
      await visible(dialog.getByText('Thanks, a moderator will look at it.'));
      await dialog.getByRole('button', { name: 'Done' }).click();

      dialog = await openReport();
      await dialog.getByRole('button', { name: 'Send report' }).click();
      await visible(dialog.getByText(/You have reported this already/));
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      assert.deepEqual(
        r.problems.filter((p) => !/409/.test(p)),
        [],
      );
    });

    it('shows no moderation to a member', async () => {
      const { page } = r;
      const nav = page.getByRole('navigation', { name: 'Main' });
      await visible(nav.getByRole('link', { name: 'Settings' }));
      assert.equal(
        await nav.getByRole('link', { name: 'Moderation' }).count(),
        0,
      );
      await page.goto(`${BASE_URL}/moderation`);
      await visible(page.getByRole('heading', { name: 'Page not found' }));
    });

    it('lets the moderator M find the report after the crud expired, and remove the crud', async () => {
      // Time runs out for the crud: its expiry moves to just after it was posted.
      await runSql(
        `UPDATE activities SET expires_at = created_at + interval '1 millisecond' WHERE uuid = '${sUuid}'`,
      );
      const { page } = m;
      await signInPage(page, M);
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Moderation' })
        .click();
      await page.waitForURL(`${BASE_URL}/moderation`);
      const reports = page.getByRole('region', { name: 'Reports' });
      const report = reports
        .getByRole('article', { name: `Report on a crud by @${S.handle}` })
        .first();
      await visible(report.getByText('Open', { exact: true }));
      await visible(report.getByText('Expired', { exact: true }));
      await visible(report.getByText(sCrud));
      await screenshot(page, shot('queue'));

      await report
        .getByRole('link', { name: `Report on a crud by @${S.handle}` })
        .click();
      await page.waitForURL(/\/moderation\/reports\/[0-9a-f-]{36}$/);
      const snapshot = page.getByRole('region', {
        name: 'The crud as it was reported',
      });
      await visible(snapshot.getByText(sCrud, { exact: true }));
      const form = page.getByRole('form', { name: 'Act on the report' });
      await form.getByRole('radio', { name: 'Remove the crud' }).check();
      await form
        .getByLabel('Reason (for the log)')
        .fill('Spam: the same link all day');
      await screenshot(page, shot('report'));
      await form.getByRole('button', { name: 'Apply' }).click();
      await visible(page.getByText('Crud removed', { exact: true }));
      await visible(page.getByText('Removed by a moderator', { exact: true }));

      await page.getByRole('link', { name: 'Back to the reports' }).click();
      await page.getByRole('link', { name: 'Audit log' }).click();
      const log = page.getByRole('region', { name: 'Audit log' });
      await visible(log.getByText('Spam: the same link all day'));
      await visible(log.getByText(`@${M.handle}`).first());
      await screenshot(page, shot('log'));
      assert.deepEqual(m.problems, []);
    });

    it('lets M suspend S from a report on S: S sees the suspension, until M lifts it', async () => {
      await signInPage(s.page, S);
      await callApi(
        'POST',
        '/api/reports',
        { handle: S.handle, reason: 'harassment' },
        tokens[R.handle],
      );
      const { page } = m;
      await page.goto(`${BASE_URL}/moderation`);
      await page
        .getByRole('region', { name: 'Reports' })
        .getByRole('link', { name: `Report on @${S.handle}` })
        .first()
        .click();
      const form = page.getByRole('form', { name: 'Act on the report' });
      await form.getByRole('radio', { name: 'Suspend the person' }).check();
      await form.getByRole('radio', { name: '7 days' }).check();
      await form.getByLabel('Reason (for the log)').fill('Harassing replies');
      await form.getByRole('button', { name: 'Apply' }).click();
      await visible(page.getByText('Person suspended', { exact: true }));
      const lift = page.getByRole('form', { name: 'Lift the suspension' });
      await visible(lift.getByText(`@${S.handle} is suspended until`));

      // S, signed in before, finds the app replaced by the suspension.
      await s.page.goto(`${BASE_URL}/`);
      await visible(
        s.page.getByRole('heading', { name: 'Account suspended', level: 1 }),
      );
      await visible(
        s.page.getByText(/^Your account is suspended until \w+ \d/),
      );
      await screenshot(s.page, shot('suspended'));
      await s.page.getByRole('button', { name: 'Sign out' }).click();
      await s.page.waitForURL(`${BASE_URL}/signin`);
      await s.page.getByLabel('Email').fill(S.email);
      await s.page.getByLabel('Password').fill(PASSWORD);
      await s.page.getByRole('button', { name: 'Sign in' }).click();
      await visible(
        s.page.getByRole('alert').getByText(/^Your account is suspended until/),
      );
      await screenshot(s.page, shot('suspended-sign-in'));

      await lift.getByLabel('Reason for lifting it').fill('Apologised');
      await lift.getByRole('button', { name: 'Lift the suspension' }).click();
      await visible(
        page.getByText(`The suspension of @${S.handle} is lifted.`),
      );
      await signInPage(s.page, S);
      await visible(s.page.getByRole('navigation', { name: 'Main' }));
      assert.deepEqual(m.problems, []);
    });
  });
}
