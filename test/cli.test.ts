import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { runCli, runCliJson } from './helpers/cli.js';
import { testDatabase } from './helpers/engine.js';
import { testEngine } from './helpers/postgres.js';
import { withTempDir } from './helpers/tmp.js';

// A database of the engine under test (CLIENTELE_TEST_ENGINE): a DuckDB file in `dir`, or a fresh PostgreSQL
// database. The tests about DuckDB's file (its lock, a killed import's file, paths in messages) keep a file.
const databaseIn = async (dir: string) =>
  testEngine() === 'duckdb' ? join(dir, 'c.duckdb') : (await testDatabase()).location;

const KIND_FILES = [
  'products.csv',
  'customers.csv',
  'orders.csv',
  'order_items.csv',
  'events.jsonl',
  'messages.csv',
  'feedback.csv',
  'notes.csv',
  'spend.csv',
];

interface ImportJson {
  read: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  seconds: number;
  rejectReasons: Record<string, number>;
  files: { kind: string; read: number; accepted: number }[];
}

describe('clientele CLI', () => {
  it('prints help for the program and every subcommand, and exits 2 on a usage error', async () => {
    const help = await runCli(['--help']);
    assert.equal(help.code, 0);
    for (const c of ['import', 'rejects', 'generate', 'demo', 'status']) {
      assert.match(help.stdout, new RegExp(`\\b${c}\\b`));
      const sub = await runCli([c, '--help']);
      assert.equal(sub.code, 0, `${c} --help`);
      assert.match(sub.stdout, /Usage: clientele/);
    }
    const unknown = await runCli(['frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command 'frobnicate'/);
    const badKind = await runCli(['import', 'x.csv', '--as', 'widgets']);
    assert.equal(badKind.code, 2);
    assert.match(badKind.stderr, /Allowed choices are customers, orders/);
  });

  it('generates the demo business and imports every kind of file, reporting the counts', async () => {
    await withTempDir(async (dir) => {
      const out = join(dir, 'demo');
      const gen = await runCliJson<{ files: Record<string, { path: string; rows: number }> }>([
        'generate',
        '--customers',
        '500',
        '--seed',
        '7',
        '--out',
        out,
      ]);
      for (const f of KIND_FILES) assert.ok(existsSync(join(out, f)), `${f} written`);
      const db = await databaseIn(dir);
      const result = await runCliJson<ImportJson>([
        '--db',
        db,
        'import',
        ...KIND_FILES.map((f) => join(out, f)),
      ]);
      assert.equal(result.files.length, KIND_FILES.length);
      for (const key of ['read', 'accepted', 'rejected', 'duplicates', 'seconds', 'rejectReasons'])
        assert.ok(key in result, key);
      assert.equal(result.read, result.accepted + result.rejected + result.duplicates);
      for (const f of result.files) {
        const generated = Object.values(gen.files).find((g) =>
          g.path.endsWith(KIND_FILES.find((k) => k.startsWith(`${f.kind}.`))!),
        );
        assert.equal(f.read, generated?.rows, `${f.kind}: every generated row is read`);
        assert.ok(f.accepted > 0, `${f.kind}: rows land`);
      }
      const again = await runCliJson<ImportJson>([
        '--db',
        db,
        'import',
        ...KIND_FILES.map((f) => join(out, f)),
      ]);
      assert.equal(again.accepted, 0, 're-importing changes nothing');
      assert.equal(again.duplicates, result.accepted);
      const status = await runCliJson<{ tables: Record<string, number> }>(['--db', db, 'status']);
      for (const f of result.files) assert.equal(status.tables[f.kind], f.accepted);
    });
  });

  it('lands the good rows of a file with bad rows and lists each bad one with its reason', async () => {
    await withTempDir(async (dir) => {
      const file = join(dir, 'orders.csv');
      await writeFile(
        file,
        'order_id,customer_id,order_date,amount\nA1,c1,2024-01-05,10\nA2,c2,2024-13-45,5\nA3,,2024-01-06,7\nA4,c4,2024-01-07,abc\n',
      );
      const db = await databaseIn(dir);
      const r = await runCliJson<ImportJson>(['--db', db, 'import', file]);
      assert.deepEqual([r.accepted, r.rejected], [2, 2], 'a guest order without a customer id is kept');
      assert.deepEqual(r.rejectReasons, { bad_date: 1, not_a_number: 1 });
      const listed = await runCliJson<{
        total: number;
        rows: { row: number; column: string; reason: string }[];
      }>(['--db', db, 'rejects']);
      assert.equal(listed.total, 2);
      assert.deepEqual(
        listed.rows.map((x) => [x.row, x.column]),
        [
          [2, 'order_date'],
          [4, 'amount'],
        ],
      );
      const text = await runCli(['--db', db, 'rejects']);
      assert.match(text.stdout, /'2024-13-45' is not a date/);
    });
  });

  it('reports errors a person can act on, with no stack trace unless --debug', async () => {
    await withTempDir(async (dir) => {
      const run = await runCli([
        '--db',
        join(dir, 'c.duckdb'),
        'import',
        join(dir, 'missing.csv'),
        '--as',
        'orders',
      ]);
      assert.equal(run.code, 1);
      assert.match(run.stderr, /missing\.csv: no such file/);
      assert.doesNotMatch(run.stderr, /\n\s+at /);
      const debug = await runCli([
        '--db',
        join(dir, 'c.duckdb'),
        '--debug',
        'import',
        join(dir, 'missing.csv'),
        '--as',
        'orders',
      ]);
      assert.match(debug.stderr, /\n\s+at /);
      const json = await runCli([
        '--db',
        join(dir, 'c.duckdb'),
        '--json',
        'import',
        join(dir, 'missing.csv'),
        '--as',
        'orders',
      ]);
      assert.equal(JSON.parse(json.stdout).error.code, 'CLT_ERR_IMPORT_FILE_NOT_FOUND');
    });
  });

  it('says clearly that another process holds the database', async () => {
    await withTempDir(async (dir) => {
      const db = join(dir, 'c.duckdb');
      await runCliJson(['--db', db, 'status']);
      const holder = spawn(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `import { DuckDBInstance } from '@duckdb/node-api'; await DuckDBInstance.create(${JSON.stringify(db)}); console.log('held'); setTimeout(() => {}, 60000);`,
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      try {
        await new Promise((resolve) => holder.stdout.once('data', resolve));
        const run = await runCli(['--db', db, 'status']);
        assert.equal(run.code, 1);
        assert.match(run.stderr, new RegExp(`in use by another process \\(pid ${holder.pid}\\)`));
        assert.match(run.stderr, /CLT_ERR_STORE_LOCKED/);
      } finally {
        holder.kill('SIGKILL');
      }
    });
  });

  it('leaves all or none of a file when the import is killed midway', async () => {
    await withTempDir(async (dir) => {
      const file = join(dir, 'orders.csv');
      const maker = await DuckDBInstance.create(':memory:');
      const c = await maker.connect();
      await c.run(
        `COPY (SELECT 'O' || i AS order_id, 'C' || (i % 5000) AS customer_id, TIMESTAMP '2024-01-01' + INTERVAL (i) SECOND AS order_ts, i % 97 AS amount FROM range(1500000) t(i)) TO '${file}' (HEADER)`,
      );
      c.closeSync();
      maker.closeSync();
      const db = join(dir, 'c.duckdb');
      await runCliJson(['--db', db, 'status']);
      // Kill at several points of the import: each time the table must hold nothing of the file.
      for (const delayMs of [200, 700, 1400]) {
        const child = spawn(
          process.execPath,
          [new URL('../bin/clientele.js', import.meta.url).pathname, '--db', db, 'import', file],
          {
            stdio: 'ignore',
          },
        );
        const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        child.kill('SIGKILL');
        const code = await exited;
        const status = await runCliJson<{ tables: Record<string, number>; imports: number }>([
          '--db',
          db,
          'status',
        ]);
        if (code === 0) {
          // The import beat the kill: then all of it is there.
          assert.equal(status.tables.orders, 1_500_000);
          return;
        }
        assert.equal(status.tables.orders, 0, `killed after ${delayMs} ms: no partial file`);
        assert.equal(status.imports, 0);
      }
      const done = await runCliJson<ImportJson>(['--db', db, 'import', file]);
      assert.equal(done.accepted, 1_500_000, 'after the kills, the file imports whole');
    });
  });
});
