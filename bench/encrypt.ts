/**
 * What field encryption costs an import: the same 100,000-customer CSV (e-mail, phone, two names) imported
 * into a database in clear and into one made with `clientele init --encrypt`; prints rows per second of each.
 * Run: node --import tsx bench/encrypt.ts [rows]
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFile } from '../src/ingest/index.js';
import { enableEncryption } from '../src/privacy/index.js';
import { openWarehouse } from '../src/store/index.js';

const rows = Number(process.argv[2] ?? 100_000);
const dir = await mkdtemp(join(tmpdir(), 'clientele-bench-'));
try {
  const lines = ['customer_id,email,phone,first_name,last_name,city,signup_at'];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `c${i},person.${i}@example.org,+1 415 555 ${String(i % 10000).padStart(4, '0')},First${i},Last${i},City${i % 50},2024-01-${String((i % 28) + 1).padStart(2, '0')}`,
    );
  }
  const file = join(dir, 'customers.csv');
  await writeFile(file, `${lines.join('\n')}\n`);
  const rates: Record<string, number> = {};
  for (const mode of ['clear', 'encrypted', 'clear', 'encrypted'] as const) {
    const db = await openWarehouse(join(dir, `${mode}-${Math.random().toString(36).slice(2)}.duckdb`));
    if (mode === 'encrypted') await enableEncryption(db);
    const t0 = performance.now();
    const summary = await importFile(db, file, { kind: 'customers' });
    const seconds = (performance.now() - t0) / 1000;
    await db.close();
    if (summary.accepted !== rows) throw new Error(`${mode}: ${summary.accepted} of ${rows} accepted`);
    rates[mode] = Math.max(rates[mode] ?? 0, rows / seconds);
    console.log(`${mode}: ${rows} rows in ${seconds.toFixed(2)} s (${Math.round(rows / seconds)} rows/s)`);
  }
  console.log(
    `best of two: clear ${Math.round(rates.clear!)} rows/s, encrypted ${Math.round(rates.encrypted!)} rows/s, ratio ${(rates.clear! / rates.encrypted!).toFixed(2)}×`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
