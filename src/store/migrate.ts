import { ClienteleError } from '../errors/index.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';
import type { Warehouse } from './warehouse.js';

/** Applies the migrations the database has not seen yet, each in its own transaction; returns their versions. */
export async function migrate(
  db: Warehouse,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  await db.run(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp)',
  );
  const rows = await db.all<{ version: number }>('SELECT version FROM schema_migrations');
  const applied = new Set(rows.map((r) => r.version));
  const newest = Math.max(0, ...migrations.map((m) => m.version));
  const ahead = [...applied].filter((v) => v > newest);
  if (ahead.length) {
    throw new ClienteleError(
      'CLT_ERR_STORE_MIGRATION',
      `the database ${db.location} has schema version ${Math.max(...ahead)}, newer than this Clientele knows (${newest}); upgrade Clientele`,
    );
  }
  const done: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(m.version)) continue;
    try {
      await db.transaction(async (tx) => {
        await tx.run(m.sql);
        await tx.run('INSERT INTO schema_migrations (version, name) VALUES (?, ?)', [m.version, m.name]);
      });
    } catch (error) {
      if (error instanceof ClienteleError) throw error;
      throw new ClienteleError(
        'CLT_ERR_STORE_MIGRATION',
        `migration ${m.version} (${m.name}) failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    done.push(m.version);
  }
  return done;
}
