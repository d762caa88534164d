import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { withTempDir } from '../../../test/helpers/tmp.js';
import { openWarehouse } from '../index.js';

const STORE = fileURLToPath(new URL('../index.ts', import.meta.url));

// A process that dies without closing (kill -9, the OOM killer) must leave a database the next one opens.
test('a new database whose creator was killed at once opens again, its schema whole', async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'crashed.duckdb');
    const script = join(dir, 'die.mts');
    await writeFile(
      script,
      `import { openWarehouse } from ${JSON.stringify(STORE)};
       const db = await openWarehouse(${JSON.stringify(path)});
       await db.run("CREATE TABLE crash_probe AS SELECT 'before the crash' AS said");
       process.kill(process.pid, 'SIGKILL');`,
    );
    const child = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8' });
    assert.equal(child.signal, 'SIGKILL', child.stderr);
    const db = await openWarehouse(path);
    try {
      const [row] = await db.all<{ said: string }>('SELECT said FROM crash_probe');
      assert.equal(row?.said, 'before the crash', 'what was committed is there');
      await db.all('SELECT kind, description, definition FROM segments');
    } finally {
      await db.close();
    }
  });
});
