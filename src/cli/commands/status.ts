import type { Command } from 'commander';
import { speaker } from '../../i18n/speak.js';
import type { ShardRepair } from '../../scale/index.js';
import { type StoreStatus, storeStatus } from '../../semantics/status.js';
import type { Warehouse } from '../../store/warehouse.js';
import { warningLines } from '../../warnings/lines.js';
// Types only: the warning schema's module loads TypeBox, which `status` does not need.
import type { Warning } from '../../warnings/warning.js';
import { report, withWarehouse } from '../context.js';
import { table } from '../format.js';
import { type CliWords, cliSay, cliWords } from '../lang.js';

export { type StoreStatus, storeStatus };

/** Text for people of a status, in the words' language (English by default, as `demo` prints it). */
export function describeStatus(st: StoreStatus, w: CliWords = cliWords(speaker('en'))): string {
  const { s, n } = w;
  return [
    s.t('cli.status.database', {
      database: st.database,
      engine: st.engine === 'postgresql' ? 'PostgreSQL' : 'DuckDB',
    }),
    s.t('cli.status.holds', {
      customers: s.t('cli.customers', { n: st.customers }),
      prospects: st.prospects,
      placed: st.placedOrders,
      revenue: n(st.revenue),
    }) +
      (st.firstOrder
        ? s.t('cli.status.span', { first: w.day(st.firstOrder), last: w.day(st.lastOrder) })
        : '') +
      (st.orders > st.placedOrders ? s.t('cli.status.notPlaced', { n: st.orders - st.placedOrders }) : ''),
    s.t('cli.status.revenue', { gross: n(st.grossRevenue), returns: n(st.returns), net: n(st.netRevenue) }),
    ...(st.unattributedOrders
      ? [
          s.t('cli.status.unattributed', {
            revenue: n(st.customerRevenue),
            n: st.unattributedOrders,
            worth: n(Math.round((st.revenue - st.customerRevenue) * 100) / 100),
          }),
        ]
      : []),
    s.t('cli.status.profiles', { profiles: s.t('cli.profiles', { n: st.profiles }) }),
    '',
    table(
      [s.t('cli.col.kind'), s.t('cli.col.rows')],
      Object.entries(st.tables).map(([k, v]) => [k, n(v)]),
    ),
    '',
    s.t('cli.status.imports', { imports: st.imports, rejects: st.rejects }),
  ].join('\n');
}

/**
 * The warnings of a sharded database's status: half-written rows (docs/scale.md) found before the automatic
 * repair that bringing profiles up to date runs, and whether any are left after it.
 */
async function shardWarnings(db: Warehouse): Promise<Warning[]> {
  const { ensureCurrent } = await import('../../identity/current.js');
  if (db.dialect.name !== 'postgres') {
    await ensureCurrent(db);
    return [];
  }
  const { repairShards } = await import('../../scale/index.js');
  // Counted without waiting: while a writer holds the ledger's lock, nothing is counted (and nothing warned).
  const found = await repairShards(db, { remove: false, wait: false });
  await ensureCurrent(db);
  if (found.rows === 0) return [];
  const left = await repairShards(db, { remove: false, wait: false });
  const where = (r: ShardRepair) =>
    r.workers
      .filter((w) => w.rows > 0)
      .map(
        (w) =>
          `worker ${w.worker} (${w.host}:${w.port}): ${Object.entries(w.tables)
            .map(([t, k]) => `${k} ${t}`)
            .join(', ')}`,
      )
      .join('; ');
  if (left.checked && left.rows === 0) {
    return [
      {
        code: 'CLT_WARN_SCALE_HALF_WRITTEN',
        message: `${found.rows} half-written rows of transactions the coordinator rolled back were on the workers (${where(found)}); the automatic repair removed them before this status (clientele scale repair does the same by hand)`,
      },
    ];
  }
  const rows = left.checked ? left : found;
  return [
    {
      code: 'CLT_WARN_SCALE_HALF_WRITTEN',
      message: `${rows.rows} half-written rows of transactions the coordinator rolled back are on the workers (${where(rows)}) and are counted above: remove them with clientele scale repair`,
    },
  ];
}

/** `clientele status`. */
export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('what the database holds: rows per kind, imports, rejects and headline figures')
    .action(async (_o: unknown, command: Command) => {
      const status = await withWarehouse(
        command,
        async (db, location) => {
          const warnings = await shardWarnings(db);
          return { ...(await storeStatus(db, location)), warnings };
        },
        { current: false },
      );
      const say = cliSay(command);
      report(command, status, () =>
        [describeStatus(status, say), ...warningLines(status.warnings, say.s)].join('\n'),
      );
    });
}
