import type { Command } from 'commander';
import { parseCount, report, withWarehouse } from '../context.js';
import { table } from '../format.js';

/** `clientele rejects`: the rows imports kept aside, with file, row, column and reason. */
export function registerRejects(program: Command): void {
  program
    .command('rejects')
    .description('list rejected rows with their file, row, column, reason and raw text')
    .option('--import <id>', 'only this import', parseCount('--import', 1))
    .option('--file <path>', 'only this file (full path or file name)')
    .option('--reason <code>', 'only this reason code, e.g. not_a_number')
    .option('--limit <n>', 'at most this many rows', parseCount('--limit', 1), 100)
    .option('--offset <n>', 'skip this many rows', parseCount('--offset', 0), 0)
    .action(
      async (
        o: { import?: number; file?: string; reason?: string; limit: number; offset: number },
        command: Command,
      ) => {
        const { listRejects } = await import('../../ingest/index.js');
        const result = await withWarehouse(
          command,
          (db) =>
            listRejects(db, {
              importId: o.import,
              file: o.file,
              reasonCode: o.reason,
              limit: o.limit,
              offset: o.offset,
            }),
          { current: false },
        );
        report(command, result, () => {
          if (!result.total) return 'no rejected rows';
          const shown = table(
            ['import', 'file', 'row', 'line', 'reason', 'detail'],
            result.rows.map((r) => [
              r.importId,
              r.file.split('/').pop(),
              r.row,
              r.line,
              r.reasonCode,
              r.reason.slice(0, 120),
            ]),
          );
          const more =
            result.total > result.rows.length
              ? `\n(${result.total - result.rows.length} more; use --limit/--offset or --json)`
              : '';
          return `${shown}${more}`;
        });
      },
    );
}
