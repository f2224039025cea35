// Following people through the real stack, at each width: A signs up and
// follows B, sees B's new crud under Following, unfollows and it is gone
// from there (still under Everyone); C, whom A follows, reposts a crud by D,
// whom A does not, and it is in A's timeline "reposted by C". Two quick
// clicks on Follow, with slow answers, leave A not following, also after a
// reload; and C hears that A followed (B's notice went with the unfollow).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  BASE_URL,
  PASSWORD,
  VIEWPORTS,
  callApi,
  latestCode,
  launchBrowser,
  screenshot,
  signedUp,
} from './support.mjs';

const TIMEOUT = 15_000;
const ANSWER_DELAY_MS = 800;
const FOLLOWS = /\/api\/users\/@[^/]+\/follow$/;

const run = Date.now().toString(36);

function visible(locator, timeout = TIMEOUT) {
  return locator.first().waitFor({ state: 'visible', timeout });
}

/** Waits until `locator` matches nothing. */
async function gone(locator, timeout = TIMEOUT) {
  await locator.first().waitFor({ state: 'detached', timeout });
}

function nav(page) {
  return page.getByRole('navigation', { name: 'Main' });
}

function profileHeader(page) {
  return page.getByRole('region', { name: 'Profile' });
}

function followButton(scope, name) {
  return scope.getByRole('button', { name: `Follow ${name}`, exact: true });
}

function followingButton(scope, name) {
  return scope.getByRole('button', { name: `Following ${name}`, exact: true });
}

/** The timeline tab `label` (Following or Everyone), opened from its link. */
async function openTimeline(page, label) {
  await nav(page).getByRole('link', { name: 'Home', exact: true }).click();
  const tabs = page.getByRole('navigation', { name: 'Timelines' });
  const tab = tabs.getByRole('link', { name: label, exact: true });
  await tab.click();
  await visible(tab.and(page.locator('[aria-current="page"]')));
  return page.getByRole('region', { name: label, exact: true });
}

