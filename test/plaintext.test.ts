import assert from 'node:assert/strict';
import { readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { startServer } from '../src/server/serve.js';
import { runCli, runCliJson } from './helpers/cli.js';
import { withTempDir } from './helpers/tmp.js';

// Known people with contact points distinct enough that a byte scan finds nothing else: Ann (customer, an
// order under another spelling of her e-mail, an identify event from a file and one over the API), Bob
// (customer and a guest order by e-mail only), Quentin (only over the Event API, with a phone).
const CUSTOMERS = `customer_id,email,phone,first_name,last_name,city
c1,Ann.Zephyrine@Example.org,(415) 555-0132,Zephyrine,Quillfeather,Boston
c2,bob.marrowgate@example.com,+1 212 555 0199,Bartholomew,Marrowgate,Denver
c3,carla.vintenhole@example.net,,Carlotta,Vintenhole,Austin
`;
const ORDERS = `order_id,customer_id,email,order_ts,revenue
o1,c1,ann.zephyrine@example.org,2024-01-05T10:00:00Z,110
o2,,BOB.MARROWGATE@example.com,2024-01-06T11:00:00Z,50
o3,c3,,2024-02-08T12:00:00Z,30
`;
const FEEDBACK = `feedback_id,customer_id,kind,rating,text,created_at
f1,c1,review,5,Call Zephyrine back on 415 555 0132,2024-01-09T10:00:00Z
`;
const EVENTS = [
  {
    type: 'identify',
    userId: 'c1',
    anonymousId: 'anon-ann',
    traits: { email: 'ann.zephyrine@example.org', firstName: 'Zephyrine' },
    timestamp: '2024-01-05T09:00:00Z',
  },
  { type: 'track', event: 'Product Viewed', anonymousId: 'anon-ann', timestamp: '2024-01-05T09:01:00Z' },
]
  .map((e) => JSON.stringify(e))
  .join('\n');
const API_EVENTS = [
  {
    type: 'identify',
    anonymousId: 'anon-q',
    traits: { email: 'Quentin.Oxblood@Example.io', phone: '+44 20 7946 0958', name: 'Quentin Oxblood' },
    context: { ip: '203.0.113.77' },
    timestamp: '2024-03-01T09:00:00Z',
  },
  {
    type: 'track',
    event: 'Signed Up',
    anonymousId: 'anon-q2',
    context: { traits: { email: 'quentin.oxblood@example.io' } },
    timestamp: '2024-03-01T09:05:00Z',
  },
  {
    type: 'identify',
    userId: 'c2',
    traits: { email: 'bob.marrowgate@example.com', phone: '(212) 555-0199' },
    timestamp: '2024-03-02T09:00:00Z',
  },
];

// Every known value as imported and as identity resolution normalizes it (lower case, E.164).
const NEEDLES = [
  'Ann.Zephyrine@Example.org',
  'ann.zephyrine@example.org',
  'bob.marrowgate@example.com',
  'BOB.MARROWGATE@example.com',
  'carla.vintenhole@example.net',
  'Quentin.Oxblood@Example.io',
  'QUENTIN.oxblood@example.io',
  'quentin.oxblood%40example.io',
  'quentin.oxblood@example.io',
  '(415) 555-0132',
  '+14155550132',
  '+1 212 555 0199',
  '(212) 555-0199',
  '+12125550199',
  '+44 20 7946 0958',
  '+442079460958',
  'Zephyrine',
  'Quillfeather',
  'Marrowgate',
  'Vintenhole',
  'Oxblood',
  '203.0.113.77',
];

// Every file under a folder, at any depth (the database, its WAL, key, exports, the overview's Parquet
// copy, DuckDB's temp folder), read as raw bytes; returns `needle in file` for each hit.
function scan(dir: string): string[] {
  const hits: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const bytes = readFileSync(path);
        for (const needle of NEEDLES) {
          // UTF-8 as DuckDB stores text; also UTF-16 in case anything writes it that way.
          if (bytes.includes(Buffer.from(needle, 'utf8')) || bytes.includes(Buffer.from(needle, 'utf16le')))
            hits.push(`${needle} in ${name}`);
        }
      }
    }
  };
  walk(dir);
  return hits;
}

interface Outcome {
  readonly hits: string[];
  readonly profiles: number;
  readonly files: string[];
  readonly ann: { identities: { type: string; value: string }[]; traits: Record<string, unknown> };
  readonly quentin: number;
  readonly export: string;
  readonly masked: string;
}

