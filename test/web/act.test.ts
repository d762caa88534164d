import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type RunningServer, startServer } from '../../src/server/index.js';
import { adminApi, cliOut } from '../helpers/admin-api.js';
import { testDemo } from '../helpers/demo.js';
import { DESKTOP, dumps, launchBrowser, openPage, PHONE, type TestBrowser } from './browser.js';

// One flow of the Act screens driven end to end in Chromium: add a webhook destination (seeing the form's
// and the API's refusals first), test it, send a segment to it as an audience, sync, and see the counts the
// API gives; the receiver checks every body's signature. An analyst sees the screens without the sync.
const SHOTS = join(process.cwd(), '.tmp', 'screenshots');
const SECRET = 'whsec-never-shown-3f9a';

interface Received {
  readonly id: string;
  readonly type: string;
  readonly signed: boolean;
}

let dir: string;
let server: RunningServer;
let browser: TestBrowser;
let receiver: Server;
let hookUrl: string;
const received: Received[] = [];
// Delivery is at least once (the server's background flush may race a request's): receivers dedupe on the id.
const unique = (type: string) => new Set(received.filter((r) => r.type === type).map((r) => r.id)).size;

const cli = cliOut;
const api = adminApi(() => server);

const spaces = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
const int = (n: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(n);
async function text(page: Page, testId: string): Promise<string> {
  return spaces((await page.getByTestId(testId).textContent()) ?? '');
}

describe('the Act screens in Chromium', { timeout: 600_000 }, () => {
  before(async () => {
    await mkdir(SHOTS, { recursive: true });
    dir = await mkdtemp(join(tmpdir(), 'clientele-web-act-'));
    // On DuckDB a copy of the one cached demo of 400 customers (test/helpers/demo.ts), not a build of its own.
    const db = await testDemo(dir, 400);
    await cli(['segment', 'create', 'repeat_buyers', '--where', 'orders >= 2', '--db', db, '--json']);
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const expected = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
        const parsed = JSON.parse(body.toString('utf8')) as { type: string };
        received.push({
          id: String(req.headers['x-clientele-delivery']),
          type: parsed.type,
          signed: req.headers['x-clientele-signature'] === expected,
        });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    hookUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hooks`;
    server = await startServer({ dbPath: db, port: 0 });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    receiver?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('creates a webhook and an audience, syncs, and shows the counts the API gives (never the secret)', async () => {
    const session = { url: server.url, token: server.adminToken };
    const { context, page, errors } = await openPage(browser.browser, DESKTOP, session, 'en-US');
    try {
      await page.goto(`${server.url}/act/destinations`);
      await page.getByTestId('destination-form').waitFor();
      await page.getByText('No destinations yet').waitFor();
      const form = page.getByTestId('destination-form');

      // The form says what is missing before asking the server.
      await form.locator('input[name=name]').fill('crm');
      await form.locator('input[name=url]').fill('ftp://example.com/in');
      await form.locator('button[type=submit]').click();
      assert.match(await text(page, 'destination-missing'), /starting with http:\/\/ or https:\/\//);

      await form.locator('input[name=url]').fill(hookUrl);
      await form.locator('input[name=secret]').fill(SECRET);
      await form.locator('button[type=submit]').click();
      await page.getByTestId('health-crm').waitFor();
      assert.match(await text(page, 'health-crm'), /Nothing delivered yet/);

      // The API's coded refusal, in words: the name is taken.
      await form.locator('input[name=name]').fill('crm');
      await form.locator('input[name=url]').fill(hookUrl);
      await form.locator('button[type=submit]').click();
      assert.match(await text(page, 'destination-error'), /That name is taken.*CLT_ERR_ACTIVATION_EXISTS/);

      await page.getByTestId('test-crm').click();
      await page.getByTestId('tested-crm').waitFor();
      assert.equal(await text(page, 'tested-crm'), 'The test message arrived.');
      await page.getByText('1 delivered').waitFor();
      assert.equal(unique('destination.test'), 1);
      assert.ok(received.every((r) => r.signed));

      await page.goto(`${server.url}/act/audiences`);
      const aform = page.getByTestId('audience-form');
      await aform.waitFor();
      await aform.locator('input[name=name]').fill('buyers');
      await aform.locator('select[name=segment]').selectOption('repeat_buyers');
      await aform.locator('select[name=to]').selectOption('crm');
      await aform.locator('button[type=submit]').click();
      await page.getByTestId('sync-buyers').waitFor();
      assert.equal(await text(page, 'last-buyers'), 'Never synced');

      await page.getByTestId('sync-buyers').click();
      await page.getByTestId('synced-buyers').waitFor({ timeout: 120_000 });

      // serve's loop syncs a new audience within a second, so the click may find nothing left to move:
      // wait until every member's move is delivered, then the page must show the API's figures.
      type Audiences = {
        audiences: {
          name: string;
          members: number;
          lastSync: { entered: number; exited: number; sent: number; failed: number } | null;
          delivered: { sent: number; failed: number; pending: number };
        }[];
      };
      let buyers: Audiences['audiences'][number] | undefined;
      for (let i = 0; i < 120; i++) {
        buyers = (await api<Audiences>('/v1/audiences')).audiences.find((a) => a.name === 'buyers');
        if (buyers && buyers.members > 0 && buyers.delivered.sent === buyers.members) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      assert.ok(buyers?.lastSync, 'the API reads the last sync back');
      assert.ok(buyers.members > 0, 'the segment has members who agreed to advertising');
      assert.equal(buyers.delivered.sent, buyers.members, 'every member was sent once');
      assert.equal(buyers.delivered.failed, 0);
      const justNow = await text(page, 'synced-buyers');
      const l = buyers.lastSync;
      assert.equal(
        justNow,
        `Just now: ${int(l.entered)} entered, ${int(l.exited)} exited, ${int(l.sent)} sent, ${int(l.failed)} failed.`,
      );
      await page.reload();
      await page.getByTestId('members-buyers').waitFor();
      assert.equal(await text(page, 'members-buyers'), int(buyers.members));
      const last = await text(page, 'last-buyers');
      assert.ok(last.includes(`${int(l.entered)} entered, ${int(l.exited)} exited`), last);
      assert.ok(last.includes(`${int(l.sent)} sent, ${int(l.failed)} failed`), last);
      assert.equal(await text(page, 'delivered-buyers'), `${int(buyers.members)} sent, 0 failed`);
      // Every move arrived once, signed.
      assert.equal(unique('audience.entered'), buyers.members);
      assert.ok(received.every((r) => r.signed));

      // The destination's health counts the test and the moves; the secret is nowhere in the page.
      await page.goto(`${server.url}/act/destinations`);
      await page.getByTestId('health-crm').waitFor();
      assert.match(await text(page, 'health-crm'), new RegExp(`${int(buyers.members + 1)} delivered`));
      assert.equal(await text(page, 'outbox-delivered'), `Delivered${int(buyers.members + 1)}`);
      assert.ok(!(await page.content()).includes(SECRET));
      const listed = await api<{ destinations: unknown[] }>('/v1/destinations');
      assert.ok(!JSON.stringify(listed).includes(SECRET));

      // Deleting asks first, and the API refuses while an audience sends there: the reason is shown.
      await page.getByTestId('delete-crm').click();
      await page.getByTestId('delete-crm-yes').click();
      assert.match(await text(page, 'delete-error'), /used by audience “Buyers”: delete that first/);
      assert.deepEqual(await dumps(page), []);
      await page.screenshot({ path: join(SHOTS, 'act-flow-desktop-en.png'), fullPage: true });
      // The browser logs the two refusals the test asked for (the taken name, the delete); nothing else.
      assert.deepEqual(
        errors.map((e) => /status of (\d+)/.exec(e)?.[1] ?? e),
        ['409', '400'],
      );
    } finally {
      await context.close();
    }
  });

  it('an analyst sees the audiences and a dry run but no sync or send button', async () => {
    const analyst = await api<{ token: string }>('/v1/admin/users', {
      method: 'POST',
      body: { name: 'ana', role: 'analyst', password: 'correct horse battery staple' },
    });
    await api('/v1/destinations', {
      method: 'POST',
      body: { name: 'ana_hook', type: 'webhook', url: hookUrl },
    });
    await api('/v1/audiences', {
      method: 'POST',
      body: { name: 'ana_aud', segment: 'repeat_buyers', to: 'ana_hook' },
    });
    await api('/v1/campaigns', {
      method: 'POST',
      body: { name: 'thanks', segment: 'repeat_buyers', subject: 'Thank you', template: '<p>Thanks!</p>' },
    });
    const session = { url: server.url, token: analyst.token };
    const { context, page, errors } = await openPage(browser.browser, PHONE, session, 'pl-PL');
    try {
      await page.goto(`${server.url}/act/audiences`);
      await page.getByTestId('audience-list').waitFor();
      await page.getByTestId('members-ana_aud').waitFor();
      assert.equal(await page.getByTestId('sync-ana_aud').count(), 0);
      await page.getByText('wymaga roli, która może je widzieć').first().waitFor();
      await page.goto(`${server.url}/act/campaigns`);
      await page.getByTestId('open-thanks').click();
      await page.getByTestId('dry-run').waitFor();
      assert.equal(await page.getByTestId('send').count(), 0);
      const refused = await fetch(`${server.url}/v1/campaigns/thanks/send`, {
        method: 'POST',
        headers: { authorization: `Bearer ${analyst.token}`, 'content-type': 'application/json' },
        body: '{}',
      });
      assert.equal(refused.status, 403);
      assert.deepEqual(await dumps(page), []);
      await page.screenshot({ path: join(SHOTS, 'act-analyst-phone-pl.png'), fullPage: true });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('a destination nobody answers at: the failure said in words, in Polish, the raw cause on hover', async () => {
    // A port nobody listens on: the connection is refused.
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((r) => closed.close(() => r()));
    await api('/v1/destinations', {
      method: 'POST',
      body: { name: 'dead_hook', type: 'webhook', url: `http://127.0.0.1:${port}/hooks` },
    });
    const session = { url: server.url, token: server.adminToken };
    const { context, page, errors } = await openPage(browser.browser, PHONE, session, 'pl-PL');
    try {
      await page.goto(`${server.url}/act/destinations`);
      await page.getByTestId('test-dead_hook').click();
      await page.getByTestId('tested-dead_hook').waitFor();
      assert.equal(
        await text(page, 'tested-dead_hook'),
        'Nie doręczono: nie udało się połączyć z adresem: nic pod nim nie przyjmuje połączeń.',
      );
      assert.match((await page.getByTestId('tested-dead_hook').getAttribute('title')) ?? '', /^ECONNREFUSED/);
      await page.reload();
      await page.getByTestId('failure-dead_hook').waitFor();
      assert.equal(
        await text(page, 'failure-dead_hook'),
        'Ostatni błąd: nie udało się połączyć z adresem: nic pod nim nie przyjmuje połączeń',
      );
      assert.doesNotMatch(await text(page, 'health-dead_hook'), /fetch failed|ECONNREFUSED/);
      await page.screenshot({ path: join(SHOTS, 'act-failure-phone-pl.png'), fullPage: true });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
