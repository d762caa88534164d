import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { testDatabase } from '../../test/helpers/engine.js';
import { generateDemo } from '../demo/index.js';
import type { KindName } from '../domain/kinds.js';
import { importFile } from '../ingest/index.js';
import { findProfile, getProfile } from '../profiles/index.js';
import { openWarehouse, type Warehouse } from '../store/index.js';
import { resolveIdentities } from './index.js';

const FILES: [KindName, string][] = [
  ['products', 'products.csv'],
  ['customers', 'customers.csv'],
  ['orders', 'orders.csv'],
  ['order_items', 'order_items.csv'],
  ['events', 'events.jsonl'],
  ['messages', 'messages.csv'],
  ['feedback', 'feedback.csv'],
  ['notes', 'notes.csv'],
];

async function importAll(db: Warehouse, dir: string, kinds: readonly [KindName, string][]): Promise<void> {
  for (const [kind, file] of kinds) await importFile(db, join(dir, file), { kind });
}

const recordProfiles = async (db: Warehouse) =>
  db.all<{ k: string; p: number }>(
    "SELECT record_table || ':' || row_key AS k, profile_id AS p FROM record_profiles ORDER BY k",
  );

// On the engine CLIENTELE_TEST_ENGINE picks (DuckDB unless told; docs/scale.md).
describe('identity resolution on the demo business', () => {
  let dir: string;
  let db: Warehouse;
  let dispose: () => Promise<void>;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'clientele-identity-'));
    await generateDemo({ customers: 1500, seed: 11, outDir: join(dir, 'demo') });
    const location = await testDatabase();
    dispose = location.dispose;
    db = await openWarehouse(location.location);
    // Half the sources first, the rest later: the second run is incremental.
    await importAll(db, join(dir, 'demo'), FILES.slice(0, 3));
    await resolveIdentities(db);
    await importAll(db, join(dir, 'demo'), FILES.slice(3));
    const second = await resolveIdentities(db);
    assert.equal(second.mode, 'incremental');
  });
  after(async () => {
    await db.close();
    await dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('merges the planted duplicate records and nothing else (precision and recall against the truth)', async () => {
    const truth = (await readFile(join(dir, 'demo', 'truth.csv'), 'utf8')).trim().split('\n');
    const header = truth[0]!.split(',');
    const [ci, di] = [header.indexOf('customer_id'), header.indexOf('duplicate_id')];
    const person = new Map<string, number>();
    const pairs: [string, string][] = [];
    truth.slice(1).forEach((line, i) => {
      const cells = line.split(',');
      person.set(cells[ci]!, i);
      if (cells[di]) {
        person.set(cells[di]!, i);
        pairs.push([cells[ci]!, cells[di]!]);
      }
    });
    const rows = await db.all<{ customer_id: string; p: number }>(
      "SELECT c.customer_id, rp.profile_id AS p FROM customers c JOIN record_profiles rp ON rp.record_table = 'customers' AND rp.row_key = c.row_key",
    );
    const profileOf = new Map(rows.map((r) => [r.customer_id, r.p]));
    const members = new Map<number, string[]>();
    for (const r of rows) members.set(r.p, [...(members.get(r.p) ?? []), r.customer_id]);
    let truePairs = 0;
    let falsePairs = 0;
    for (const ids of members.values()) {
      for (let i = 0; i < ids.length; i++) {
        for (let j = i + 1; j < ids.length; j++)
          person.get(ids[i]!) === person.get(ids[j]!) ? truePairs++ : falsePairs++;
      }
    }
    const found = pairs.filter(([a, b]) => profileOf.get(a) === profileOf.get(b)).length;
    assert.ok(pairs.length > 30, 'the demo plants duplicates');
    const precision = truePairs / (truePairs + falsePairs);
    const recall = found / pairs.length;
    assert.ok(precision >= 0.98, `precision ${precision}`);
    assert.ok(recall >= 0.95, `recall ${recall} (${found} of ${pairs.length})`);
  });

  it('gives the same profiles when rebuilt from scratch as the incremental runs did', async () => {
    // Every column but the refresh time; traits as text (both engines).
    const stored = async () =>
      (
        await db.all(
          'SELECT p.*, CAST(p.traits AS VARCHAR) AS traits_text FROM profiles p ORDER BY profile_id',
        )
      ).map(({ refreshed_at: _r, traits: _t, ...rest }) => rest);
    const incremental = await recordProfiles(db);
    const incrementalRows = await stored();
    const full = await resolveIdentities(db, { full: true });
    assert.equal(full.mode, 'full');
    assert.deepEqual(await recordProfiles(db), incremental);
    assert.deepEqual(
      await stored(),
      incrementalRows,
      'the stored profiles refreshed incrementally equal a full refresh',
    );
    assert.equal(incrementalRows.length, full.profiles);
  });

  it('finds a profile by any identifier: customer id, email in any case, phone in any format, anonymous id', async () => {
    const [row] = await db.all<{ customer_id: string; email: string; phone: string; anonymous_id: string }>(
      `SELECT customer_id, email, phone, anonymous_id FROM customers
       WHERE email LIKE '%@%.%' AND phone IS NOT NULL AND anonymous_id IS NOT NULL ORDER BY customer_id LIMIT 1`,
    );
    assert.ok(row);
    const id = await findProfile(db, row.customer_id);
    assert.notEqual(id, null);
    const digits = row.phone.replace(/\D/g, '').slice(-10);
    for (const form of [
      `  ${row.email.toUpperCase()} `,
      `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`,
      `+1${digits}`,
      row.anonymous_id,
      String(id),
    ]) {
      assert.equal(await findProfile(db, form), id, form);
    }
    const profile = await getProfile(db, id!, { explain: true });
    assert.ok(profile!.customerIds.includes(row.customer_id));
    assert.ok(profile!.timeline.length > 0);
    assert.ok(
      profile!.explain!.identifiers.some((i) => i.type === 'customer_id' && i.value === row.customer_id),
    );
  });
});

