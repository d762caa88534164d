import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createKey, EventWriter, loadSources } from '../src/events/index.js';
import { SuppressionList } from '../src/privacy/index.js';
import { buildApp } from '../src/server/index.js';
import { OverviewService } from '../src/server/routes/overview.js';
import { startServer } from '../src/server/serve.js';
import { openWarehouse, type Warehouse } from '../src/store/index.js';
import { runCli, runCliJson } from './helpers/cli.js';
import { testDatabase } from './helpers/engine.js';
import { testEngine } from './helpers/postgres.js';
import { withTempDir } from './helpers/tmp.js';

// Ann is the person to forget: she appears under a customer id, two spellings of her e-mail, a formatted
// phone, an anonymous id, in an order without a customer id, an order line that carries only its order id,
// an identify event, a feedback row and a rejected order row. Bob, Cy and Dee stay.
const CUSTOMERS = `customer_id,email,phone,first_name,last_name,country,consent_email,consent_sms,newsletter
c1,Ann.Lee@Example.org,(415) 555-0132,Ann,Lee,US,true,false,
c2,bob@x.io,+1 212 555 0199,Bob,Ray,US,false,true,
c3,cy@x.io,,Cy,Day,US,true,true,
c4,dee@x.io,,Dee,Fox,US,,,yes
`;
const ORDERS = `order_id,customer_id,email,order_ts,revenue
o1,c1,ann.lee@example.org,2024-01-05T10:00:00Z,110
o2,c2,,2024-01-06T11:00:00Z,50
o3,,ANN.LEE@example.org,2024-02-07T12:00:00Z,100
o4,c3,,2024-02-08T12:00:00Z,30
o5,c1,,not-a-date,10
o6,c4,,2024-03-01T12:00:00Z,20
`;
const ITEMS = `order_id,line_no,product_id,quantity,unit_price,line_total
o1,1,P1,1,100,100
o3,1,P2,1,100,100
o2,1,P1,1,50,50
o4,1,P2,1,30,30
`;
const FEEDBACK = `feedback_id,customer_id,kind,rating,text,created_at
f1,c1,review,5,Call me on 415 555 0132,2024-01-09T10:00:00Z
f2,c2,review,3,ok,2024-01-09T11:00:00Z
`;
const EVENTS = [
  {
    type: 'identify',
    userId: 'c1',
    anonymousId: 'anon-ann',
    traits: { email: 'ann.lee@example.org', consent_profiling: true },
    timestamp: '2024-01-05T09:00:00Z',
  },
  { type: 'track', event: 'Product Viewed', anonymousId: 'anon-ann', timestamp: '2024-01-05T09:01:00Z' },
  { type: 'track', event: 'Product Viewed', userId: 'c2', timestamp: '2024-01-06T09:01:00Z' },
  {
    type: 'identify',
    userId: 'c3',
    traits: { consent_email: false },
    timestamp: '2030-01-01T00:00:00Z',
  },
]
  .map((e) => JSON.stringify(e))
  .join('\n');

const ANN = ['ann.lee@example.org', '5550132', 'anon-ann', 'Call me on 415'];

async function writeShop(dir: string): Promise<string[]> {
  const files: [string, string][] = [
    ['customers.csv', CUSTOMERS],
    ['orders.csv', ORDERS],
    ['order_items.csv', ITEMS],
    ['feedback.csv', FEEDBACK],
    ['events.jsonl', EVENTS],
  ];
  for (const [name, body] of files) await writeFile(join(dir, name), body);
  return files.map(([name]) => join(dir, name));
}

async function importShop(db: string, files: string[]): Promise<Record<string, number>> {
  const [events, ...rest] = [files[4]!, ...files.slice(0, 4)];
  const a = await runCliJson<Record<string, number>>(['--db', db, 'import', ...rest]);
  const b = await runCliJson<Record<string, number>>(['--db', db, 'import', events, '--as', 'events']);
  return { suppressed: a.suppressed! + b.suppressed!, accepted: a.accepted! + b.accepted! };
}

