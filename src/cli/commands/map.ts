import type { Command } from 'commander';
import { ClienteleError } from '../../errors/index.js';
import { globals, report, withWarehouse } from '../context.js';
import { table } from '../format.js';

/** `clientele map`: the data map (sources → tables → fields → traits → models → segments → activations). */
export function registerMap(program: Command): void {
  program
    .command('map')
    .description(
      'the data map: every source, table, field, trait, model and segment, what feeds what, freshness and owners',
    )
    .option('--format <format>', 'json, svg or html (svg and html are written to stdout)', 'json')
    .action(async (o: { format: string }, command: Command) => {
      if (!['json', 'svg', 'html'].includes(o.format)) {
        throw new ClienteleError('CLT_ERR_MAP_BAD_FORMAT', `--format ${o.format}: choose json, svg or html`);
      }
      const { buildDataMap, mapHtml, mapSvg } = await import('../../housekeeping/index.js');
      const map = await withWarehouse(command, (db) => buildDataMap(db));
      if (o.format === 'svg' && !globals(command).json) return void process.stdout.write(`${mapSvg(map)}\n`);
      if (o.format === 'html' && !globals(command).json) return void process.stdout.write(mapHtml(map));
      report(command, map, () =>
        [
          table(
            ['type', 'name', 'rows', 'freshness', 'owner', 'feeds'],
            map.nodes.map((n) => [
              n.type,
              n.name,
              n.rows ?? '',
              n.freshness ?? '',
              n.owner ?? '',
              map.edges.filter((e) => e.from === n.id).length,
            ]),
          ),
          `${map.nodes.length} nodes, ${map.edges.length} edges (--json for the graph, --format svg|html to draw it)`,
        ].join('\n'),
      );
    });
}
