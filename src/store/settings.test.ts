import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { memoryLimitSetting, openWarehouse, poolSizeSetting } from './index.js';

it('CLIENTELE_DB_MEMORY takes an amount or a share of the machine, and refuses anything else by name', () => {
  assert.equal(memoryLimitSetting(undefined), undefined);
  assert.equal(memoryLimitSetting(' '), undefined);
  assert.equal(memoryLimitSetting('4GB'), '4GB');
  assert.equal(memoryLimitSetting('512 MiB'), '512MiB');
  assert.equal(memoryLimitSetting('1.5GB'), '1.5GB');
  assert.match(memoryLimitSetting('25%')!, /^\d+MiB$/);
  for (const bad of [
    'lots',
    '4',
    '0GB',
    '-1GB',
    '150%',
    '4 GBs',
    '1KB',
    '0.0000001GB',
    '1e30GB',
    '99999999999GB',
    '0.001%',
  ]) {
    assert.throws(
      () => memoryLimitSetting(bad),
      (e: Error & { code?: string }) =>
        e.code === 'CLT_ERR_CONFIG_INVALID' && e.message.includes('CLIENTELE_DB_MEMORY'),
      bad,
    );
  }
  assert.throws(() => poolSizeSetting('1'), /CLIENTELE_DB_POOL/);
});

it('a DuckDB file opened with CLIENTELE_DB_MEMORY runs under that limit', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'clientele-memory-'));
  const before = process.env.CLIENTELE_DB_MEMORY;
  process.env.CLIENTELE_DB_MEMORY = '300MiB';
  try {
    const db = await openWarehouse(join(dir, 'm.duckdb'));
    try {
      const [row] = await db.all<{ limit: string }>('SELECT current_setting(\'memory_limit\') AS "limit"');
      assert.equal(row?.limit, '300.0 MiB');
    } finally {
      await db.close();
    }
  } finally {
    if (before === undefined) delete process.env.CLIENTELE_DB_MEMORY;
    else process.env.CLIENTELE_DB_MEMORY = before;
    await rm(dir, { recursive: true, force: true });
  }
});
