/**
 * Identity resolution against its floor: reading the identifier columns it works on.
 *
 *   node --import tsx bench/identity.ts [--customers 1000000] [--runs 3]
 *
 * The demo business (cached under .tmp/bench/) is imported once; then a full resolve (normalize,
 * union-find with limits, write the graph and the stored profiles) is timed against a bare read of the
 * same identifier columns streamed out of DuckDB into JavaScript. Peak memory is the process's maximum RSS;
 * set CLIENTELE_DB_MEMORY (docs/scale.md) to hold DuckDB's part under a limit.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateDemo } from '../src/demo/index.js';
import type { KindName } from '../src/domain/kinds.js';
import { DEFAULT_RULES, resolveIdentities } from '../src/identity/index.js';
import { recordsRelation } from '../src/identity/sources.js';
import { importFile } from '../src/ingest/index.js';
import { openWarehouse } from '../src/store/index.js';

const { values } = parseArgs({
  options: { customers: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '3' } },
});
const customers = Number(values.customers);
const runs = Number(values.runs);
const dir = join('.tmp', 'bench', `identity-${customers}`);
const dbPath = join(dir, 'identity.duckdb');
const KINDS: [KindName, string][] = [
  ['customers', 'customers.csv'],
  ['orders', 'orders.csv'],
  ['events', 'events.jsonl'],
  ['messages', 'messages.csv'],
  ['feedback', 'feedback.csv'],
  ['notes', 'notes.csv'],
];

if (!existsSync(dbPath)) {
  await mkdir(dir, { recursive: true });
  console.log(`generating and importing the demo business with ${customers.toLocaleString()} customers…`);
  await generateDemo({ customers, seed: 7, outDir: join(dir, 'data') });
  const db = await openWarehouse(dbPath);
  for (const [kind, file] of KINDS) {
    const s = await importFile(db, join(dir, 'data', file), { kind });
    console.log(`  ${file}: ${s.accepted.toLocaleString()} rows in ${s.seconds.toFixed(1)} s`);
  }
  await db.close();
  await rm(join(dir, 'data'), { recursive: true, force: true });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const db = await openWarehouse(dbPath);
try {
  const bare: number[] = [];
  const ours: number[] = [];
  const bareCpu: number[] = [];
  const oursCpu: number[] = [];
  const cpuSince = (c0: NodeJS.CpuUsage) => {
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1e6;
  };
  let summary: Awaited<ReturnType<typeof resolveIdentities>> | undefined;
  for (let r = 0; r < runs; r++) {
    let c0 = process.cpuUsage();
    let t = performance.now();
    // The floor: every record's identifier columns streamed into JavaScript, untouched, in the engine's order
    // (an ordered read would sort 24 text columns of every record, which alone needs more memory than the
    // resolution under CLIENTELE_DB_MEMORY; the resolution itself groups first and sorts only distinct tuples).
    const rows = await db.stream(recordsRelation(DEFAULT_RULES, true), () => undefined);
    bare.push((performance.now() - t) / 1000);
    bareCpu.push(cpuSince(c0));
    c0 = process.cpuUsage();
    t = performance.now();
    summary = await resolveIdentities(db, { full: true });
    ours.push((performance.now() - t) / 1000);
    // This process's CPU only: DuckDB runs in it, so that is the whole of the work.
    oursCpu.push(cpuSince(c0));
    console.log(
      `run ${r + 1}: bare read ${bare.at(-1)!.toFixed(2)} s, cpu ${bareCpu.at(-1)!.toFixed(2)} s (${rows.toLocaleString()} records), resolve ${ours.at(-1)!.toFixed(2)} s, cpu ${oursCpu.at(-1)!.toFixed(2)} s`,
    );
  }
  const peak = process.resourceUsage().maxRSS / 1024;
  console.log(
    `\n${summary!.records.toLocaleString()} records, ${summary!.identifiers.toLocaleString()} identifiers → ${summary!.profiles.toLocaleString()} profiles (${summary!.merges.toLocaleString()} merges, ${summary!.conflicts.toLocaleString()} refused)`,
  );
  console.log(
    `bare read of the identifier columns  ${median(bare).toFixed(2)} s (cpu ${median(bareCpu).toFixed(2)} s)`,
  );
  console.log(
    `full resolve + stored profiles        ${median(ours).toFixed(2)} s (cpu ${median(oursCpu).toFixed(2)} s)`,
  );
  console.log(
    `ratio (resolve / bare read)           ${(median(ours) / median(bare)).toFixed(2)}× wall, ${(median(oursCpu) / median(bareCpu)).toFixed(2)}× cpu`,
  );
  console.log(
    `load average                          ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    `peak memory (max RSS)                 ${peak.toFixed(0)} MB (DuckDB's limit: ${process.env.CLIENTELE_DB_MEMORY || 'its default, 80 % of the machine'}; CLIENTELE_DB_MEMORY)`,
  );
} finally {
  await db.close();
}
