import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWarehouse, type Warehouse } from '../../src/store/index.js';

/** Runs `fn` with a fresh temporary folder that is removed afterwards, whatever happens. */
export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'clientele-test-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs `fn` with a fresh database file in a temporary folder; closes it and removes the folder afterwards. */
export async function withTempDb(fn: (db: Warehouse, dir: string) => Promise<void>): Promise<void> {
  await withTempDir(async (dir) => {
    const db = await openWarehouse(join(dir, 'c.duckdb'));
    try {
      await fn(db, dir);
    } finally {
      await db.close();
    }
  });
}