// Every table of the database, every row cast to text: where a needle (case-insensitive) still appears.
async function traces(db: Warehouse, needles: readonly string[]): Promise<string[]> {
  const tables = await db.all<{ t: string }>(
    "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
  );
  const found: string[] = [];
  for (const { t } of tables) {
    for (const needle of needles) {
      const [r] = await db.all<{ n: number }>(
        `SELECT count(*)::INTEGER AS n FROM "${t}" x WHERE strpos(regexp_replace(lower(CAST(x AS VARCHAR)), '[ ()-]', '', 'g'), ?) > 0`,
        [needle.toLowerCase().replace(/[ ()-]/g, '')],
      );
      if (r?.n) found.push(`${t}: ${needle} ×${r.n}`);
    }
  }
  return found;
}

async function counts(db: Warehouse): Promise<Record<string, number>> {
  const tables = await db.all<{ t: string }>(
    "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1",
  );
  const out: Record<string, number> = {};
  for (const { t } of tables) {
    const [r] = await db.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM "${t}"`);
    out[t] = r?.n ?? 0;
  }
  return out;
}

const mode = (path: string) => statSync(path).mode & 0o777;

async function withDb<T>(path: string, fn: (db: Warehouse) => Promise<T>): Promise<T> {
  const db = await openWarehouse(path);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

// A scenario: the shop imported, resolved, scored, segmented and its overview cached, on the engine under
// test (a DuckDB file in `dir`, or a fresh PostgreSQL database).
async function preparedShop(dir: string, engine = testEngine()): Promise<{ db: string; files: string[] }> {
  const db = engine === 'duckdb' ? join(dir, 'shop.duckdb') : (await testDatabase(engine)).location;
  const files = await writeShop(dir);
  await importShop(db, files);
  await runCliJson(['--db', db, 'identity', 'resolve']);
  await runCliJson(['--db', db, 'model', 'rfm']);
  await runCliJson(['--db', db, 'segment', 'create', 'everyone', '--where', 'orders >= 0']);
  await withDb(db, async (w) => {
    await new OverviewService(w).get({});
  });
  return { db, files };
}

describe('clientele forget, subject-export and consent (built CLI)', () => {
  it('forget removes a person from every table and cache, and re-imports and API events do not bring them back', async () => {
    await withTempDir(async (dir) => {
      const { db, files } = await preparedShop(dir);
      // DuckDB keeps the overview's Parquet copy and the instance key in files beside the database, and
      // forget rewrites the file; PostgreSQL keeps neither file (its key is CLIENTELE_KEY) and is not compacted.
      const onFile = testEngine() === 'duckdb';
      const cache = () => readdirSync(dir).filter((f) => f.includes('.overview-') && f.endsWith('.parquet'));
      assert.equal(cache().length, onFile ? 1 : 0, 'the overview wrote its Parquet copy beside a file');
      const before = await withDb(db, async (w) => {
        assert.ok((await traces(w, ANN)).length > 0, 'Ann is there to begin with');
        const [score] = await w.all<{ n: number }>(
          "SELECT count(*)::INTEGER AS n FROM customer_scores s JOIN identity_nodes n ON s.customer_key = CAST(n.profile_id AS VARCHAR) WHERE n.value = 'c1'",
        );
        assert.ok(score!.n > 0, 'Ann has model scores');
        return counts(w);
      });

      // A dry run says what would go and changes nothing.
      const dry = await runCliJson<{
        profileId: number;
        removed: Record<string, number>;
        dryRun: boolean;
      }>(['--db', db, 'forget', 'ANN.lee@example.org', '--dry-run']);
      assert.equal(dry.dryRun, true);
      assert.equal(dry.removed.customers, 1);
      assert.equal(dry.removed.orders, 2, 'o1, and o3 which names her by e-mail only');
      assert.equal(dry.removed.order_items, 2, 'the lines of o1 and o3, which carry no identifier');
      assert.equal(dry.removed.events, 2);
      assert.equal(dry.removed.feedback, 1);
      assert.equal(dry.removed.rejects, 1, "the rejected o5 row names Ann's customer id");
      assert.ok(dry.removed.customer_scores! > 0 && dry.removed.segment_membership === 1);
      assert.equal(dry.removed.overview_cache_files, onFile ? 1 : undefined);
      await withDb(db, async (w) => assert.deepEqual(await counts(w), before, 'a dry run changes nothing'));
      assert.equal(cache().length, onFile ? 1 : 0);

      const forgot = await runCliJson<{
        identifier: string;
        profileId: number;
        removed: Record<string, number>;
        suppressed: { type: string; blindIndex: string }[];
        dryRun: boolean;
        compacted: boolean;
        warnings: { code: string }[];
      }>(['--db', db, 'forget', '(415) 555-0132']);
      assert.equal(forgot.profileId, dry.profileId, 'the phone finds the same person');
      assert.deepEqual(forgot.removed, dry.removed, 'the erasure removed what the dry run listed');
      assert.equal(forgot.dryRun, false);
      assert.equal(forgot.compacted, onFile);
      const types = new Set(forgot.suppressed.map((s) => s.type));
      for (const t of ['email', 'phone', 'customer_id', 'anonymous_id', 'order_id'])
        assert.ok(types.has(t), t);
      assert.ok(forgot.suppressed.every((s) => /^[0-9a-f]{64}$/.test(s.blindIndex)));
      assert.equal(cache().length, 0, "the overview's Parquet copy is gone");
      if (onFile) assert.equal(mode(`${db}.key`), 0o600, 'the instance key file is owner-only');

      const absent = async () =>
        withDb(db, async (w) => {
          assert.deepEqual(await traces(w, ANN), []);
          const [kept] = await w.all<{ n: number }>(
            "SELECT count(*)::INTEGER AS n FROM customers WHERE customer_id IN ('c2', 'c3', 'c4')",
          );
          assert.equal(kept!.n, 3, 'the others stay');
        });
      await absent();
      // The rewritten file holds none of her bytes either.
      if (onFile) {
        const bytes = readFileSync(db).toString('latin1').toLowerCase();
        assert.ok(!bytes.includes('ann.lee@example.org'), 'the database file still holds her e-mail');
      } else assert.ok(forgot.warnings.some((w) => w.code === 'not_compacted'));
      const lookup = await runCli(['--db', db, 'profile', 'ann.lee@example.org', '--json']);
      assert.equal(lookup.code, 1);
      assert.match(lookup.stdout, /CLT_ERR_PROFILE_NOT_FOUND/);

      // The original files again: her rows are dropped and counted, the others are duplicates.
      const again = await importShop(db, files);
      assert.equal(again.suppressed, 1 + 2 + 2 + 1 + 2, 'customer, o1 and o3, their lines, feedback, events');
      assert.equal(again.accepted, 0);
      await runCliJson(['--db', db, 'identity', 'resolve']);
      await absent();

      // Events over the API: hers are dropped with a reason, nothing of them kept; the others are stored.
      await withDb(db, async (w) => {
        const { key } = await createKey(w, 'web');
        const writer = await EventWriter.create(w);
        const app = await buildApp({
          db: w,
          writer,
          sources: await loadSources(w),
          adminToken: 'admin',
          suppressions: await SuppressionList.load(w),
        });
        try {
          const auth = `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
          const batch = [
            { type: 'identify', userId: 'u-9', traits: { email: ' Ann.Lee@EXAMPLE.org ' } },
            { type: 'track', event: 'Viewed', userId: 'c1' },
            { type: 'track', event: 'Viewed', anonymousId: 'anon-ann' },
            { type: 'track', event: 'Viewed', userId: 'c2' },
            {
              type: 'track',
              event: 'Viewed',
              userId: 'c2',
              timestamp: 'bad',
              context: { traits: { phone: '415-555-0132' } },
            },
          ];
          const res = await app.inject({
            method: 'POST',
            url: '/v1/batch',
            headers: { authorization: auth },
            payload: { batch },
          });
          assert.equal(
            res.statusCode,
            400,
            'the bad timestamp is reported; the suppressed events are not problems',
          );
          assert.equal(JSON.parse(res.body).error.details.rejected.length, 1);
          const stored = await w.all<{ u: string | null }>(
            "SELECT user_id AS u FROM events WHERE import_id = (SELECT import_id FROM api_keys WHERE name = 'web')",
          );
          assert.deepEqual(
            stored.map((r) => r.u),
            ['c2'],
          );
          const rejects = await w.all<{ code: string; raw: string | null }>(
            "SELECT reason_code AS code, raw FROM rejects WHERE file = 'api:web' ORDER BY reason_code",
          );
          assert.deepEqual(
            rejects.map((r) => [r.code, r.raw === null]),
            [
              ['bad_date', true],
              ['suppressed', true],
              ['suppressed', true],
              ['suppressed', true],
            ],
            'a rejected event quoting her phone keeps its reason, not its raw text',
          );
          assert.deepEqual(await traces(w, ANN), []);

          // The admin route forgets Bob; his next event is dropped at once.
          const route = await app.inject({
            method: 'POST',
            url: '/v1/admin/forget',
            headers: { authorization: 'Bearer admin' },
            payload: { identifier: 'bob@x.io' },
          });
          assert.equal(route.statusCode, 200, route.body);
          const body = JSON.parse(route.body);
          assert.equal(body.removed.customers, 1);
          assert.ok(body.warnings.some((x: { code: string }) => x.code === 'not_compacted'));
          await app.inject({
            method: 'POST',
            url: '/v1/track',
            headers: { authorization: auth },
            payload: { event: 'Viewed', userId: 'c2' },
          });
          assert.deepEqual(await traces(w, ['bob@x.io', '2125550199']), []);
          const [c2] = await w.all<{ n: number }>(
            "SELECT count(*)::INTEGER AS n FROM events WHERE user_id = 'c2'",
          );
          assert.equal(c2!.n, 0);
        } finally {
          await app.close();
          await writer.close();
        }
      });
    });
  });

  it('subject-export writes everything held on a person to an owner-only file', async () => {
    await withTempDir(async (dir) => {
      const { db } = await preparedShop(dir);
      const out = join(dir, 'ann.json');
      const written = await runCliJson<{ profileId: number; records: Record<string, number> }>([
        '--db',
        db,
        'subject-export',
        'c1',
        '--out',
        out,
      ]);
      assert.equal(mode(out), 0o600);
      assert.deepEqual(written.records, { customers: 1, events: 2, feedback: 1, order_items: 2, orders: 2 });
      const data = JSON.parse(readFileSync(out, 'utf8'));
      assert.equal(data.profileId, written.profileId);
      assert.equal(data.records.customers[0].email, 'Ann.Lee@Example.org');
      assert.deepEqual(data.records.orders.map((o: { order_id: string }) => o.order_id).sort(), ['o1', 'o3']);
      assert.equal(data.profile.id, written.profileId);
      assert.ok(data.scores.length > 0, 'model scores');
      assert.deepEqual(
        data.segments.map((s: { segment: string }) => s.segment),
        ['everyone'],
      );
      assert.equal(data.consent.email.granted, true);
      assert.equal(data.consent.sms.granted, false);
      assert.equal(data.consent.profiling.granted, true);
      assert.equal(data.rejects.length, 1);
      assert.ok(
        data.identifiers.some(
          (i: { type: string; value: string }) => i.type === 'phone' && i.value === '+14155550132',
        ),
      );

      // A placeholder names nobody; an identifier nobody has is suppressed, with a warning.
      const placeholder = await runCli(['--db', db, 'forget', 'test@example.com', '--json']);
      assert.equal(placeholder.code, 2);
      assert.match(placeholder.stdout, /CLT_ERR_USAGE/);
      const nobody = await runCliJson<{
        profileId: null;
        removed: Record<string, number>;
        warnings: { code: string }[];
      }>(['--db', db, 'forget', 'nobody@nowhere.io', '--dry-run']);
      assert.equal(nobody.profileId, null);
      assert.equal(nobody.removed.customers, undefined);
      assert.deepEqual(
        nobody.warnings.map((w) => w.code),
        ['no_profile'],
      );
    });
  });

  it('consent per purpose is stored with its source and time, shown in the profile, and enforced by segment exports', async () => {
    await withTempDir(async (dir) => {
      const { db } = await preparedShop(dir);
      const profile = await runCliJson<{
        consent: Record<string, { granted: boolean; source: string; recordedAt: string } | null>;
      }>(['--db', db, 'profile', 'dee@x.io']);
      assert.equal(profile.consent.email?.granted, true, 'newsletter = yes is e-mail consent');
      assert.match(profile.consent.email!.source, /customers\.csv$/);
      assert.ok(profile.consent.email!.recordedAt);
      assert.equal(profile.consent.sms, null);

      const members = async (purpose?: string) =>
        (
          await runCliJson<{ email: string | null }[]>([
            '--db',
            db,
            'segment',
            'members',
            'everyone',
            ...(purpose ? ['--purpose', purpose] : []),
          ])
        )
          .map((m) => m.email)
          .sort();
      assert.equal((await members()).length, 4);
      // Cy said yes in the customer file, then no in a later identify call: the latest statement counts.
      assert.deepEqual(await members('email'), ['ann.lee@example.org', 'dee@x.io']);
      assert.deepEqual(await members('sms'), ['bob@x.io', 'cy@x.io']);
      assert.deepEqual(await members('ads'), []);

      const out = join(dir, 'email.csv');
      const exported = await runCliJson<{ rows: number }>([
        '--db',
        db,
        'segment',
        'export',
        'everyone',
        '--out',
        out,
        '--purpose',
        'email',
      ]);
      assert.equal(exported.rows, 2);
      const csv = readFileSync(out, 'utf8');
      assert.ok(csv.includes('dee@x.io') && !csv.includes('bob@x.io') && !csv.includes('cy@x.io'));
      assert.equal(mode(out), 0o600, 'exports are owner-only');

      const bad = await runCli([
        '--db',
        db,
        'segment',
        'members',
        'everyone',
        '--purpose',
        'telepathy',
        '--json',
      ]);
      assert.equal(bad.code, 2);
      assert.match(bad.stdout, /CLT_ERR_PRIVACY_PURPOSE/);
    });
  });

  // About files beside a DuckDB database and its lock (the CLI goes through the server holding it): DuckDB only.
  it('files the product creates are owner-only, and forget and subject-export go through a running server', async () => {
    await withTempDir(async (dir) => {
      const { db } = await preparedShop(dir, 'duckdb');
      assert.equal(mode(db), 0o600);
      const parquet = readdirSync(dir).find((f) => f.includes('.overview-'));
      assert.ok(parquet);
      assert.equal(mode(join(dir, parquet)), 0o600);
      const server = await startServer({ dbPath: db, port: 0, refreshEvery: 0 });
      try {
        assert.equal(mode(`${db}.server.json`), 0o600);
        if (existsSync(`${db}.wal`)) assert.equal(mode(`${db}.wal`), 0o600);
        // While the server holds the file, the CLI goes through its admin API.
        const out = join(dir, 'cy.json');
        const written = await runCliJson<{ records: Record<string, number> }>([
          '--db',
          db,
          'subject-export',
          'cy@x.io',
          '--out',
          out,
        ]);
        assert.equal(written.records.customers, 1);
        assert.equal(mode(out), 0o600);
        const forgot = await runCliJson<{
          removed: Record<string, number>;
          compacted: boolean;
          warnings: { code: string }[];
        }>(['--db', db, 'forget', 'cy@x.io']);
        assert.equal(forgot.removed.customers, 1);
        assert.equal(forgot.compacted, false);
        assert.ok(forgot.warnings.some((w) => w.code === 'not_compacted'));
      } finally {
        await server.close();
      }
    });
  });
});
