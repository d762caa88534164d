import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type RunningServer, startServer } from '../../src/server/index.js';
import { runCli } from '../helpers/cli.js';
import { testDemo } from '../helpers/demo.js';
import { DESKTOP, launchBrowser, openPage, overflows, PHONE, type TestBrowser } from './browser.js';

// Screenshots are artifacts for people to look at (gitignored), one per screen and width.
const SHOTS = join(process.cwd(), '.tmp', 'screenshots');

interface Ctx {
  dir: string;
  server: RunningServer;
  browser: TestBrowser;
}

let ctx: Ctx;

const ANA_PASSWORD = 'ana has a long password';

/** Signs the page's context in with the admin token, as the link `clientele serve` prints does. */
const session = () => ({ url: ctx.server.url, token: ctx.server.adminToken });

async function cli(args: string[]): Promise<string> {
  const run = await runCli(args);
  if (run.code !== 0) throw new Error(`clientele ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
  return run.stdout;
}

/** The public API with the admin token, as the app calls it. */
async function api<T>(path: string, body?: unknown): Promise<{ status: number; json: T }> {
  const response = await fetch(`${ctx.server.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${ctx.server.adminToken}`,
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as T };
}

/**
 * Opens `path` at both widths, waits for `ready` (and for every spinner to go), runs `check`, saves the
 * screenshots, and asserts no horizontal overflow at phone width and no console or page error.
 */
async function screen(
  name: string,
  path: string,
  ready: string,
  check?: (page: Page, width: 'desktop' | 'phone') => Promise<void>,
): Promise<void> {
  for (const [width, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    const { context, page, errors } = await openPage(ctx.browser.browser, viewport, session());
    try {
      await page.goto(`${ctx.server.url}${path}`);
      await page.locator(ready).first().waitFor();
      await page.waitForFunction(
        () =>
          !(globalThis as { document?: { querySelector(s: string): unknown } }).document?.querySelector(
            '.state.loading',
          ),
      );
      await check?.(page, width);
      await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
      if (width === 'phone') {
        const o = await overflows(page);
        assert.ok(
          o.scrollWidth <= o.innerWidth,
          `${name}: page is ${o.scrollWidth}px wide at ${o.innerWidth}px`,
        );
      }
      assert.deepEqual(errors, [], `${name} at ${width}: no console or page errors`);
    } finally {
      await context.close();
    }
  }
}

const int = (n: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(n);

describe('the web app in a real Chromium', { timeout: 600_000 }, () => {
  before(async () => {
    await mkdir(SHOTS, { recursive: true });
    const dir = await mkdtemp(join(tmpdir(), 'clientele-web-'));
    // On DuckDB a copy of the one cached demo of 1000 customers (test/helpers/demo.ts), not a build of its own.
    const db = await testDemo(dir, 1000);
    await cli(['model', 'rfm', '--db', db, '--json']);
    await cli(['segment', 'create', 'repeat_buyers', '--where', 'orders >= 2', '--db', db, '--json']);
    await cli(['segment', 'create', 'mobile', '--where', "top_device = 'mobile'", '--db', db, '--json']);
    await cli([
      'users',
      'create',
      'ana',
      '--role',
      'analyst',
      '--password',
      ANA_PASSWORD,
      '--db',
      db,
      '--json',
    ]);
    const server = await startServer({ dbPath: db, port: 0 });
    const browser = await launchBrowser();
    ctx = { dir, server, browser };
  });
  after(async () => {
    await ctx?.browser.close();
    await ctx?.server.close();
    if (ctx) await rm(ctx.dir, { recursive: true, force: true });
  });

  it('asks for the admin token, refuses a wrong one, and opens the overview with the right one', async () => {
    for (const [width, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      const { context, page, errors } = await openPage(ctx.browser.browser, viewport);
      try {
        await page.goto(ctx.server.url);
        await page.getByLabel('Admin token').fill('not-the-token');
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('alert').waitFor();
        assert.match((await page.getByRole('alert').textContent()) ?? '', /refused/);
        await page.screenshot({ path: join(SHOTS, `login-${width}.png`), fullPage: true });
        await page.getByLabel('Admin token').fill(ctx.server.adminToken);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByTestId('kpi-customers').waitFor();
        // The refused token answered 401: the browser logs that one failed request, nothing else.
        assert.deepEqual(
          errors.filter((e) => !/status of 401/.test(e)),
          [],
        );
      } finally {
        await context.close();
      }
    }
  });

  it('signs a user in with name and password into an httpOnly cookie, keeps no token in storage, and masks e-mails for an analyst', async () => {
    const { context, page, errors } = await openPage(ctx.browser.browser, DESKTOP);
    try {
      await page.goto(ctx.server.url);
      await page.getByLabel('Name').fill('ana');
      await page.getByLabel('Password').fill(ANA_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByTestId('kpi-customers').waitFor();
      const cookie = (await context.cookies()).find((c) => c.name === 'clientele_session');
      assert.equal(cookie?.httpOnly, true);
      assert.equal(cookie?.sameSite, 'Strict');
      assert.equal(
        await page.evaluate<string>(
          'JSON.stringify([Object.keys(sessionStorage), Object.keys(localStorage), document.cookie])',
        ),
        '[[],[],""]',
        'no token in storage, and the cookie is out of reach of scripts',
      );
      await page.goto(`${ctx.server.url}/profiles`);
      await page.locator('[data-testid=profile-results] a').first().waitFor();
      const text = (await page.getByTestId('profile-results').textContent()) ?? '';
      assert.match(text, /\*\*\*@/, 'masked e-mails are shown');
      assert.doesNotMatch(text, /[A-Za-z0-9._%+-]{2,}@/, 'no e-mail in plain text');
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByLabel('Name').waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('shows the overview with the figures of GET /v1/overview, and filters it by a segment', async () => {
    const { json: all } = await api<{ totals: { customers: number; active: number } }>('/v1/overview');
    const { json: seg } = await api<{ totals: { customers: number } }>('/v1/overview?segment=repeat_buyers');
    assert.ok(all.totals.customers > 0);
    await screen('overview', '/', '[data-testid=chart-trend]', async (page) => {
      assert.match(
        (await page.getByTestId('kpi-customers').textContent()) ?? '',
        new RegExp(int(all.totals.customers)),
      );
      assert.match(
        (await page.getByTestId('kpi-active').textContent()) ?? '',
        new RegExp(int(all.totals.active)),
      );
    });
    await screen(
      'overview-segment',
      '/?segment=repeat_buyers',
      '[data-testid=kpi-customers]',
      async (page) => {
        await page.getByText('segment “Repeat buyers”').waitFor();
        assert.match(
          (await page.getByTestId('kpi-customers').textContent()) ?? '',
          new RegExp(int(seg.totals.customers)),
        );
      },
    );
  });

  it('finds a profile by its email and opens it with identities, traits and timeline', async () => {
    const { json } = await api<{ profiles: { id: number; email: string | null }[] }>('/v1/profiles?limit=20');
    const target = json.profiles.find((p) => p.email);
    assert.ok(target?.email, 'a profile with an email');
    await screen('profiles', `/profiles`, '[data-testid=profile-results]', async (page) => {
      await page.getByLabel('Search profiles').fill(target.email!);
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByTestId('exact-match').waitFor();
      await page.locator('[data-testid=profile-results] a').first().click();
      await page.getByTestId('identities').waitFor();
      assert.match(
        (await page.getByTestId('identities').textContent()) ?? '',
        new RegExp(target.email!.replace('.', '\\.')),
      );
      await page.getByTestId('timeline').waitFor();
      assert.equal(new URL(page.url()).pathname, `/profiles/${target.id}`);
      await page.getByText('Why these records are one person').click();
      await page
        .getByText(/carried by \d+ record/)
        .first()
        .waitFor();
    });
    await screen('profile', `/profiles/${target.id}`, '[data-testid=timeline]');
  });

  it('counts a segment built in the visual builder exactly as POST /v1/segments/preview does', async () => {
    const rule = "country = 'US' and orders >= 2";
    const { status, json: preview } = await api<{ count: number }>('/v1/segments/preview', { where: rule });
    assert.equal(status, 200);
    await screen('segment-builder', '/segments/new', '[data-testid=builder]', async (page) => {
      await page.getByLabel('Field 1').selectOption('country');
      await page.getByLabel('Operator 1').selectOption('=');
      await page.getByLabel('Value 1').fill('US');
      await page.getByRole('button', { name: 'Add a condition' }).click();
      await page.getByLabel('Field 2').selectOption('orders');
      await page.getByLabel('Operator 2').selectOption('>=');
      await page.getByLabel('Value 2').fill('2');
      assert.equal((await page.getByTestId('rule-text').textContent()) ?? '', rule);
      await page.getByTestId('live-count').waitFor();
      await page.waitForFunction(
        (n) =>
          (
            globalThis as { document?: { querySelector(s: string): { textContent: string } | null } }
          ).document?.querySelector('[data-testid=live-count]')?.textContent === n,
        int(preview.count),
      );
    });
  });

  it('saves a segment, lists it with its size, opens it, and compares two side by side', async () => {
    const { context, page, errors } = await openPage(ctx.browser.browser, DESKTOP, session());
    try {
      await page.goto(`${ctx.server.url}/segments/new?where=${encodeURIComponent("top_os = 'iOS'")}`);
      await page.getByTestId('live-count').waitFor();
      await page.getByLabel('Segment name').fill('ios_users');
      await page.getByRole('button', { name: 'Save segment' }).click();
      await page.getByTestId('segment-count').waitFor();
      const { json } = await api<{ count: number }>('/v1/segments/preview', { where: "top_os = 'iOS'" });
      assert.match(
        (await page.getByTestId('segment-count').textContent()) ?? '',
        new RegExp(int(json.count)),
      );
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
    await screen('segments', '/segments', '[data-testid=segment-list]', async (page) => {
      assert.match((await page.getByTestId('segment-list').textContent()) ?? '', /iOS users/);
    });
    await screen('segment', '/segments/repeat_buyers', '[data-testid=segment]');
    await screen(
      'compare',
      '/segments/compare?a=repeat_buyers&b=mobile',
      '[data-testid=compare]',
      async (page, width) => {
        if (width !== 'desktop') return;
        await page.getByRole('button', { name: 'Analyse' }).click();
        await page.getByTestId('compare-differences').waitFor();
      },
    );
  });

  it('shows persona cards as HTML, and saves an edit', async () => {
    const { status } = await api('/v1/personas?segments=repeat');
    assert.equal(status, 200);
    await screen(
      'personas',
      '/personas?segments=repeat',
      '[data-testid=persona-card]',
      async (page, width) => {
        const card = page.getByTestId('persona-card').first();
        assert.ok(await card.isVisible());
        assert.doesNotMatch((await card.textContent()) ?? '', /data:/, 'no data URI in the card');
        if (width === 'desktop') {
          await page.getByRole('button', { name: 'Edit' }).first().click();
          await page.getByLabel('Name').fill('Loyal regulars');
          await page.getByRole('button', { name: 'Save' }).click();
          await page.getByRole('heading', { name: 'Loyal regulars' }).waitFor();
        }
      },
    );
  });

  it('opens a model card from the list of runs', async () => {
    const { json } = await api<{ runs: { runId: number; model: string }[] }>('/v1/models/runs');
    const rfm = json.runs.find((r) => r.model === 'rfm');
    assert.ok(rfm, 'the rfm run made before the server started');
    await screen('models', '/models', '[data-testid=model-runs]', async (page, width) => {
      if (width === 'desktop') {
        await page.getByRole('button', { name: 'Run RFM' }).click();
        await page.getByTestId('run-plot').waitFor();
      }
      await page.locator('[data-testid=model-runs] a').first().click();
      await page.getByTestId('model-card').waitFor();
    });
    await screen('model', `/models/${rfm.runId}`, '[data-testid=model-card]', async (page) => {
      assert.match((await page.getByTestId('model-card').textContent()) ?? '', /Quality/);
    });
  });

  it('shows the value, mining and data screens', async () => {
    await screen('value', '/value', '[data-testid=rfm-grid]');
    for (const job of ['basket', 'cohorts']) {
      await screen(`mining-${job}`, `/mining?tab=${job}`, 'h1', async (page, width) => {
        if (width !== 'desktop') return;
        await page.locator(`.mining-${job}`).getByRole('button', { name: 'Run' }).click();
        await page.getByTestId(`mining-${job}-result`).waitFor();
      });
    }
    await screen('data', '/data', 'h1', async (page, width) => {
      if (width !== 'desktop') return;
      await page.getByLabel('Source name').fill('web-shop');
      await page.getByRole('button', { name: 'Create a key' }).click();
      assert.match((await page.getByTestId('new-key').textContent()) ?? '', /\S{16,}/);
      // One good row and one whose order time is not a date: the import keeps one and rejects the other.
      await page.getByLabel('Kind').selectOption('orders');
      await page.getByLabel('File').setInputFiles({
        name: 'web-orders.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          'order_id,customer_id,order_ts,revenue\nW1,C1,2025-01-02,10\nW2,C2,not a date,12\n',
        ),
      });
      await page.getByRole('button', { name: 'Import' }).click();
      await page.getByTestId('import-result').waitFor();
      await page.getByTestId('rejects').getByText('web-orders.csv').first().waitFor();
    });
  });

  it('folds the navigation behind a menu on a phone, and navigates from it', async () => {
    const { context, page, errors } = await openPage(ctx.browser.browser, PHONE, session());
    try {
      await page.goto(ctx.server.url);
      await page.getByTestId('kpi-customers').waitFor();
      assert.equal(await page.getByRole('link', { name: 'Segments' }).isVisible(), false);
      await page.getByRole('button', { name: 'Menu' }).click();
      await page.screenshot({ path: join(SHOTS, 'menu-phone.png') });
      await page.getByRole('link', { name: 'Segments' }).click();
      await page.getByTestId('segment-list').waitFor();
      assert.equal(new URL(page.url()).pathname, '/segments');
      assert.equal(await page.getByRole('link', { name: 'Profiles' }).isVisible(), false, 'the menu closes');
      await page.goBack();
      await page.getByTestId('kpi-customers').waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('answers the app on its own paths and keeps API 404s as JSON', async () => {
    const page = await fetch(`${ctx.server.url}/profiles/1`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    const missing = await fetch(`${ctx.server.url}/v1/no-such-route`);
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as { error: { code: string } }).error.code, 'CLT_ERR_API_NOT_FOUND');
  });
});
