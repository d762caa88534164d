import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type RunningServer, startServer } from '../../src/server/index.js';
import { cliOut } from '../helpers/admin-api.js';
import { testLocation } from '../helpers/engine.js';
import { DESKTOP, launchBrowser, openPage, PHONE, type TestBrowser } from './browser.js';

// A fold (web/src/ui.tsx) is open or folded as the page first draws it (the audit's reference cards: open on a
// wide screen, folded on a phone); after that it is the reader's: a window resized across the phone breakpoint
// does not fold what they opened, nor open what they folded.
let dir: string;
let server: RunningServer;
let browser: TestBrowser;

const isOpen = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((d) => (d as unknown as { open: boolean }).open);

async function across(page: Page, to: { width: number; height: number }, phone: boolean): Promise<void> {
  await page.setViewportSize(to);
  await page.waitForFunction(`matchMedia('(max-width: 760px)').matches === ${phone}`);
  await page.waitForTimeout(200);
}

describe('the audit’s folds across a resize', { timeout: 600_000 }, () => {
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'clientele-web-fold-'));
    const db = await testLocation(dir, 'demo.duckdb');
    await cliOut(['demo', '--db', db, '--customers', '300', '--data', join(dir, 'data'), '--json']);
    server = await startServer({ dbPath: db, port: 0 });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('a fold opened on a phone stays open, and one folded on a wide screen stays folded', async () => {
    const session = { url: server.url, token: server.adminToken };
    const { context, page } = await openPage(browser.browser, PHONE, session, 'en-US');
    try {
      await page.goto(`${server.url}/housekeeping?tab=audit`);
      await page.getByTestId('audit-summary').waitFor({ timeout: 180_000 });
      assert.equal(await isOpen(page, 'audit-contacts-fold'), false, 'folded on a phone at first');
      await page.getByTestId('audit-contacts-fold').locator('summary').click();
      assert.equal(await isOpen(page, 'audit-contacts-fold'), true);
      await across(page, DESKTOP, false);
      await across(page, PHONE, true);
      assert.equal(await isOpen(page, 'audit-contacts-fold'), true, 'the fold the reader opened stays open');
      await page.getByTestId('audit-history-fold').locator('summary').click();
      await page.getByTestId('audit-history-fold').locator('summary').click();
      assert.equal(await isOpen(page, 'audit-history-fold'), false);
      await across(page, DESKTOP, false);
      assert.equal(
        await isOpen(page, 'audit-history-fold'),
        false,
        'the fold the reader closed stays closed',
      );
    } finally {
      await context.close();
    }
  });

  it('at the breakpoint itself (760 px, where styles.css lays the page out for a phone) the cards fold as on a phone', async () => {
    const session = { url: server.url, token: server.adminToken };
    const { context, page } = await openPage(browser.browser, { width: 760, height: 800 }, session, 'en-US');
    try {
      await page.goto(`${server.url}/housekeeping?tab=audit`);
      await page.getByTestId('audit-summary').waitFor({ timeout: 180_000 });
      // The stylesheet's phone rules apply at this width …
      assert.equal(
        await page.evaluate(`getComputedStyle(document.querySelector('.table-wrap.stack td')).display`),
        'block',
      );
      // … and the page's own sense of a phone agrees.
      assert.equal(await isOpen(page, 'audit-contacts-fold'), false);
    } finally {
      await context.close();
    }
  });
});
