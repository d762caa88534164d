import type { Command } from 'commander';
import type { ScaleInitSummary } from '../../scale/index.js';
import { report, withWarehouse } from '../context.js';
import { table } from '../format.js';

/** Text for people of a `scale init`. */
function describeScale(s: ScaleInitSummary): string {
  return [
    s.already
      ? `${s.coordinator} is already sharded over these ${s.workers.length} workers: nothing changed`
      : `sharded ${s.coordinator} over ${s.workers.length} workers with postgres_fdw (one hash partition per worker)`,
    '',
    table(
      ['worker', 'host', 'port', 'database'],
      s.workers.map((w) => [String(w.worker), w.host, String(w.port), w.database]),
    ),
    '',
    table(
      ['table', 'partitioned on'],
      s.tables.map((t) => [t.name, t.partitionKey]),
    ),
    '',
    `coordinator settings: ${s.settings.join(', ')}; the other tables stay on the coordinator (docs/scale.md)`,
    ...s.warnings.map((w) => `warning ${w.code}: ${w.message}`),
  ].join('\n');
}

/** `clientele scale init`: a sharded PostgreSQL deployment (docs/scale.md). */
export function registerScale(program: Command): void {
  const scale = program
    .command('scale')
    .description('past one machine: shard a PostgreSQL database across worker instances');
  scale
    .command('init')
    .description(
      'shard the (empty) PostgreSQL database named by --db over worker databases: per-person record tables hash-partitioned on the person key, one postgres_fdw foreign partition per worker',
    )
    .requiredOption(
      '--workers <urls>',
      'the worker databases, comma-separated: postgres://user:password@host:port/database,…',
    )
    .action(async (o: { workers: string }, command: Command) => {
      const { parseWorkers, scaleInit } = await import('../../scale/index.js');
      const workers = parseWorkers(o.workers);
      const summary = await withWarehouse(command, (db) => scaleInit(db, workers), { current: false });
      report(command, summary, () => describeScale(summary));
    });
}
