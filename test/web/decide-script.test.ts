import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Browser } from 'playwright-core';
import { ensureCurrent } from '../../src/identity/index.js';
import { importFile } from '../../src/ingest/index.js';
import { savePlacement } from '../../src/placements/index.js';
import { saveSegment } from '../../src/segments/index.js';
import { withApi } from '../helpers/server.js';
import { launchBrowser } from './browser.js';

// A shop's page on another origin (localhost) than the Clientele server (127.0.0.1): the script is loaded
// and the decision fetched across origins, as on a real site.
function shopPage(api: string, key: string, placement: string, userId: string | null): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Shop</title></head><body>
<section id="hero" data-clientele-placement="${placement}">
  <h1 data-clientele-field="headline">Our shop</h1>
  <a data-clientele-field="link" href="/all">Shop now</a>
  <img data-clientele-field="image" alt="">
</section>
<script src="${api}/v1/decide.js" data-write-key="${key}"${userId ? ` data-user-id="${userId}"` : ''}></script>
</body></html>`;
}

async function serveShop(api: string, key: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://localhost');
    if (u.pathname !== '/') {
      res.writeHead(204).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(shopPage(api, key, u.searchParams.get('placement') ?? 'hero', u.searchParams.get('user')));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://localhost:${(server.address() as AddressInfo).port}`, server };
}

type Hero = { variant: string | null; error: string | null; headline: string; href: string; image: string };

