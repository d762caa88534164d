/**
 * Segment portraits, comparisons, personas and the report on DuckDB and, copied by `clientele db copy`, on a
 * throwaway PostgreSQL: the same demo business (400 customers, with CLV and churn scores and three segments)
 * gives the same answers on both engines, numbers to 1e-9 relative (docs/dialect.md, docs/scale.md).
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { compareSegments, generatePersonas, profileSegment } from '../src/portraits/index.js';
import { buildReport } from '../src/reports/index.js';
import { saveSegment } from '../src/segments/index.js';
import { openWarehouse, type Warehouse } from '../src/store/index.js';
import { runCli } from './helpers/cli.js';
import { demoDatabase } from './helpers/demo.js';
import { testDatabaseFrom } from './helpers/engine.js';
import { withTempDir } from './helpers/tmp.js';

/** Asserts `a` and `b` equal, numbers to 1e-9 relative. */
function assertClose(a: unknown, b: unknown, path = '$'): void {
  if (typeof a === 'number' && typeof b === 'number') {
    const scale = Math.max(1, Math.abs(a), Math.abs(b));
    assert.ok(Math.abs(a - b) <= 1e-9 * scale, `${path}: ${a} ≠ ${b}`);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    assert.equal(a.length, b.length, `${path}: lengths ${a.length} ≠ ${b.length}`);
    for (const [i, v] of a.entries()) assertClose(v, b[i], `${path}[${i}]`);
    return;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    assert.deepEqual(Object.keys(a).sort(), Object.keys(b).sort(), `${path}: keys differ`);
    for (const k of Object.keys(a))
      assertClose((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    return;
  }
  assert.deepEqual(a, b, path);
}

const SEGMENTS = { 'e-repeat': 'orders >= 2', 'e-once': 'orders = 1', 'e-never': 'orders = 0' };

async function answers(db: Warehouse): Promise<Record<string, unknown>> {
  const names = Object.keys(SEGMENTS);
  const profiles = [];
  for (const name of names) profiles.push(await profileSegment(db, name));
  return {
    profiles,
    compare: await compareSegments(db, 'e-repeat', 'e-once'),
    personas: await generatePersonas(db, { segments: 'e-' }),
    stages: await generatePersonas(db, { byStage: true }),
    report: await buildReport(db, { segments: 'e-', now: new Date('2025-01-01T00:00:00Z') }),
  };
}

it('portraits, comparisons, personas (their own words too) and the report answer alike on DuckDB and PostgreSQL', async () => {
  await withTempDir(async (dir) => {
    const { db: file } = await demoDatabase(dir, 400);
    for (const model of ['clv', 'churn']) {
      const run = await runCli(['model', model, '--db', file, '--json']);
      assert.equal(run.code, 0, run.stderr);
    }
    const duck = await openWarehouse(file);
    try {
      for (const [name, rule] of Object.entries(SEGMENTS)) await saveSegment(duck, name, rule);
    } finally {
      await duck.close();
    }
    const location = await testDatabaseFrom(file, 'postgres');
    const sides: Record<string, unknown>[] = [];
    for (const where of [file, location]) {
      const db = await openWarehouse(where);
      try {
        sides.push(await answers(db));
      } finally {
        await db.close();
      }
    }
    const [onDuck, onPostgres] = sides;
    // The demo has what every part needs: buyers and prospects, triggers, words.
    const personas = onDuck?.personas as { size: number; voice: { documents: number } }[];
    assert.equal(personas.length, 3);
    assert.ok(personas.every((p) => p.size > 0));
    assert.ok(personas.some((p) => p.voice.documents > 0));
    assertClose(onPostgres, onDuck);
  });
});
