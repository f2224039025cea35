// Helpers for the browser journeys: Debian's Chromium driven by
// playwright-core, one browser context per person, every console error or
// warning and page error collected, screenshots under test-output/e2e/.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { crc32, deflateSync } from 'node:zlib';
import { chromium } from 'playwright-core';

export const BASE_URL = process.env.E2E_BASE_URL;
export const API_URL = process.env.E2E_API_URL;
// Every journey runs once at each width; its people sign up with this password.
export const VIEWPORTS = [
  { label: 'phone', width: 375, height: 812 },
  { label: 'desktop', width: 1280, height: 800 },
];
export const PASSWORD = 'Journey-Pass-42!';
export const SCREENSHOT_DIR =
  process.env.E2E_SCREENSHOT_DIR ??
  join(new URL('../..', import.meta.url).pathname, 'test-output', 'e2e');

if (!BASE_URL || !API_URL) {
  throw new Error(
    'Set E2E_BASE_URL (the web app) and E2E_API_URL (the API); ./bin/test e2e does both.',
  );
}

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Chromium from Debian. `launch` gives every run a fresh temporary profile
 * (user-data) directory of its own and deletes it on close.
 */
export async function launchBrowser() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
  return {
    /** One person: an isolated context (own cookies and storage) with one page. */
    newPerson: (name, viewport) => openPerson(browser, name, viewport),
    close: () => browser.close(),
  };
}

async function openPerson(browser, name, viewport) {
  const context = await browser.newContext({ viewport });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: BASE_URL,
  });
  const page = await context.newPage();
  const problems = [];
  const dialogs = [];
  page.on('console', (message) => {
    if (['error', 'warning'].includes(message.type())) {
      problems.push(`${name}: console ${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) =>
    problems.push(`${name}: page error: ${error.message}`),
  );
  page.on('dialog', async (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });
  return { name, context, page, problems, dialogs };
}

/** Saves a screenshot of the page as test-output/e2e/<name>.png. */
export async function screenshot(page, name) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

/** The newest code the local identity provider "emailed" for `purpose`. */
export async function latestCode(email, purpose) {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const response = await fetch(
      `${API_URL}/api/auth/dev/outbox?email=${encodeURIComponent(email)}`,
    );
    if (response.ok) {
      const entries = await response.json();
      const entry = entries.find((item) => item.purpose === purpose);
      if (entry) return entry.code;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no ${purpose} code for ${email} in the outbox`);
}

/** Whether the API has a route (an unauthenticated call gets 401, not 404/405). */
export async function apiHas(method, path) {
  const response = await fetch(`${API_URL}${path}`, { method });
  return response.status !== 404 && response.status !== 405;
}

/** A small solid-colour PNG, made here so the suite needs no image files. */
export function makePng(size = 64, [r, g, b] = [230, 120, 40]) {
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour RGB
  const row = Buffer.concat([
    Buffer.from([0]),
    Buffer.from(Array(size).fill([r, g, b]).flat()),
  ]);
  const pixels = Buffer.concat(Array(size).fill(row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Calls the API as `token`'s person (or nobody); fails the test on an error answer. */
export async function callApi(method, path, body, token) {
  const response = await fetch(`${API_URL}${path}`, {
    method,
    headers: {
      ...(body ? { 'Content-Type': 'application/json' } : {}),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${text}`);
  return text === '' ? null : JSON.parse(text);
}

/** The HTTP status the API answers `token`'s person with. */
export async function apiStatus(method, path, token) {
  const response = await fetch(`${API_URL}${path}`, {
    method,
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  await response.body?.cancel();
  return response.status;
}

/** A confirmed person made through the API; returns their access token. */
export async function signedUp(person) {
  await callApi('POST', '/api/auth/signup', {
    email: person.email,
    handle: person.handle,
    display_name: person.displayName,
    password: PASSWORD,
  });
  await callApi('POST', '/api/auth/confirm', {
    email: person.email,
    code: await latestCode(person.email, 'confirm'),
  });
  const { access_token: token } = await callApi('POST', '/api/auth/signin', {
    email: person.email,
    password: PASSWORD,
  });
  return token;
}

/** Signs `person` in through the sign-in form, and waits for home. */
export async function signInPage(page, person) {
  await page.goto(`${BASE_URL}/signin`);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${BASE_URL}/`);
}

const REPO_ROOT = new URL('../..', import.meta.url).pathname;

/** The e2e stack's database URL (./bin/test e2e sets it; ./bin/dev prints it). */
export function e2eConnectionUrl() {
  if (process.env.E2E_CONNECTION_URL) return process.env.E2E_CONNECTION_URL;
  throw new Error(
    'Set E2E_CONNECTION_URL to the e2e database (./bin/dev prints it).',
  );
}

const run = promisify(execFile);

/** Runs one SQL statement against the e2e database through bin/db/connect. */
export async function runSql(sql) {
  await run(
    join(REPO_ROOT, 'bin/db/connect'),
    ['--', '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql],
    { env: { ...process.env, CONNECTION_URL: e2eConnectionUrl() } },
  );
}

/** Gives `handle` a role (member, moderator, admin) with bin/db/set-role. */
export async function setRole(handle, role) {
  await run(join(REPO_ROOT, 'bin/db/set-role'), [handle, role], {
    env: { ...process.env, CONNECTION_URL: e2eConnectionUrl() },
  });
}
