import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCli } from '../helpers/cli.js';
import { testLocation } from '../helpers/engine.js';
import { testEngine } from '../helpers/postgres.js';
import { withTempDir } from '../helpers/tmp.js';

const BIN = fileURLToPath(new URL('../../bin/clientele.js', import.meta.url));

it('clientele demo --serve ends by serving the web app at the address it prints, with the token in the fragment', async () => {
  await withTempDir(async (dir) => {
    const db = await testLocation(dir, 'demo.duckdb');
    // A database server gets no server file beside it (docs/scale.md); a DuckDB file does.
    const file = testEngine() === 'duckdb';
    const child = spawn(
      process.execPath,
      [BIN, 'demo', '--db', db, '--customers', '200', '--data', join(dir, 'data'), '--serve', '--port', '0'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      const link = await new Promise<string>((resolve, reject) => {
        child.stderr.on('data', (d) => {
          stderr += d;
          const m = /the web app: (http:\/\/\S+)/.exec(stderr);
          if (m?.[1]) resolve(m[1]);
        });
        child.on('close', (code) => reject(new Error(`demo exited ${code} before serving: ${stderr}`)));
      });
      const url = new URL(link);
      const token = decodeURIComponent(/token=([^&]+)/.exec(url.hash)?.[1] ?? '');
      assert.ok(token.length >= 16, 'the admin token is in the fragment');
      const page = await fetch(`${url.origin}/`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<div id="root">/);
      const overview = await fetch(`${url.origin}/v1/overview`, {
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(overview.status, 200);
      assert.ok(((await overview.json()) as { totals: { customers: number } }).totals.customers > 0);
      if (file) assert.ok(existsSync(`${db}.server.json`), 'it writes the server file as serve does');
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0, stderr);
    if (file) assert.equal(existsSync(`${db}.server.json`), false, 'and removes it on the way out');
  });
});

it('clientele demo without a terminal or --serve ends after the import (scripts and tests rely on it)', async () => {
  await withTempDir(async (dir) => {
    const run = await runCli([
      'demo',
      '--db',
      await testLocation(dir, 'd.duckdb'),
      '--customers',
      '100',
      '--data',
      join(dir, 'data'),
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.doesNotMatch(run.stderr, /the web app/);
  });
});
