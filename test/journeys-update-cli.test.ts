import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { it } from 'node:test';
import { openWarehouse } from '../src/store/index.js';
import { runCli, runCliJson } from './helpers/cli.js';
import { withTestDatabase } from './helpers/engine.js';
import { tinyShop } from './helpers/shop.js';

it('clientele journeys update NAME --file moves the people of a removed step, and refuses with the path', async () => {
  await withTestDatabase(async ({ dir, location }) => {
    await (await tinyShop(dir, await openWarehouse(location))).close();
    const db = ['--db', location];
    await runCliJson(['segment', 'create', 'everyone', '--where', 'orders >= 0', ...db]);
    const file = join(dir, 'flow.json');
    const write = (steps: unknown[]) =>
      writeFile(
        file,
        JSON.stringify({
          name: 'flow',
          trigger: { kind: 'segment', segment: 'everyone', existing: true },
          steps,
        }),
      );
    await write([
      { id: 'w1', kind: 'wait', duration: '1d' },
      { id: 't1', kind: 'tag', add: 'a' },
      { id: 'x', kind: 'exit' },
    ]);
    await runCliJson(['journeys', 'create', '--file', file, ...db]);
    const run = await runCliJson<{ entered: number }>(['journeys', 'run', ...db]);
    assert.ok(run.entered > 0);
    await write([
      { id: 'w1', kind: 'wait', duration: '1d' },
      { id: 'x', kind: 'exit' },
    ]);
    const updated = await runCliJson<{ journey: { version: number }; moved: number; stayed: number }>([
      'journeys',
      'update',
      'flow',
      '--file',
      file,
      ...db,
    ]);
    assert.deepEqual([updated.journey.version, updated.moved, updated.stayed], [2, run.entered, 0]);
    const text = await runCli(['journeys', 'update', 'flow', '--file', file, ...db]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /version 3: \d+ stayed, 0 moved/);
    await write([
      { id: 'w1', kind: 'wait', duration: '1d', next: 'w1' },
      { id: 'x', kind: 'exit' },
    ]);
    const refused = await runCli(['journeys', 'update', 'flow', '--file', file, ...db]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /CLT_ERR_JOURNEY_CYCLE/);
    assert.match(refused.stderr, /flow\.json: \/steps\/0\/next/);
  });
});
