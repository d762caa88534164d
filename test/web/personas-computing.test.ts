import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { EventWriter, loadSources } from '../../src/events/index.js';
import { saveSegment } from '../../src/segments/index.js';
import { buildApp } from '../../src/server/index.js';
import { openWarehouse } from '../../src/store/index.js';
import { testDemoDatabase } from '../helpers/demo.js';
import { ADMIN_TOKEN } from '../helpers/server.js';
import { withTempDir } from '../helpers/tmp.js';
import { DESKTOP, launchBrowser, openPage, overflows, PHONE } from './browser.js';

const SHOTS = join(process.cwd(), '.tmp', 'screenshots');

// Issue 14: at 100,000 customers the personas are computed in the background; `GET /v1/personas` answers
// 202 CLT_INFO_PERSONAS_COMPUTING with Retry-After meanwhile, and the screen says so and asks again. Here the
// server waits for no computation (personaWaitMs 0), so the first answer is always the 202.
describe('the personas screen while the personas are computed (issue 14)', { timeout: 600_000 }, () => {
  it('says they are being computed (202), then shows the gallery once they are', async () => {
    await mkdir(SHOTS, { recursive: true });
    await withTempDir(async (dir) => {
      const copy = await testDemoDatabase(dir, 1000);
      // The demo on the engine under test (a copy in PostgreSQL when CLIENTELE_TEST_ENGINE=postgres).
      const db = await openWarehouse(copy.location);
      await saveSegment(db, 'wait-repeat', 'orders >= 2');
      await saveSegment(db, 'wait-once', 'orders < 2');
      const writer = await EventWriter.create(db);
      const app = await buildApp({
        db,
        writer,
        sources: await loadSources(db),
        adminToken: ADMIN_TOKEN,
        personaWaitMs: 0,
      });
      const browser = await launchBrowser();
      try {
        await app.listen({ port: 0, host: '127.0.0.1' });
        const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
        const answers: number[] = [];
        for (const [width, viewport] of [
          ['desktop', DESKTOP],
          ['phone', PHONE],
        ] as const) {
          // A new prefix per width: the second visit must not find the first one's personas cached.
          const prefix = width === 'desktop' ? 'wait-r' : 'wait-o';
          const { context, page, errors } = await openPage(browser.browser, viewport, {
            url,
            token: ADMIN_TOKEN,
          });
          try {
            page.on('response', (r) => {
              if (new URL(r.url()).pathname === '/v1/personas') answers.push(r.status());
            });
            await page.goto(`${url}/personas?segments=${prefix}`);
            const computing = page.getByTestId('personas-computing');
            await computing.waitFor({ timeout: 60_000 });
            assert.equal(await page.getByTestId('persona-card').count(), 0, 'no card before the personas');
            assert.match((await computing.textContent()) ?? '', /\S/);
            await page.screenshot({ path: join(SHOTS, `personas-computing-${width}.png`), fullPage: true });
            if (width === 'phone') {
              const o = await overflows(page);
              assert.ok(o.scrollWidth <= o.innerWidth, `computing: ${o.scrollWidth}px at ${o.innerWidth}px`);
            }
            // The screen asks again after Retry-After (10 s) until the background job has filled the cache.
            await page.getByTestId('persona-card').first().waitFor({ timeout: 180_000 });
            assert.equal(await computing.count(), 0, 'the computing notice is gone with the gallery');
            await page.screenshot({ path: join(SHOTS, `personas-computed-${width}.png`), fullPage: true });
            assert.deepEqual(errors, [], `${width}: no console or page errors`);
          } finally {
            await context.close();
          }
        }
        assert.equal(answers[0], 202, `the first answer is 202: ${answers.join(', ')}`);
        assert.ok(answers.includes(200), `a later answer is 200: ${answers.join(', ')}`);

        // Other members for a segment whose personas were computed: the earlier figures are drawn at once,
        // labelled as such (no spinner, no computing notice), then replaced by the new ones.
        await saveSegment(db, 'wait-repeat', 'orders >= 3');
        const { context, page, errors } = await openPage(browser.browser, DESKTOP, {
          url,
          token: ADMIN_TOKEN,
        });
        try {
          await page.goto(`${url}/personas?segments=wait-r`);
          const stale = page.getByTestId('personas-stale');
          await stale.waitFor({ timeout: 60_000 });
          assert.match((await stale.textContent()) ?? '', /^Figures from .+; updating to the latest data/);
          assert.ok((await page.getByTestId('persona-card').count()) > 0, 'the earlier cards are drawn');
          assert.equal(
            await page.getByTestId('personas-computing').count(),
            0,
            'no computing notice instead',
          );
          await page.screenshot({ path: join(SHOTS, 'personas-stale-desktop.png'), fullPage: true });
          // The screen asks again (Retry-After 3 s) and swaps in the current personas, unlabelled.
          await stale.waitFor({ state: 'detached', timeout: 180_000 });
          assert.ok((await page.getByTestId('persona-card').count()) > 0, 'the current cards are drawn');
          assert.deepEqual(errors, [], 'stale then current: no console or page errors');
        } finally {
          await context.close();
        }
      } finally {
        await browser.close();
        await app.close();
        await writer.close();
        await db.close();
      }
    });
  });
});
