import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { ClienteleError } from '../../errors/index.js';
import { report, withWarehouse } from '../context.js';
import { table } from '../format.js';

/** `clientele placements create|list`: rules that pick what a page shows a visitor (`GET /v1/decide`). */
export function registerPlacements(program: Command): void {
  const placements = program
    .command('placements')
    .description('personalization: ordered rules over profile and request context, served by GET /v1/decide');
  placements
    .command('create')
    .description(
      'save (or replace) a placement from a JSON file of [{"if", "variant"|"experiment", "payload"}]',
    )
    .argument('<name>')
    .requiredOption('--rules <file>', 'the rules, a JSON array; the first whose `if` holds wins')
    .action(async (name: string, o: { rules: string }, command: Command) => {
      let rules: unknown;
      try {
        rules = JSON.parse(await readFile(o.rules, 'utf8'));
      } catch (e) {
        throw new ClienteleError('CLT_ERR_ACTIVATION_INVALID', `--rules ${o.rules}: ${(e as Error).message}`);
      }
      const { savePlacement } = await import('../../placements/index.js');
      const p = await withWarehouse(command, (db) => savePlacement(db, name, rules));
      report(command, p, () => `placement ${p.name}: ${p.rules.length} rules`);
    });
  placements
    .command('list')
    .description('list placements')
    .action(async (_o: unknown, command: Command) => {
      const { listPlacements } = await import('../../placements/index.js');
      const rows = await withWarehouse(command, (db) => listPlacements(db), { current: false });
      report(command, rows, () =>
        rows.length
          ? table(
              ['name', 'rules', 'created'],
              rows.map((r) => [r.name, r.rules.length, r.createdAt]),
            )
          : 'no placements',
      );
    });
}
