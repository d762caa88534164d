import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import Fastify from 'fastify';
import { createCampaign, sendCampaign, trackHtml } from '../src/campaigns/index.js';
import { ensureCurrent } from '../src/identity/index.js';
import { importFile } from '../src/ingest/index.js';
import { saveSegment } from '../src/segments/index.js';
import { registerErrorHandler } from '../src/server/errors.js';
import { perAddressLimit } from '../src/server/rate.js';
import { startMailbox } from './helpers/mailbox.js';
import { ADMIN_TOKEN, withApi } from './helpers/server.js';

// The HTML part of a raw mail, quoted-printable decoded (nodemailer's encoding for long HTML lines).
function htmlPart(raw: string): string {
  const start = raw.indexOf('Content-Type: text/html');
  const body = raw.slice(raw.indexOf('\r\n\r\n', start) + 4).split(/\r\n--/)[0] ?? '';
  return body
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

const fromHtml = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"');

test('a sent e-mail carries an open pixel and signed links; opening and clicking are recorded on the message and the profile, and a link not in the message is refused', async () => {
  const mail = await startMailbox();
  try {
    await withApi(async (api) => {
      await writeFile(
        join(api.dir, 'customers.csv'),
        'customer_id,email,first_name,country,consent_email\nc1,ann@x.io,Ann,US,yes\n',
      );
      await importFile(api.db, join(api.dir, 'customers.csv'), { kind: 'customers' });
      await ensureCurrent(api.db);
      await saveSegment(api.db, 'us', "country = 'US'");
      await writeFile(
        join(api.dir, 'mail.liquid'),
        '<html><body><p>Hi {{ first_name }}</p><a href="https://shop.example/sale?x=1&amp;y=2">Sale</a> <a href=\'https://shop.example/new\'>New</a> <a href="mailto:help@shop.example">Help</a></body></html>',
      );
      await createCampaign(api.db, {
        name: 'spring',
        segment: 'us',
        subject: 'Spring',
        template: join(api.dir, 'mail.liquid'),
        smtp: mail.url,
        trackingUrl: 'http://tracker.test/',
      });
      const sent = await sendCampaign(api.db, 'spring');
      assert.equal(sent.sent, 1);
      assert.deepEqual(sent.warnings, []);
      const html = htmlPart(mail.mails[0]!.data);
      const pixel = /<img src="http:\/\/tracker\.test(\/v1\/t\/o\/[0-9a-f-]+\.gif)"/.exec(html)?.[1];
      assert.ok(pixel, html);
      assert.ok(html.indexOf('<img') < html.indexOf('</body>'));
      const links = [...html.matchAll(/href=["']http:\/\/tracker\.test(\/v1\/t\/c\/[^"']+)["']/g)].map((m) =>
        fromHtml(m[1]!),
      );
      assert.equal(links.length, 2);
      assert.match(html, /href="mailto:help@shop\.example"/);
      await ensureCurrent(api.db);
      // Read before anything came back: the profile and its timeline (kept by the state they were read at,
      // src/profiles/profile.ts) must not answer from that read afterwards.
      const [sentTo] = await api.db.all<{ id: number }>(
        "SELECT profile_id::INTEGER AS id FROM profiles WHERE email = 'ann@x.io'",
      );
      const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
      const before = await api.app.inject({
        method: 'GET',
        url: `/v1/profiles/${sentTo!.id}`,
        headers: auth,
      });
      assert.equal((before.json() as { metrics: { email: { opened: number } } }).metrics.email.opened, 0);
      await api.app.inject({ method: 'GET', url: `/v1/profiles/${sentTo!.id}/timeline`, headers: auth });

      const open = await api.app.inject({ method: 'GET', url: pixel });
      assert.equal(open.statusCode, 200);
      assert.equal(open.headers['content-type'], 'image/gif');
      assert.equal(open.rawPayload.subarray(0, 6).toString(), 'GIF89a');

      const click = await api.app.inject({ method: 'GET', url: links[0]! });
      assert.equal(click.statusCode, 302);
      assert.equal(click.headers.location, 'https://shop.example/sale?x=1&y=2');
      assert.equal(
        (await api.app.inject({ method: 'GET', url: links[1]! })).headers.location,
        'https://shop.example/new',
      );

      // The signature of one link does not carry another URL: no open redirect.
      const forged = links[0]!.replace(/u=[^&]+/, `u=${encodeURIComponent('https://evil.example/')}`);
      const refused = await api.app.inject({ method: 'GET', url: forged });
      assert.equal(refused.statusCode, 400);
      assert.equal(refused.headers.location, undefined);
      assert.equal(
        (refused.json() as { error: { code: string } }).error.code,
        'CLT_ERR_TRACKING_LINK_INVALID',
      );
      // An id no message has answers the same pixel and records nothing.
      const unknown = await api.app.inject({ method: 'GET', url: '/v1/t/o/not-a-message.gif' });
      assert.equal(unknown.statusCode, 200);

      const rows = await api.db.all<{ kind: string; url: string | null; profile: number | null }>(
        'SELECT kind, url, profile_id::INTEGER AS profile FROM message_engagement ORDER BY engaged_at, kind',
      );
      const [ann] = await api.db.all<{ id: number }>(
        "SELECT profile_id::INTEGER AS id FROM profiles WHERE email = 'ann@x.io'",
      );
      assert.deepEqual(
        rows.map((r) => [r.kind, r.url, r.profile]),
        [
          ['open', null, ann!.id],
          ['click', 'https://shop.example/sale?x=1&y=2', ann!.id],
          ['click', 'https://shop.example/new', ann!.id],
        ],
      );
      const [msg] = await api.db.all<{ opened: boolean; clicked: boolean }>(
        "SELECT opened_at IS NOT NULL AS opened, clicked_at IS NOT NULL AS clicked FROM messages WHERE campaign = 'spring'",
      );
      assert.deepEqual(msg, { opened: true, clicked: true });
      // The profile's timeline shows the message as clicked.
      const timeline = await api.app.inject({
        method: 'GET',
        url: `/v1/profiles/${ann!.id}/timeline`,
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      const entries = (timeline.json() as { timeline: { kind: string; what: string }[] }).timeline;
      const after = await api.app.inject({ method: 'GET', url: `/v1/profiles/${ann!.id}`, headers: auth });
      assert.deepEqual(
        (after.json() as { metrics: { email: { opened: number; clicked: number } } }).metrics.email,
        {
          ...(before.json() as { metrics: { email: object } }).metrics.email,
          opened: 1,
          clicked: 1,
          openRate: 1,
          clickRate: 1,
          respondsTo: (after.json() as { metrics: { email: { respondsTo: string[] } } }).metrics.email
            .respondsTo,
        },
      );
      assert.ok(
        entries.some((e) => e.kind === 'message' && /spring clicked/.test(e.what)),
        JSON.stringify(entries),
      );

      // A campaign without tracking sends the HTML as written.
      await createCampaign(api.db, {
        name: 'plain',
        segment: 'us',
        subject: 'Plain',
        template: join(api.dir, 'mail.liquid'),
        smtp: mail.url,
        track: false,
      });
      await sendCampaign(api.db, 'plain');
      const plain = htmlPart(mail.mails[1]!.data);
      assert.doesNotMatch(plain, /\/v1\/t\//);
      assert.match(plain, /href="https:\/\/shop\.example\/sale\?x=1&amp;y=2"/);
    });
  } finally {
    await mail.close();
  }
});

test('trackHtml() signs only the http(s) links the message holds and puts the pixel before </body>', () => {
  const key = Buffer.alloc(32, 7);
  const out = trackHtml('<p><a class="b" href="https://a.example/x">x</a><a href="#top">top</a></p>', {
    base: 'https://t.example',
    key,
    trackingId: 'm1',
  });
  assert.deepEqual(out.links, ['https://a.example/x']);
  assert.match(
    out.html,
    /^<p><a class="b" href="https:\/\/t\.example\/v1\/t\/c\/m1\?u=https%3A%2F%2Fa\.example%2Fx&amp;s=[\w-]{22}">x<\/a><a href="#top">/,
  );
  assert.match(out.html, /<img src="https:\/\/t\.example\/v1\/t\/o\/m1\.gif"[^>]*>$/);
});

test('a public route answers 429 with Retry-After once one address passes its limit', async () => {
  const app = Fastify();
  registerErrorHandler(app);
  app.addHook('onRequest', perAddressLimit({ requests: 2, windowMs: 60_000 }));
  app.get('/x', async () => ({ ok: true }));
  try {
    assert.equal((await app.inject({ method: 'GET', url: '/x' })).statusCode, 200);
    assert.equal((await app.inject({ method: 'GET', url: '/x' })).statusCode, 200);
    const third = await app.inject({ method: 'GET', url: '/x' });
    assert.equal(third.statusCode, 429);
    assert.equal((third.json() as { error: { code: string } }).error.code, 'CLT_ERR_API_RATE_LIMITED');
    assert.ok(Number(third.headers['retry-after']) >= 1);
    const other = await app.inject({ method: 'GET', url: '/x', remoteAddress: '10.0.0.9' });
    assert.equal(other.statusCode, 200);
  } finally {
    await app.close();
  }
});