async function visit(
  browser: Browser,
  url: string,
  clock: string,
  prepare?: (page: import('playwright-core').Page) => Promise<void>,
): Promise<{
  hero: Hero;
  errors: string[];
  again: (path: string) => Promise<Hero>;
  pwned: () => Promise<unknown>;
}> {
  const context = await browser.newContext({ timezoneId: 'Asia/Tokyo', locale: 'en-US' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.clock.setFixedTime(new Date(clock));
  await prepare?.(page);
  const read = async (path: string): Promise<Hero> => {
    await page.goto(path);
    await page.waitForSelector('#hero[data-clientele-variant], #hero[data-clientele-error]');
    return page.evaluate<Hero>(`(() => {
      const el = document.getElementById('hero');
      return {
        variant: el.getAttribute('data-clientele-variant'),
        error: el.getAttribute('data-clientele-error'),
        headline: el.querySelector('h1').textContent ?? '',
        href: el.querySelector('a').getAttribute('href') ?? '',
        image: el.querySelector('img').getAttribute('src') ?? '',
      };
    })()`);
  };
  const hero = await read(url);
  const pwned = () => page.evaluate<unknown>('window.pwned');
  return { hero, errors, again: read, pwned };
}

test('/v1/decide.js shows a returning at-risk customer, a first-time visitor and a night visitor different heroes in Chromium', async () => {
  await withApi(async (api) => {
    await writeFile(join(api.dir, 'customers.csv'), 'customer_id,email\nc1,a@x.io\nc2,b@x.io\n');
    await writeFile(
      join(api.dir, 'orders.csv'),
      'order_id,customer_id,order_ts,revenue\no1,c1,2023-01-05T10:00:00Z,50\no2,c2,2026-11-30T10:00:00Z,70\n',
    );
    await importFile(api.db, join(api.dir, 'customers.csv'), { kind: 'customers' });
    await importFile(api.db, join(api.dir, 'orders.csv'), { kind: 'orders' });
    await ensureCurrent(api.db);
    await saveSegment(api.db, 'at-risk', 'revenue < 60');
    await savePlacement(api.db, 'hero', [
      {
        if: 'local_hour >= 22 or local_hour < 6',
        variant: 'night',
        payload: { headline: 'Late? Free shipping till dawn' },
      },
      {
        if: "in segment 'at-risk'",
        variant: 'winback',
        payload: {
          headline: 'We miss you: 15 % off',
          link: 'https://shop.example/winback',
          image: '/img/winback.png',
        },
      },
      {
        if: 'is_new = true',
        variant: 'welcome',
        // A payload's text goes in as text: markup in it is shown, never run; a javascript: link is dropped.
        payload: {
          headline: '<img src=x onerror="window.pwned=1">Welcome!',
          link: 'javascript:window.pwned=2',
        },
      },
      { variant: 'default', payload: { headline: 'Bestsellers' } },
    ]);
    await api.app.listen({ port: 0, host: '127.0.0.1' });
    const apiUrl = `http://127.0.0.1:${(api.app.server.address() as AddressInfo).port}`;
    const shop = await serveShop(apiUrl, api.key);
    const browser = await launchBrowser();
    try {
      const noon = '2026-12-06T12:00:00+09:00';
      const returning = await visit(browser.browser, `${shop.url}/?user=c1`, noon);
      assert.deepEqual(returning.hero, {
        variant: 'winback',
        error: null,
        headline: 'We miss you: 15 % off',
        href: 'https://shop.example/winback',
        image: `${shop.url}/img/winback.png`,
      });
      // The next page does not name the customer: the script remembers them.
      assert.equal((await returning.again(`${shop.url}/`)).variant, 'winback');
      assert.deepEqual(returning.errors, []);

      const first = await visit(browser.browser, `${shop.url}/`, noon);
      assert.equal(first.hero.variant, 'welcome');
      assert.equal(first.hero.headline, '<img src=x onerror="window.pwned=1">Welcome!');
      assert.equal(first.hero.href, '/all');
      assert.equal(await first.pwned(), undefined);
      assert.deepEqual(first.errors, []);

      const night = await visit(browser.browser, `${shop.url}/?user=c2`, '2026-12-06T23:30:00+09:00');
      assert.equal(night.hero.variant, 'night');
      assert.equal(night.hero.headline, 'Late? Free shipping till dawn');

      const day = await visit(browser.browser, `${shop.url}/?user=c2`, noon);
      assert.equal(day.hero.variant, 'default');

      // An unknown placement leaves the page as it was and marks the element with the error's code.
      const missing = await visit(browser.browser, `${shop.url}/?placement=nope`, noon);
      assert.equal(missing.hero.error, 'CLT_ERR_ACTIVATION_NOT_FOUND');
      assert.equal(missing.hero.headline, 'Our shop');
    } finally {
      await browser.close();
      await new Promise((r) => shop.server.close(r));
    }
  });
});

test('GET /v1/decide.js is public JavaScript; /v1/decide takes the write key as a query parameter and answers any origin', async () => {
  await withApi(async (api) => {
    await savePlacement(api.db, 'hero', [{ variant: 'default', payload: { headline: 'hi' } }]);
    const script = await api.app.inject({ method: 'GET', url: '/v1/decide.js' });
    assert.equal(script.statusCode, 200);
    assert.match(String(script.headers['content-type']), /^text\/javascript/);
    assert.match(script.body, /data-clientele-placement/);
    const cached = await api.app.inject({
      method: 'GET',
      url: '/v1/decide.js',
      headers: { 'if-none-match': String(script.headers.etag) },
    });
    assert.equal(cached.statusCode, 304);
    const ok = await api.app.inject({
      method: 'GET',
      url: `/v1/decide?placement=hero&anonymousId=a1&hour=23&device=mobile&writeKey=${api.key}`,
      headers: { origin: 'https://shop.example' },
    });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.headers['access-control-allow-origin'], '*');
    assert.equal((ok.json() as { variant: string }).variant, 'default');
    const wrong = await api.app.inject({ method: 'GET', url: '/v1/decide?placement=hero&writeKey=nope' });
    assert.equal(wrong.statusCode, 401);
    assert.equal(wrong.headers['access-control-allow-origin'], '*');
    const missing = await api.app.inject({
      method: 'GET',
      url: `/v1/decide?placement=nope&writeKey=${api.key}`,
    });
    assert.equal(missing.statusCode, 404);
    assert.equal((missing.json() as { error: { code: string } }).error.code, 'CLT_ERR_ACTIVATION_NOT_FOUND');
  });
});
