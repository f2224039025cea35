// Blocking someone through the real stack, at each width: A follows B and
// sees B's crud under Following and Everyone, in a search and B's like in
// the notifications. A blocks B from the crud's "…" menu: B is gone from
// every one of those at once and after a reload, B's crud page is not found
// for A (nor A's for B), and B's profile says A blocked them. A unblocks B
// from Settings, and B's crud is back under Everyone.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  BASE_URL,
  VIEWPORTS,
  apiStatus,
  callApi,
  launchBrowser,
  screenshot,
  signInPage,
  signedUp,
} from './support.mjs';

const TIMEOUT = 15_000;
const run = Date.now().toString(36);

function visible(locator, timeout = TIMEOUT) {
  return locator.first().waitFor({ state: 'visible', timeout });
}

function gone(locator, timeout = TIMEOUT) {
  return locator.first().waitFor({ state: 'detached', timeout });
}

function timeline(page, label) {
  return page.getByRole('region', { name: label, exact: true });
}

async function openTab(page, label) {
  await page.goto(`${BASE_URL}/?feed=${label.toLowerCase()}`);
  const region = timeline(page, label);
  await visible(region);
  return region;
}

for (const viewport of VIEWPORTS) {
  describe(`blocking someone at ${viewport.width} × ${viewport.height}`, () => {
    const size = { width: viewport.width, height: viewport.height };
    const tag = `${run}${viewport.label[0]}`;
    const shot = (name) => `${viewport.label}-blocking-${name}`;
    const make = (letter, name) => ({
      displayName: `${name} ${tag}`,
      handle: `${letter}b_${tag}`,
      email: `${letter}b_${tag}@example.com`,
    });
    const A = make('a', 'Aino');
    const B = make('b', 'Bram');
    const word = `blockword${tag}`;
    const bCrud = `Bram says ${word}`;
    const aCrud = `Aino muses ${tag}`;
    const tokens = {};
    let bUuid;
    let aUuid;
    let browser;
    let a;

    before(async () => {
      for (const person of [A, B]) {
        tokens[person.handle] = await signedUp(person);
      }
      await callApi(
        'POST',
        `/api/users/@${B.handle}/follow`,
        undefined,
        tokens[A.handle],
      );
      ({ uuid: bUuid } = await callApi(
        'POST',
        '/api/activities',
        { message: bCrud, ttl: '1-hour' },
        tokens[B.handle],
      ));
      ({ uuid: aUuid } = await callApi(
        'POST',
        '/api/activities',
        { message: aCrud, ttl: '1-hour' },
        tokens[A.handle],
      ));
      await callApi(
        'POST',
        `/api/activities/${aUuid}/like`,
        undefined,
        tokens[B.handle],
      );
      browser = await launchBrowser();
      a = await browser.newPerson('A', size);
      a.page.setDefaultTimeout(TIMEOUT);
      await signInPage(a.page, A);
    });

    after(async () => {
      await browser?.close();
    });

    it('shows A what B wrote and did, everywhere, before the block', async () => {
      const { page } = a;
      await visible(
        (await openTab(page, 'Following')).getByText(bCrud, { exact: true }),
      );
      await visible(
        (await openTab(page, 'Everyone')).getByText(bCrud, { exact: true }),
      );
      await page.goto(`${BASE_URL}/search?q=${word}`);
      await visible(page.getByText(bCrud, { exact: true }));
      await page.goto(`${BASE_URL}/notifications`);
      await visible(
        page
          .getByRole('region', { name: 'Notifications' })
          .getByText(B.displayName),
      );
    });

    it('lets A block B from the crud’s menu, and B’s crud leaves the timeline at once', async () => {
      const { page } = a;
      const following = await openTab(page, 'Following');
      const crud = following.getByRole('article', {
        name: `Crud by ${B.displayName}`,
      });
      await visible(crud);
      const menuButton = crud.getByRole('button', {
        name: `More actions for the crud by ${B.displayName}`,
      });
      await menuButton.click();
      const menu = page.getByRole('menu');
      await visible(menu.getByRole('menuitem', { name: `Block @${B.handle}` }));
      await screenshot(page, shot('menu'));
      // Escape closes it, back onto its button.
      await page.keyboard.press('Escape');
      await gone(menu);
      assert.equal(
        await menuButton.evaluate(
          (node) => node.ownerDocument.activeElement === node,
        ),
        true,
      );
      await menuButton.click();
      await page.getByRole('menuitem', { name: `Block @${B.handle}` }).click();
      const dialog = page.getByRole('dialog', { name: `Block @${B.handle}?` });
      await visible(dialog);
      await screenshot(page, shot('confirm'));
      await dialog.getByRole('button', { name: 'Block', exact: true }).click();
      await gone(following.getByText(bCrud, { exact: true }));
    });

    it('keeps B out of Everyone, search and notifications, and B’s crud page is not found', async () => {
      const { page } = a;
      const everyone = await openTab(page, 'Everyone');
      await visible(everyone.getByText(aCrud, { exact: true }));
      assert.equal(await everyone.getByText(bCrud, { exact: true }).count(), 0);

      await page.goto(`${BASE_URL}/search?q=${word}`);
      await visible(page.getByRole('region', { name: `Results for ${word}` }));
      await page.waitForLoadState('networkidle');
      assert.equal(await page.getByText(bCrud, { exact: true }).count(), 0);

      // B's like was A's only notification: none is left.
      await page.goto(`${BASE_URL}/notifications`);
      await visible(page.getByText(/^No notifications yet/));
      assert.equal(await page.getByText(B.displayName).count(), 0);

      await page.goto(`${BASE_URL}/@${B.handle}/status/${bUuid}`);
      await visible(page.getByText(/That crud does not exist any more/));
      // Blocked either way: B cannot open A's crud either.
      assert.equal(
        await apiStatus(
          'GET',
          `/api/activities/@${A.handle}/status/${aUuid}`,
          tokens[B.handle],
        ),
        404,
      );

      await page.goto(`${BASE_URL}/@${B.handle}`);
      const notice = page.getByRole('region', { name: 'Blocked' });
      await visible(notice.getByText(`You blocked @${B.handle}.`));
      await screenshot(page, shot('profile'));
    });

    it('lets A unblock B from Settings, and B’s cruds come back', async () => {
      const { page } = a;
      await page.goto(`${BASE_URL}/`);
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Settings' })
        .click();
      await page.waitForURL(`${BASE_URL}/settings`);
      const blocked = page.getByRole('region', { name: 'Blocked people' });
      const row = blocked.getByRole('article', { name: B.displayName });
      await visible(row);
      await screenshot(page, shot('settings'));
      await row.getByRole('button', { name: `Unblock @${B.handle}` }).click();
      await visible(blocked.getByText('You have not blocked anyone.'));

      const everyone = await openTab(page, 'Everyone');
      await visible(everyone.getByText(bCrud, { exact: true }));
      // B's crud page answered 404 on purpose; nothing else went wrong.
      assert.deepEqual(
        a.problems.filter((p) => !/status of 404/.test(p)),
        [],
      );
    });
  });
}
