import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type RunningServer, startServer } from '../../src/server/index.js';
import { adminApi, cliOut } from '../helpers/admin-api.js';
import { testLocation } from '../helpers/engine.js';
import { DESKTOP, launchBrowser, openPage, PHONE, type TestBrowser } from './browser.js';

// The segment page's members: a page at a time on a phone, all of them on a wide screen (issue 14), whatever
// the window was when the list was first drawn and whichever segment the page showed before.
let dir: string;
let server: RunningServer;
let browser: TestBrowser;
const api = adminApi(() => server);

interface Members {
  rows?: unknown[];
  members?: unknown[];
}
const count = (m: Members | unknown[]) => (Array.isArray(m) ? m : (m.rows ?? m.members ?? [])).length;

async function rowsShown(page: Page): Promise<number> {
  return page.getByTestId('members').locator('tbody tr').count();
}

describe('segment members on a phone and a wide screen', { timeout: 600_000 }, () => {
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'clientele-web-members-'));
    const db = await testLocation(dir, 'demo.duckdb');
    await cliOut(['demo', '--db', db, '--customers', '300', '--data', join(dir, 'data'), '--json']);
    await cliOut(['segment', 'create', 'buyers', '--where', 'orders >= 1', '--db', db, '--json']);
    for (const n of [3, 4, 5, 6, 8, 10])
      await cliOut(['segment', 'create', `loyal-${n}`, '--where', `orders >= ${n}`, '--db', db, '--json']);
    server = await startServer({ dbPath: db, port: 0 });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('a phone widened to a wide screen shows every member', async () => {
    const all = count((await api('/v1/segments/buyers/members?limit=25&sort=revenue')) as Members);
    assert.ok(all > 5, `the segment has more members than a phone's page (${all})`);
    const session = { url: server.url, token: server.adminToken };
    const { context, page } = await openPage(browser.browser, PHONE, session, 'en-US');
    try {
      await page.goto(`${server.url}/segments/buyers`);
      await page.getByTestId('members').waitFor({ timeout: 120_000 });
      assert.equal(await rowsShown(page), 5);
      await page.setViewportSize(DESKTOP);
      await page.waitForFunction(`!matchMedia('(max-width: 760px)').matches`);
      await page.waitForTimeout(200);
      assert.equal(await rowsShown(page), all, 'every member on a wide screen');
      assert.equal(await page.getByTestId('members-more').count(), 0);
    } finally {
      await context.close();
    }
  });

  it('on a wide screen, a segment opened after a smaller one shows every member', async () => {
    // The first of the loyal segments with fewer members than a wide page shows.
    let loyal = '';
    let few = 0;
    for (const n of [3, 4, 5, 6, 8, 10]) {
      few = count((await api(`/v1/segments/loyal-${n}/members?limit=25&sort=revenue`)) as Members);
      loyal = `loyal-${n}`;
      if (few < 25) break;
    }
    const all = count((await api('/v1/segments/buyers/members?limit=25&sort=revenue')) as Members);
    assert.ok(few > 0 && few < all, `a smaller segment first (${few} < ${all})`);
    const session = { url: server.url, token: server.adminToken };
    const { context, page } = await openPage(browser.browser, DESKTOP, session, 'en-US');
    try {
      await page.goto(`${server.url}/segments/${loyal}`);
      await page.getByTestId('members').waitFor({ timeout: 120_000 });
      assert.equal(await rowsShown(page), few);
      // In the app, as a link or the back button goes: the screen stays, its segment changes.
      await page.evaluate(`(() => {
        history.pushState({}, '', '/segments/buyers');
        dispatchEvent(new PopStateEvent('popstate'));
      })()`);
      await page.locator('h1', { hasText: 'Buyers' }).waitFor({ timeout: 60_000 });
      await page.locator('.stale [data-testid=members]').waitFor({ state: 'detached', timeout: 60_000 });
      assert.equal(await rowsShown(page), all, 'every member on a wide screen');
    } finally {
      await context.close();
    }
  });
});
