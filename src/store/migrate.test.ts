import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { withTestDatabase } from '../../test/helpers/engine.js';
import { testEngine } from '../../test/helpers/postgres.js';
import { withTempDir } from '../../test/helpers/tmp.js';
import { KIND_NAMES, KINDS } from '../domain/kinds.js';
import { ClienteleError } from '../errors/index.js';
import { migrate, openDuckDB, openWarehouse } from './index.js';
import { MIGRATIONS } from './migrations/index.js';
import { MIGRATION_VERSIONS } from './migrations/versions.js';

describe('migrations', () => {
  it('list their versions apart, as index.ts has them', () => {
    assert.deepEqual(
      MIGRATION_VERSIONS,
      MIGRATIONS.map((m) => m.version).sort((a, b) => a - b),
    );
  });

  it('create a table per kind carrying every field of the domain spec', async () => {
    await withTestDatabase(async ({ location }) => {
      const db = await openWarehouse(location);
      try {
        for (const kind of KIND_NAMES) {
          const spec = KINDS[kind];
          const cols = await db.all<{ column_name: string }>(
            'SELECT column_name FROM information_schema.columns WHERE table_name = ?',
            [spec.table],
          );
          const names = new Set(cols.map((c) => c.column_name));
          for (const field of spec.fields)
            assert.ok(names.has(field.name), `${spec.table}.${field.name} missing`);
          for (const c of ['row_key', 'row_hash', 'import_id', 'source_row', 'extra'])
            assert.ok(names.has(c));
        }
        assert.deepEqual(await migrate(db), [], 'a second run applies nothing');
      } finally {
        await db.close();
      }
    });
  });

  it('refuse a database whose schema is newer than this version', async () => {
    await withTestDatabase(async ({ location: path }) => {
      const db = await openWarehouse(path);
      await db.run("INSERT INTO schema_migrations (version, name) VALUES (999, 'future')");
      await db.close();
      await assert.rejects(
        openWarehouse(path),
        (e: unknown) => e instanceof ClienteleError && e.code === 'CLT_ERR_STORE_MIGRATION',
      );
    });
  });

  // DuckDB's one-process file lock; a PostgreSQL database has none (several servers share one: serve-postgres).
  const lockless = testEngine() === 'postgres' && 'PostgreSQL has no file lock to hold';
  it('say clearly when another process holds the file', { skip: lockless }, async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'c.duckdb');
      (await openDuckDB(path)).close();
      const holder = spawn(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `import { DuckDBInstance } from '@duckdb/node-api'; const i = await DuckDBInstance.create(${JSON.stringify(path)}); console.log('held'); setTimeout(() => {}, 60000);`,
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      try {
        await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
        await assert.rejects(openDuckDB(path), (e: unknown) => {
          assert.ok(e instanceof ClienteleError);
          assert.equal(e.code, 'CLT_ERR_STORE_LOCKED');
          assert.match(e.message, new RegExp(`pid ${holder.pid}`));
          return true;
        });
      } finally {
        holder.kill('SIGKILL');
      }
    });
  });
});
