import type { Command } from 'commander';
import { listSegments, previewSegment, saveSegment, segmentMembers } from '../../segments/index.js';
import { parseCount, report, withWarehouse } from '../context.js';
import { n, table } from '../format.js';

/** `clientele segment preview|create|list|members`: segments written as rules over profiles. */
export function registerSegment(program: Command): void {
  const segment = program
    .command('segment')
    .description("segments you write, e.g. country = 'DE' and orders >= 2 (see docs/segments.md)");
  segment
    .command('preview')
    .description('how many profiles a rule selects now, without saving it')
    .requiredOption(
      '--where <expr>',
      'the rule, e.g. "revenue > 500 or did \'Order Completed\' at least 2 times in last 90 days"',
    )
    .action(async (o: { where: string }, command: Command) => {
      const result = await withWarehouse(command, (db) => previewSegment(db, o.where));
      report(command, result, () => `${n(result.count)} profiles`);
    });
  segment
    .command('create')
    .description(
      'save a segment (or change its rule) and materialize its members, keeping who entered and left',
    )
    .argument('<name>')
    .requiredOption('--where <expr>', 'the rule')
    .action(async (name: string, o: { where: string }, command: Command) => {
      const result = await withWarehouse(command, (db) => saveSegment(db, name, o.where));
      report(
        command,
        result,
        () => `${name}: ${n(result.count)} members (${n(result.entered)} entered, ${n(result.exited)} left)`,
      );
    });
  segment
    .command('list')
    .description('the saved segments with their sizes')
    .action(async (_o: unknown, command: Command) => {
      const rows = await withWarehouse(command, listSegments);
      report(command, rows, () =>
        rows.length
          ? table(
              ['segment', 'members', 'rule'],
              rows.map((r) => [r.name, n(r.count), r.expression]),
            )
          : 'no segments yet',
      );
    });
  segment
    .command('members')
    .description("a saved segment's members: profile id, customer ids and main traits")
    .argument('<name>')
    .option('--limit <n>', 'at most this many', parseCount('--limit', 1), 10_000)
    .action(async (name: string, o: { limit: number }, command: Command) => {
      const rows = await withWarehouse(command, (db) => segmentMembers(db, name, o.limit));
      report(command, rows, () =>
        table(
          ['profile', 'customer ids', 'email', 'orders', 'revenue'],
          rows.map((r) => [r.id, (r.customerIds as string[]).join(' '), r.email ?? '', r.orders, r.revenue]),
        ),
      );
    });
}
