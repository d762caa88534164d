import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateDemo } from '../src/demo/index.js';
import { resolveIdentities } from '../src/identity/index.js';
import { importFile } from '../src/ingest/index.js';
import { openWarehouse, type Warehouse } from '../src/store/index.js';
import { type PostgresServer, startPostgres } from './helpers/postgres.js';
import { withTempDir } from './helpers/tmp.js';

// What identity resolution decided, in terms that do not depend on the engine's profile numbers: each
// profile as its sorted records, and per profile (keyed by its first record) what the stored profile says.
async function resolved(db: Warehouse) {
  const rows = await db.all<{ p: number; r: string }>(
    "SELECT profile_id AS p, record_table || ':' || row_key AS r FROM record_profiles",
  );
  const groups = new Map<number, string[]>();
  for (const { p, r } of rows) groups.set(Number(p), [...(groups.get(Number(p)) ?? []), r]);
  const byProfile = new Map([...groups].map(([p, rs]) => [p, rs.sort()]));
  const profiles = await db.all<Record<string, unknown>>(
    `SELECT profile_id, email, phone, first_name, country, CAST(orders AS INTEGER) AS orders, ${db.dialect.round('revenue', 2)} AS revenue,
       CAST(events AS INTEGER) AS events, top_device, age, ${db.dialect.listJson('customer_ids')} AS customer_ids,
       ${db.dialect.listJson('channels')} AS channels, CAST(traits AS VARCHAR) AS traits FROM profiles`,
  );
  const stored = profiles
    .map(({ profile_id, traits, ...rest }) => {
      const key = byProfile.get(Number(profile_id))?.[0] ?? '?';
      const t = traits === null ? null : JSON.parse(String(traits));
      const sortedTraits =
        t &&
        Object.fromEntries(
          Object.keys(t)
            .sort()
            .map((k) => [k, t[k]]),
        );
      return JSON.stringify({
        key,
        ...rest,
        customer_ids: JSON.parse(String(rest.customer_ids ?? 'null')),
        channels: JSON.parse(String(rest.channels ?? 'null')),
        traits: sortedTraits,
      });
    })
    .sort();
  const conflicts = (await db.all('SELECT record_table, row_key, id_type, value FROM identity_conflicts'))
    .map((r) => JSON.stringify(r))
    .sort();
  return {
    groups: [...byProfile.values()].map((g) => g.join(' ')).sort(),
    stored,
    conflicts,
  };
}

describe('identity resolution on DuckDB and on PostgreSQL', () => {
  let pg: PostgresServer;
  before(async () => {
    pg = await startPostgres();
  });
  after(async () => {
    await pg?.stop();
  });

  it('groups the same records into the same profiles, with the same stored profiles', async () => {
    await withTempDir(async (dir) => {
      const data = join(dir, 'data');
      await generateDemo({ customers: 150, seed: 7, outDir: data });
      const { demoFiles } = await import('../src/demo/import-order.js');
      const files = await demoFiles(data);
      const run = async (location: string) => {
        const db = await openWarehouse(location);
        try {
          // Half the files, an incremental resolution, the rest, another: both paths of the resolver.
          const half = Math.ceil(files.length / 2);
          for (const f of files.slice(0, half)) await importFile(db, f.path, { kind: f.kind });
          const first = await resolveIdentities(db);
          for (const f of files.slice(half)) await importFile(db, f.path, { kind: f.kind });
          const second = await resolveIdentities(db);
          const incremental = await resolved(db);
          const full = await resolveIdentities(db, { full: true });
          return { first, second, full, incremental, rebuilt: await resolved(db) };
        } finally {
          await db.close();
        }
      };
      const duck = await run(join(dir, 'c.duckdb'));
      const post = await run(await pg.createDatabase('identity'));
      const counts = ({
        mode,
        records,
        unattributed,
        profiles,
        identifiers,
        merges,
        conflicts,
      }: typeof duck.first) => ({
        mode,
        records,
        unattributed,
        profiles,
        identifiers,
        merges,
        conflicts,
      });
      for (const step of ['first', 'second', 'full'] as const)
        assert.deepEqual(counts(post[step]), counts(duck[step]), step);
      assert.ok(duck.second.profiles > 50, `${duck.second.profiles} profiles`);
      assert.ok(
        duck.incremental.groups.some((g) => g.split(' ').length > 2),
        'some profile joins several records',
      );
      for (const state of ['incremental', 'rebuilt'] as const) {
        assert.deepEqual(post[state].groups, duck[state].groups, `${state} groups`);
        assert.deepEqual(post[state].conflicts, duck[state].conflicts, `${state} conflicts`);
        for (let i = 0; i < duck[state].stored.length; i++)
          assert.deepEqual(
            JSON.parse(post[state].stored[i] ?? 'null'),
            JSON.parse(duck[state].stored[i]!),
            `${state} profile ${i}`,
          );
        assert.equal(post[state].stored.length, duck[state].stored.length);
      }
    });
  });
});