describe('identity rules', () => {
  async function withFiles(files: Record<string, string>, fn: (db: Warehouse, dir: string) => Promise<void>) {
    const location = await testDatabase();
    const { dir } = location;
    const db = await openWarehouse(location.location);
    try {
      for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
      await fn(db, dir);
    } finally {
      await db.close();
      await location.dispose();
    }
  }

  it('never joins on placeholder values, and splits a profile when one of its identifiers is blocked', async () => {
    await withFiles(
      {
        'customers.csv':
          'customer_id,email,phone\nA,family@example.org,\nB,FAMILY@example.org,\nC,test@example.com,0000000000\nD,test@example.com,0000000000\n',
      },
      async (db, dir) => {
        await importFile(db, join(dir, 'customers.csv'), { kind: 'customers' });
        await resolveIdentities(db);
        const [a, b, c, d] = await Promise.all(['A', 'B', 'C', 'D'].map((x) => findProfile(db, x)));
        assert.equal(a, b, 'a shared email joins');
        assert.notEqual(c, d, 'placeholder email and phone join nothing');
        await db.run("INSERT INTO identity_blocked (value) VALUES ('family@example.org')");
        await resolveIdentities(db, { full: true });
        assert.notEqual(
          await findProfile(db, 'A'),
          await findProfile(db, 'B'),
          'blocking the shared email splits them',
        );
      },
    );
  });

  it('refuses to give one profile two user ids, and records the refusal', async () => {
    const event = (userId: string, anon: string, id: string) =>
      JSON.stringify({
        type: 'identify',
        userId,
        anonymousId: anon,
        messageId: id,
        timestamp: '2024-05-01T10:00:00Z',
      });
    await withFiles(
      { 'events.jsonl': `${event('u1', 'device-1', 'm1')}\n${event('u2', 'device-1', 'm2')}\n` },
      async (db, dir) => {
        await importFile(db, join(dir, 'events.jsonl'), { kind: 'events' });
        const summary = await resolveIdentities(db);
        assert.ok(summary.conflicts >= 1);
        const u1 = await findProfile(db, 'u1');
        const u2 = await findProfile(db, 'u2');
        assert.notEqual(u1, u2, 'two people on one shared device stay two profiles');
        const [conflict] = await db.all<{ id_type: string; value: string }>(
          'SELECT id_type, value FROM identity_conflicts',
        );
        assert.deepEqual(conflict, { id_type: 'anonymous_id', value: 'device-1' });
      },
    );
  });
});
