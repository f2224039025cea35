// Liking and reposting the same crud within 100 ms, with both answers slowed
// down, shows both counts and both pressed states once the answers are in and
// after a reload: neither write puts back the crud as it was before the other.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  API_URL,
  BASE_URL,
  PASSWORD,
  VIEWPORTS,
  latestCode,
  launchBrowser,
  screenshot,
} from './support.mjs';

const TIMEOUT = 15_000;
const ANSWER_DELAY_MS = 800;
const SETTLE_MS = 3000;
const REACTIONS = /\/api\/activities\/[0-9a-f-]{36}\/(like|repost)$/;

const run = Date.now().toString(36);

async function postJson(path, body, token) {
  const response = await fetch(`${API_URL}${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  assert.ok(
    response.ok,
    `${path}: ${response.status} ${JSON.stringify(answer)}`,
  );
  return answer;
}

/** A confirmed person with one live crud, made through the API. */
async function personWithCrud(person, message) {
  await postJson('/api/auth/signup', {
    email: person.email,
    handle: person.handle,
    display_name: person.displayName,
    password: PASSWORD,
  });
  await postJson('/api/auth/confirm', {
    email: person.email,
    code: await latestCode(person.email, 'confirm'),
  });
  const { access_token: token } = await postJson('/api/auth/signin', {
    email: person.email,
    password: PASSWORD,
  });
  await postJson('/api/activities', { message, ttl: '1-hour' }, token);
}

const REACTED = {
  like: { label: 'Like (1 like)', pressed: 'true' },
  repost: { label: 'Repost (1 repost)', pressed: 'true' },
};

/** What the crud's like and repost buttons say: their labels and pressed states. */
async function reactions(crud) {
  const read = async (name) => {
    const button = crud.getByRole('button', { name });
    return {
      label: await button.getAttribute('aria-label'),
      pressed: await button.getAttribute('aria-pressed'),
    };
  };
  return { like: await read(/^Like \(/), repost: await read(/^Repost \(/) };
}

/** Gives both a moment to show, then checks what the buttons say. */
async function assertReacted(crud) {
  const until = Date.now() + SETTLE_MS;
  let shown = await reactions(crud);
  while (
    Date.now() < until &&
    JSON.stringify(shown) !== JSON.stringify(REACTED)
  ) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    shown = await reactions(crud);
  }
  assert.deepEqual(shown, REACTED);
}

for (const viewport of VIEWPORTS) {
  describe(`liking and reposting at once at ${viewport.width} × ${viewport.height}`, () => {
    const tag = `${run}${viewport.label[0]}`;
    const person = {
      displayName: `Lia ${tag}`,
      handle: `lia_${tag}`,
      email: `lia_${tag}@example.com`,
    };
    const message = `Like and repost me ${tag}`;
    let browser;
    let lia;

    before(async () => {
      await personWithCrud(person, message);
      browser = await launchBrowser();
      lia = await browser.newPerson('Lia', {
        width: viewport.width,
        height: viewport.height,
      });
      lia.page.setDefaultTimeout(TIMEOUT);
    });

    after(async () => {
      await lia?.page.unrouteAll({ behavior: 'ignoreErrors' });
      await browser?.close();
    });

    it('keeps both the like and the repost when their answers are slow', async (t) => {
      const { page } = lia;
      await page.goto(`${BASE_URL}/signin`);
      await page.getByLabel('Email').fill(person.email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`${BASE_URL}/`);
      const crud = page.getByRole('article', {
        name: `Crud by ${person.displayName}`,
      });
      await crud
        .getByText(message, { exact: true })
        .waitFor({ state: 'visible' });

      // The writes reach the API at once; their answers come back late.
      const answered = [];
      await page.route(REACTIONS, async (route) => {
        const response = await route.fetch();
        await new Promise((resolve) => setTimeout(resolve, ANSWER_DELAY_MS));
        await route.fulfill({ response });
        answered.push(route.request().url().split('/').at(-1));
      });
      const bothAnswers = Promise.all(
        ['like', 'repost'].map((kind) =>
          page.waitForResponse(
            (response) =>
              response.request().method() === 'POST' &&
              response.url().endsWith(`/${kind}`),
          ),
        ),
      );
      bothAnswers.catch(() => {}); // awaited below, unless a check fails first
      const like = crud.getByRole('button', { name: 'Like (0 likes)' });
      const repost = crud.getByRole('button', { name: 'Repost (0 reposts)' });
      await repost.scrollIntoViewIfNeeded();
      const centre = async (button) => {
        const box = await button.boundingBox();
        return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      };
      const [likeAt, repostAt] = [await centre(like), await centre(repost)];
      await page.evaluate(() => {
        globalThis.clicksSeen = [];
        globalThis.document.addEventListener(
          'click',
          (event) =>
            globalThis.clicksSeen.push({
              at: event.timeStamp,
              trusted: event.isTrusted,
              label: event.target.closest('button')?.getAttribute('aria-label'),
            }),
          true,
        );
      });

      // Two real clicks 20 ms apart, as the mouse gives them: sent together
      // with their times, the browser delivers them in turn, however busy
      // the page is with the first.
      const cdp = await page.context().newCDPSession(page);
      const mouse = (type, { x, y }, at) =>
        cdp.send('Input.dispatchMouseEvent', {
          type,
          x,
          y,
          button: type === 'mouseMoved' ? 'none' : 'left',
          clickCount: type === 'mouseMoved' ? 0 : 1,
          timestamp: at,
        });
      const start = Date.now() / 1000;
      await Promise.all([
        mouse('mouseMoved', likeAt, start),
        mouse('mousePressed', likeAt, start + 0.001),
        mouse('mouseReleased', likeAt, start + 0.005),
        mouse('mouseMoved', repostAt, start + 0.015),
        mouse('mousePressed', repostAt, start + 0.02),
        mouse('mouseReleased', repostAt, start + 0.025),
      ]);
      const clicks = await page.evaluate(() => globalThis.clicksSeen);
      assert.deepEqual(
        clicks.map(({ label, trusted }) => ({ label, trusted })),
        [
          { label: 'Like (0 likes)', trusted: true },
          { label: 'Repost (0 reposts)', trusted: true },
        ],
      );
      const apart = clicks[1].at - clicks[0].at;
      t.diagnostic(`the clicks were ${apart.toFixed(0)} ms apart`);
      assert.ok(apart < 100, `the clicks were ${apart.toFixed(0)} ms apart`);
      assert.deepEqual(answered, [], 'both clicks came before any answer');

      const responses = await bothAnswers;
      for (const response of responses) assert.equal(response.status(), 200);
      // Nothing written after the answers may take either back.
      await page.waitForTimeout(500);
      await screenshot(page, `${viewport.label}-like-and-repost`);
      await assertReacted(crud);

      await page.unroute(REACTIONS);
      await page.reload();
      await crud
        .getByText(message, { exact: true })
        .waitFor({ state: 'visible' });
      await screenshot(page, `${viewport.label}-like-and-repost-reloaded`);
      await assertReacted(crud);
    });

    it('had no console problems', () => {
      assert.deepEqual([...lia.dialogs, ...lia.problems], []);
    });
  });
}