for (const viewport of VIEWPORTS) {
  describe(`following people at ${viewport.width} × ${viewport.height}`, () => {
    const size = { width: viewport.width, height: viewport.height };
    const tag = `${run}${viewport.label[0]}`;
    const shot = (name) => `${viewport.label}-follows-${name}`;
    const make = (letter, name) => ({
      displayName: `${name} ${tag}`,
      handle: `${letter}f_${tag}`,
      email: `${letter}f_${tag}@example.com`,
    });
    const A = make('a', 'Ama');
    const B = make('b', 'Ben');
    const C = make('c', 'Cleo');
    const D = make('d', 'Dev');
    const tokens = {};
    const bCrud = `Ben's fresh news ${tag}`;
    const dCrud = `Dev thinks aloud ${tag}`;
    let browser;
    let a;

    before(async () => {
      for (const person of [B, C, D])
        tokens[person.handle] = await signedUp(person);
      const posted = await callApi(
        'POST',
        '/api/activities',
        { message: dCrud, ttl: '1-hour' },
        tokens[D.handle],
      );
      D.crudUuid = posted.uuid;
      browser = await launchBrowser();
      a = await browser.newPerson('A', size);
      a.page.setDefaultTimeout(TIMEOUT);
    });

    after(async () => {
      await a?.page.unrouteAll({ behavior: 'ignoreErrors' });
      await browser?.close();
    });

    it('lets A sign up and shows a newcomer Everyone and people to follow', async () => {
      const { page } = a;
      await page.goto(`${BASE_URL}/signup`);
      await page.getByLabel('Display name').fill(A.displayName);
      await page.getByLabel('Handle').fill(A.handle);
      await page.getByLabel('Email').fill(A.email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign up' }).click();
      await page.waitForURL(/\/confirm\?email=/);
      await page
        .getByLabel('Confirmation code')
        .fill(await latestCode(A.email, 'confirm'));
      await page.getByRole('button', { name: 'Confirm' }).click();
      await page.waitForURL(/\/signin\?email=/);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`${BASE_URL}/`);

      const tabs = page.getByRole('navigation', { name: 'Timelines' });
      await visible(tabs.getByRole('link', { name: 'Everyone', exact: true }));
      assert.equal(
        await tabs
          .getByRole('link', { name: 'Everyone', exact: true })
          .getAttribute('aria-current'),
        'page',
      );
      const people = page.getByRole('region', { name: 'People to follow' });
      await visible(people.getByRole('button', { name: /^Follow / }));
      await visible(
        page
          .getByRole('region', { name: 'Everyone', exact: true })
          .getByText(dCrud, { exact: true }),
      );
      await screenshot(page, shot('a-newcomer-home'));
    });

    it('lets A follow B from B’s profile, and it holds after a reload', async () => {
      const { page } = a;
      await page.goto(`${BASE_URL}/@${B.handle}`);
      const header = profileHeader(page);
      await visible(header.getByRole('link', { name: '0 followers' }));
      await followButton(header, B.displayName).click();
      await visible(followingButton(header, B.displayName));
      await visible(header.getByRole('link', { name: '1 follower' }));
      await screenshot(page, shot('a-follows-b'));
      await page.reload();
      await visible(followingButton(profileHeader(page), B.displayName));
      await visible(
        profileHeader(page).getByRole('link', { name: '1 follower' }),
      );
    });

    it('shows A what B posts under Following', async () => {
      await callApi(
        'POST',
        '/api/activities',
        { message: bCrud, ttl: '1-hour' },
        tokens[B.handle],
      );
      const { page } = a;
      const following = await openTimeline(page, 'Following');
      const crud = following.getByRole('article', {
        name: `Crud by ${B.displayName}`,
      });
      await visible(crud.getByText(bCrud, { exact: true }));
      await screenshot(page, shot('a-following-timeline'));
    });

    it('lets A unfollow B from the list of people A follows', async () => {
      const { page } = a;
      await page.goto(`${BASE_URL}/@${A.handle}`);
      await profileHeader(page)
        .getByRole('link', { name: '1 following' })
        .click();
      await page.waitForURL(`${BASE_URL}/@${A.handle}/following`);
      const list = page.getByRole('region', {
        name: `People @${A.handle} follows`,
      });
      const row = list.getByRole('article', { name: B.displayName });
      await followingButton(row, B.displayName).click();
      await visible(followButton(row, B.displayName));
      await screenshot(page, shot('a-following-list'));

      const following = await openTimeline(page, 'Following');
      await gone(following.getByText(bCrud, { exact: true }));
      const everyone = await openTimeline(page, 'Everyone');
      await visible(everyone.getByText(bCrud, { exact: true }));
      await page.reload();
      await visible(
        page
          .getByRole('region', { name: 'Everyone', exact: true })
          .getByText(bCrud, { exact: true }),
      );
      await page.goto(`${BASE_URL}/?feed=following`);
      await visible(
        page
          .getByRole('region', { name: 'Following', exact: true })
          .getByText(/^Follow people to see their cruds here/),
      );
      assert.equal(await page.getByText(bCrud, { exact: true }).count(), 0);
    });

    it('shows A a crud by D that C reposted, "reposted by C"', async () => {
      const { page } = a;
      await page.goto(`${BASE_URL}/@${C.handle}`);
      await followButton(profileHeader(page), C.displayName).click();
      await visible(followingButton(profileHeader(page), C.displayName));
      await callApi(
        'POST',
        `/api/activities/${D.crudUuid}/repost`,
        undefined,
        tokens[C.handle],
      );
      const following = await openTimeline(page, 'Following');
      const crud = following.getByRole('article', {
        name: `Crud by ${D.displayName}`,
      });
      await visible(crud.getByText(dCrud, { exact: true }));
      await visible(crud.getByText(`reposted by ${C.displayName}`));
      await crud.scrollIntoViewIfNeeded();
      await screenshot(page, shot('a-reposted-by'));
      await page.reload();
      await visible(
        page
          .getByRole('article', { name: `Crud by ${D.displayName}` })
          .getByText(`reposted by ${C.displayName}`),
      );
    });

    it('ends two quick clicks on Follow in the state of the second, also after a reload', async (t) => {
      const { page } = a;
      await page.goto(`${BASE_URL}/@${D.handle}`);
      const header = profileHeader(page);
      const button = followButton(header, D.displayName);
      await visible(button);
      await visible(header.getByRole('link', { name: '0 followers' }));

      // The writes reach the API at once; their answers come back late.
      const answered = [];
      await page.route(FOLLOWS, async (route) => {
        const response = await route.fetch();
        await new Promise((resolve) => setTimeout(resolve, ANSWER_DELAY_MS));
        await route.fulfill({ response });
        answered.push(route.request().method());
      });
      const sent = [];
      page.on('request', (request) => {
        if (FOLLOWS.test(request.url())) sent.push(request.method());
      });
      const box = await button.boundingBox();
      const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      const cdp = await page.context().newCDPSession(page);
      const mouse = (type, clickCount, timestamp) =>
        cdp.send('Input.dispatchMouseEvent', {
          type,
          ...at,
          button: type === 'mouseMoved' ? 'none' : 'left',
          clickCount,
          timestamp,
        });
      const start = Date.now() / 1000;
      await Promise.all([
        mouse('mouseMoved', 0, start),
        mouse('mousePressed', 1, start + 0.001),
        mouse('mouseReleased', 1, start + 0.005),
        mouse('mousePressed', 2, start + 0.04),
        mouse('mouseReleased', 2, start + 0.045),
      ]);
      assert.deepEqual(answered, [], 'both clicks came before any answer');
      await visible(followButton(header, D.displayName));

      // Both writes go out, in order, and the last one wins.
      const until = Date.now() + 3 * ANSWER_DELAY_MS + 4000;
      while (answered.length < 2 && Date.now() < until) {
        await page.waitForTimeout(100);
      }
      t.diagnostic(`sent ${sent.join(', ')}; answered ${answered.join(', ')}`);
      assert.deepEqual(answered, ['POST', 'DELETE']);
      await page.waitForTimeout(500);
      await visible(followButton(header, D.displayName));
      await visible(header.getByRole('link', { name: '0 followers' }));
      await screenshot(page, shot('a-double-click'));

      await page.unroute(FOLLOWS);
      await page.reload();
      await visible(followButton(profileHeader(page), D.displayName));
      await visible(
        profileHeader(page).getByRole('link', { name: '0 followers' }),
      );
      const followers = await callApi(
        'GET',
        `/api/users/@${D.handle}/followers`,
      );
      assert.deepEqual(followers.items, []);
    });

    it('tells C, whom A still follows, that A followed, linking to A', async () => {
      const c = await browser.newPerson('C', size);
      c.page.setDefaultTimeout(TIMEOUT);
      const { page } = c;
      await page.goto(`${BASE_URL}/signin?next=%2Fnotifications`);
      await page.getByLabel('Email').fill(C.email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`${BASE_URL}/notifications`);
      const line = page
        .getByRole('region', { name: 'Notifications' })
        .locator('p')
        .filter({ hasText: `${A.displayName} followed you` });
      await visible(line);
      await screenshot(page, shot('c-notifications'));
      await line.getByRole('link', { name: A.displayName }).click();
      await page.waitForURL(`${BASE_URL}/@${A.handle}`);
      await visible(
        page.getByRole('heading', { level: 1, name: A.displayName }),
      );
      assert.deepEqual([...c.dialogs, ...c.problems], []);
    });

    it('had no console problems', () => {
      assert.deepEqual([...a.dialogs, ...a.problems], []);
    });
  });
}
