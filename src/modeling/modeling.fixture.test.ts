// Small warehouses for the modeling tests: CSV text imported through the real importer into a database of
// the engine under test (CLIENTELE_TEST_ENGINE). The name ends in .test.ts so that the build leaves it out.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { withTestDatabase } from '../../test/helpers/engine.js';
import type { KindName } from '../domain/kinds.js';
import { importFile } from '../ingest/index.js';
import { openWarehouse, type Warehouse } from '../store/index.js';

/** Runs `fn` on a fresh warehouse holding `files` (kind → CSV text), closed afterwards. */
export async function withWarehouseOf<T>(
  files: Partial<Record<KindName, string>>,
  fn: (db: Warehouse) => Promise<T>,
): Promise<T> {
  return withTestDatabase(async ({ location, dir }) => {
    const db = await openWarehouse(location);
    try {
      for (const [kind, text] of Object.entries(files)) {
        const path = join(dir, `${kind}.csv`);
        await writeFile(path, text);
        await importFile(db, path, { kind: kind as KindName });
      }
      return await fn(db);
    } finally {
      await db.close();
    }
  });
}

/** Orders CSV from [customer, day, revenue] rows. */
export function ordersCsv(rows: readonly (readonly [string, string, number])[]): string {
  return ['customer_id,order_ts,revenue', ...rows.map(([c, d, v]) => `${c},${d},${v}`)].join('\n');
}

/**
 * Purchases simulated by the BG/NBD process (Fader, Hardie & Lee 2005) over 2024: λ ~ Gamma(0.8, rate 8)
 * per week, p ~ Beta(1, 3) (as p = G1/(G1+G3)), a first purchase in the first half of the year, then
 * Poisson purchases with a dropout chance after each; Mulberry32 seeded, so the same rows every run.
 */
export function repeatBuyers(customers: number, seed = 1): [string, string, number][] {
  let s = seed >>> 0;
  const random = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  // Marsaglia & Tsang (2000), with the U^(1/k) boost for shapes below 1.
  const gamma = (k: number): number => {
    if (k < 1) return gamma(k + 1) * random() ** (1 / k);
    const d = k - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const z = normal();
      const v = (1 + c * z) ** 3;
      if (v > 0 && Math.log(1 - random()) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
    }
  };
  const rows: [string, string, number][] = [];
  const day = (d: number) => new Date(Date.UTC(2024, 0, 1 + Math.floor(d))).toISOString().slice(0, 10);
  for (let c = 0; c < customers; c++) {
    const lambda = gamma(0.8) / 8;
    const g1 = gamma(1);
    const p = g1 / (g1 + gamma(3));
    const spend = 20 + 60 * random();
    let t = random() * 182;
    rows.push([`c${c}`, day(t), Math.round(spend * 100) / 100]);
    for (;;) {
      t += (-Math.log(1 - random()) / lambda) * 7;
      if (t >= 366) break;
      rows.push([`c${c}`, day(t), Math.round(spend * (0.5 + random()) * 100) / 100]);
      if (random() < p) break;
    }
  }
  return rows;
}