// The same shop, encrypted or not: files imported by the CLI, events over the HTTP API of a served
// instance, identity resolved, a segment exported, the overview (its Parquet copy) computed, then closed.
async function shop(dir: string, encrypt: boolean): Promise<Outcome> {
  const home = join(dir, encrypt ? 'encrypted' : 'clear');
  const outside = join(dir, encrypt ? 'out-encrypted' : 'out-clear');
  await mkdir(outside);
  const db = join(home, 'shop.duckdb');
  const init = await runCliJson<{ encrypted: boolean }>([
    '--db',
    db,
    'init',
    ...(encrypt ? ['--encrypt'] : []),
  ]);
  assert.equal(init.encrypted, encrypt);
  const files: [string, string][] = [
    ['customers.csv', CUSTOMERS],
    ['orders.csv', ORDERS],
    ['feedback.csv', FEEDBACK],
    ['events.jsonl', EVENTS],
  ];
  for (const [name, body] of files) await writeFile(join(outside, name), body);
  await runCliJson(['--db', db, 'import', ...files.slice(0, 3).map(([n]) => join(outside, n))]);
  await runCliJson(['--db', db, 'import', join(outside, 'events.jsonl'), '--as', 'events']);
  const key = await runCliJson<{ key: string }>(['--db', db, 'keys', 'create', '--name', 'web']);

  const server = await startServer({ dbPath: db, port: 0, refreshEvery: 0 });
  let quentin: number;
  try {
    const sent = await fetch(`${server.url}/v1/batch`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(`${key.key}:`).toString('base64')}`,
      },
      body: JSON.stringify({ batch: API_EVENTS }),
    });
    assert.equal(sent.status, 200, await sent.text());
    const admin = { authorization: `Bearer ${server.adminToken}` };
    // The overview writes its Parquet copy beside the database.
    const overview = await fetch(`${server.url}/v1/overview`, { headers: admin });
    assert.equal(overview.status, 200, await overview.text());
    // An exact e-mail finds its profile (through the blind index when encrypted), decrypted for the admin.
    const found = await fetch(
      `${server.url}/v1/profiles?q=${encodeURIComponent('QUENTIN.oxblood@example.io')}`,
      { headers: admin },
    );
    const body = (await found.json()) as { total: number; profiles: { email: string }[] };
    quentin = body.total;
    if (quentin) assert.equal(body.profiles[0]!.email, 'quentin.oxblood@example.io');
    // A profile read by e-mail in the path is audited; the audit log must not keep the e-mail in clear.
    const one = await fetch(`${server.url}/v1/profiles/${encodeURIComponent('quentin.oxblood@example.io')}`, {
      headers: admin,
    });
    assert.equal(one.status, 200, await one.text());
  } finally {
    await server.close();
  }

  const resolved = await runCliJson<{ profiles: number }>(['--db', db, 'identity', 'resolve', '--full']);
  await runCliJson(['--db', db, 'segment', 'create', 'everyone', '--where', 'orders >= 0']);
  const masked = join(home, 'everyone-masked.csv');
  await runCliJson(['--db', db, 'segment', 'export', 'everyone', '--out', masked, '--mask']);
  const clearExport = join(outside, 'everyone.csv');
  await runCliJson(['--db', db, 'segment', 'export', 'everyone', '--out', clearExport]);
  const ann = await runCliJson<Outcome['ann']>(['--db', db, 'profile', 'ANN.zephyrine@example.org']);
  return {
    hits: scan(home),
    profiles: resolved.profiles,
    files: readdirSync(home),
    ann,
    quentin,
    export: readFileSync(clearExport, 'utf8'),
    masked: readFileSync(masked, 'utf8'),
  };
}

describe('personal data at rest (issue 19)', () => {
  it('an encrypted database, its WAL, exports and caches hold no known e-mail, phone or name; the same shop in clear does', async () => {
    await withTempDir(async (dir) => {
      const clear = await shop(dir, false);
      const sealed = await shop(dir, true);

      // The scan can fail: the same files in a database stored in clear leave them everywhere.
      assert.ok(
        clear.hits.some((h) => h.startsWith('ann.zephyrine@example.org in shop.duckdb')),
        clear.hits.join('\n'),
      );
      assert.ok(
        clear.hits.some((h) => h.startsWith('+14155550132 in shop.duckdb')),
        clear.hits.join('\n'),
      );
      assert.ok(
        clear.hits.some((h) => h.startsWith('quentin.oxblood@example.io')),
        clear.hits.join('\n'),
      );

      assert.ok(
        sealed.files.some((f) => f.includes('.overview-') && f.endsWith('.parquet')),
        sealed.files.join(),
      );
      assert.ok(sealed.files.includes('shop.duckdb.key'));
      assert.deepEqual(sealed.hits, [], 'no clear personal value anywhere under the database folder');

      // Identity joined the same records into the same people, by blind index.
      assert.equal(sealed.profiles, clear.profiles);
      assert.equal(sealed.quentin, 1, 'GET /v1/profiles?q=EMAIL finds the profile by its blind index');
      assert.equal(clear.quentin, 1);
      // With the key, the profile shows the e-mail in clear, and every spelling joined one person.
      const emails = sealed.ann.identities.filter((i) => i.type === 'email').map((i) => i.value);
      assert.deepEqual(emails, ['ann.zephyrine@example.org']);
      assert.deepEqual(sealed.ann.identities, clear.ann.identities);
      assert.equal(sealed.ann.traits.email, 'Ann.Zephyrine@Example.org');
      assert.equal(sealed.ann.traits.last_name, 'Quillfeather');
      // Exports are decrypted at the boundary: in clear for the key's holder, masked with --mask.
      assert.match(sealed.export, /ann\.zephyrine@example\.org/);
      // The same rows as the clear database's export (entered_at, the run's own time, aside).
      const rows = (csv: string) => csv.split('\n').map((line) => line.replace(/,[^,]*$/, ''));
      assert.deepEqual(rows(sealed.export), rows(clear.export));
      assert.match(sealed.masked, /a\*\*\*@example\.org/);
      assert.doesNotMatch(sealed.masked, /enc1:/);
    });
  });

  it('an encrypted database refuses to open without its key, refuses rules it cannot run, and cannot be turned back', async () => {
    await withTempDir(async (dir) => {
      const db = join(dir, 'shop.duckdb');
      await runCliJson(['--db', db, 'init', '--encrypt']);
      await writeFile(join(dir, 'customers.csv'), CUSTOMERS);
      await runCliJson(['--db', db, 'import', join(dir, 'customers.csv')]);
      // Sealed values never compare equal: a second import of the same file still finds duplicates.
      const again = await runCliJson<{ duplicates: number; updated: number }>([
        '--db',
        db,
        'import',
        join(dir, 'customers.csv'),
      ]);
      assert.deepEqual([again.duplicates, again.updated], [3, 0]);
      // Erasure finds the person's sealed rows, and the blind-index suppression keeps them out of a re-import.
      const forgot = await runCliJson<{ removed: Record<string, number> }>([
        '--db',
        db,
        'forget',
        'BOB.marrowgate@example.com',
      ]);
      assert.equal(forgot.removed.customers, 1);
      const back = await runCliJson<{ suppressed: number }>([
        '--db',
        db,
        'import',
        join(dir, 'customers.csv'),
      ]);
      assert.equal(back.suppressed, 1);

      const rule = await runCli([
        '--db',
        db,
        'segment',
        'preview',
        '--where',
        "email contains 'example'",
        '--json',
      ]);
      assert.equal(rule.code, 2, rule.stderr);
      assert.match(rule.stdout, /CLT_ERR_PRIVACY_ENCRYPTED_FIELD/);
      assert.match(rule.stdout, /email is stored encrypted/);
      const nulls = await runCli(['--db', db, 'segment', 'preview', '--where', 'phone is null', '--json']);
      assert.equal(nulls.code, 0, nulls.stdout);

      const reinit = await runCliJson<{ encrypted: boolean; changed: boolean }>(['--db', db, 'init']);
      assert.deepEqual([reinit.encrypted, reinit.changed], [true, false]);

      renameSync(`${db}.key`, join(dir, 'elsewhere.key'));
      const locked = await runCli(['--db', db, 'status', '--json']);
      assert.equal(locked.code, 1);
      assert.match(locked.stdout, /CLT_ERR_PRIVACY_ENCRYPTED_NO_KEY/);
      // The key given through CLIENTELE_KEY works as well.
      const hex = readFileSync(join(dir, 'elsewhere.key'), 'utf8').trim();
      const withEnv = await runCli(['--db', db, 'profile', 'carla.vintenhole@example.net', '--json'], {
        env: { CLIENTELE_KEY: hex },
      });
      assert.equal(withEnv.code, 0, withEnv.stdout);
      assert.equal(
        (JSON.parse(withEnv.stdout) as { traits: { email: string } }).traits.email,
        'carla.vintenhole@example.net',
      );

      // A database holding records in clear cannot be encrypted in place.
      const plain = join(dir, 'plain.duckdb');
      await runCliJson(['--db', plain, 'import', join(dir, 'customers.csv')]);
      const late = await runCli(['--db', plain, 'init', '--encrypt', '--json']);
      assert.equal(late.code, 2);
      assert.match(late.stdout, /CLT_ERR_PRIVACY_ENCRYPT_NOT_EMPTY/);
    });
  });
});
