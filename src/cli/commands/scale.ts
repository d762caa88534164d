import type { Command } from 'commander';
import type { Speaker } from '../../i18n/speak.js';
import type { ScaleInitSummary, ShardRepair } from '../../scale/index.js';
import { report, withWarehouse } from '../context.js';
import { table } from '../format.js';
import { cliSay } from '../lang.js';

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
  scale
    .command('repair')
    .description(
      'remove the half-written rows of transactions the coordinator rolled back while a worker was lost (docs/scale.md); --dry-run only counts them',
    )
    .option('--dry-run', 'count the half-written rows, remove nothing')
    .action(async (o: { dryRun?: boolean }, command: Command) => {
      const { hasLedger, repairShards } = await import('../../scale/index.js');
      const { ClienteleError } = await import('../../errors/index.js');
      const result = await withWarehouse(
        command,
        async (db) => {
          if (!(await hasLedger(db))) {
            throw new ClienteleError(
              'CLT_ERR_SCALE_NOT_SHARDED',
              `${db.location} is not a database sharded by clientele scale init (or was sharded before the commit ledger existed: run clientele scale init again with the same workers)`,
            );
          }
          return repairShards(db, { remove: !o.dryRun });
        },
        { current: false },
      );
      report(command, result, () => describeRepair(result, cliSay(command).s));
    });
}

/** Text for people of a `scale repair`. */
function describeRepair(r: ShardRepair, s: Speaker): string {
  if (!r.checked) return s.t('cli.scale.repair.busy');
  if (r.rows === 0) return s.t('cli.scale.repair.none');
  return [
    ...r.workers
      .filter((w) => w.rows > 0)
      .map((w) =>
        s.t('cli.scale.repair.found', {
          rows: w.rows,
          transactions: w.transactions,
          worker: w.worker,
          host: w.host,
          port: w.port,
          tables: Object.entries(w.tables)
            .map(([t, k]) => `${t} ${k}`)
            .join(', '),
        }),
      ),
    s.t(r.removed ? 'cli.scale.repair.removed' : 'cli.scale.repair.dry'),
  ].join('\n');
}
