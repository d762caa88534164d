import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { generateDemo } from '../src/demo/index.js';
import { findDuplicates, jaroWinkler } from '../src/housekeeping/index.js';
import { resolveIdentities } from '../src/identity/index.js';
import { importFile } from '../src/ingest/index.js';
import { runCli, runCliJson } from './helpers/cli.js';
import { withTestDatabase, withTestDb } from './helpers/engine.js';

const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

describe('clientele dedupe', () => {
  test('Jaro–Winkler matches the published values', () => {
    // Winkler's examples: MARTHA/MARHTA 0.961, DWAYNE/DUANE 0.84, DIXON/DICKSONX 0.813.
    assert.equal(jaroWinkler('martha', 'marhta').toFixed(3), '0.961');
    assert.equal(jaroWinkler('dwayne', 'duane').toFixed(3), '0.840');
    assert.equal(jaroWinkler('dixon', 'dicksonx').toFixed(3), '0.813');
    assert.equal(jaroWinkler('', 'abc'), 0);
    assert.equal(jaroWinkler('abc', 'abc'), 1);
  });

  test('finds the demo business planted fuzzy duplicates with precision ≥ 0.9 and recall ≥ 0.8', async () => {
    await withTestDb(async (db, dir) => {
      const out = join(dir, 'demo');
      const gen = await generateDemo({
        customers: 2000,
        seed: 11,
        outDir: out,
        workers: 0,
        fuzzyDuplicates: 100,
      });
      assert.equal(gen.fuzzyDuplicates?.rows, 100);
      await importFile(db, gen.files.customers!.path, { kind: 'customers' });
      await resolveIdentities(db);
      const truth = (await readFile(gen.fuzzyDuplicates!.path, 'utf8')).trim().split('\n').slice(1);
      const planted = new Set(truth.map((l) => l.split(',')).map(([a, b]) => key(a!, b!)));
      const result = await findDuplicates(db);
      const found = result.pairs.map((p) => key(p.a, p.b));
      const hits = found.filter((k) => planted.has(k)).length;
      const precision = hits / found.length;
      const recall = hits / planted.size;
      assert.ok(precision >= 0.9, `precision ${precision}`);
      assert.ok(recall >= 0.8, `recall ${recall}`);
      assert.deepEqual(Object.keys(result.pairs[0]!), ['a', 'b', 'probability', 'agreements']);
    });
  });

  test('accept joins two people as a manual link shown in profile --explain; undo parts them', async () => {
    await withTestDatabase(async ({ location: db, dir }) => {
      await writeFile(
        join(dir, 'c.csv'),
        [
          'customer_id,email,first_name,last_name,birth_date,postal_code,city,country',
          'A1,jon.smith@gmail.com,Jon,Smith,1980-04-02,10001,New York,US',
          'B2,jonathan.smith77@yahoo.com,Jonathan,Smith,1980-04-02,10001,NYC,US',
          'C3,mary@x.org,Mary,Jones,1990-01-01,94105,San Francisco,US',
        ].join('\n'),
      );
      assert.equal((await runCli(['import', join(dir, 'c.csv'), '--as', 'customers', '--db', db])).code, 0);
      const listed = await runCliJson<{ pairs: { a: string; b: string }[]; warnings: { code: string }[] }>([
        'dedupe',
        '--threshold',
        '0',
        '--db',
        db,
      ]);
      // Three records make too few pairs to learn from: said so.
      assert.ok(listed.warnings.some((w) => w.code === 'CLT_WARN_DEDUPE_THIN'));
      const accepted = await runCliJson<{ profiles: number[] }>(['dedupe', 'accept', 'A1', 'B2', '--db', db]);
      assert.equal(accepted.profiles.length, 1);
      const profile = await runCliJson<{ explain: { links: { a: string; b: string }[] } }>([
        'profile',
        'A1',
        '--explain',
        '--db',
        db,
      ]);
      assert.deepEqual(
        profile.explain.links.map((l) => [l.a, l.b]),
        [['A1', 'B2']],
      );
      // The link lasts over an incremental resolution (a new record arrives).
      await writeFile(join(dir, 'd.csv'), 'customer_id,email,first_name\nD4,d@x.org,Dee\n');
      await runCli(['import', join(dir, 'd.csv'), '--as', 'customers', '--db', db]);
      const still = await runCliJson<{ explain: { links: unknown[] }; customerIds?: string[] }>([
        'profile',
        'B2',
        '--explain',
        '--db',
        db,
      ]);
      assert.equal(still.explain.links.length, 1);
      const undone = await runCliJson<{ profiles: number[] }>(['dedupe', 'undo', 'A1', 'B2', '--db', db]);
      assert.equal(undone.profiles.length, 2);
      const rejected = await runCliJson<{ decision: string }>(['dedupe', 'reject', 'A1', 'C3', '--db', db]);
      assert.equal(rejected.decision, 'rejected');
      const after = await runCliJson<{ pairs: { a: string; b: string }[] }>([
        'dedupe',
        '--threshold',
        '0',
        '--db',
        db,
      ]);
      assert.ok(!after.pairs.some((p) => key(p.a, p.b) === key('A1', 'C3')));
      const unknown = await runCli(['dedupe', 'accept', 'A1', 'ZZ', '--db', db]);
      assert.equal(unknown.code, 1);
      assert.match(unknown.stderr, /CLT_ERR_DEDUPE_UNKNOWN_RECORD/);
      const bad = await runCli(['dedupe', '--threshold', '2', '--db', db]);
      assert.equal(bad.code, 2);
    });
  });

  test('no candidate pairs, and every record identical, are answered', async () => {
    await withTestDb(async (db, dir) => {
      const none = await findDuplicates(db);
      assert.deepEqual(none.pairs, []);
      assert.equal(none.candidates, 0);
      await writeFile(
        join(dir, 'same.csv'),
        `customer_id,first_name,last_name,birth_date\n${[1, 2, 3, 4].map((i) => `S${i},Ann,Lee,1970-01-01`).join('\n')}\n`,
      );
      await importFile(db, join(dir, 'same.csv'), { kind: 'customers' });
      await resolveIdentities(db);
      const same = await findDuplicates(db, { threshold: 0 });
      assert.equal(same.candidates, 6);
      assert.ok(same.pairs.every((p) => Number.isFinite(p.probability)));
      assert.ok(same.warnings.length > 0);
    });
  });
});
