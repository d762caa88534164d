import type { Command } from 'commander';
import { ClienteleError } from '../../../errors/index.js';
import type { ValueBasis, ValueResult } from '../../../modeling/index.js';
import { warningLines } from '../../../warnings/lines.js';
import { parseCount, report, withWarehouse } from '../../context.js';
import { n, table } from '../../format.js';
import { parseNumber } from './options.js';

function parseBasis(value: string): ValueBasis {
  if (value === 'net' || value === 'revenue' || value === 'clv') return value;
  throw new ClienteleError('CLT_ERR_MODEL_BAD_OPTION', `--by ${value}: expected net, revenue or clv`);
}

/** `clientele model value`: historic value, acquisition cost, and what the most valuable customers share. */
export function registerModelValue(model: Command): void {
  model
    .command('value')
    .description(
      'historic value per customer (revenue, margin, acquisition and retention cost, net) and what the most valuable share',
    )
    .option(
      '--by <basis>',
      'rank customers by net (historic), revenue, or clv (the latest `model clv` run)',
      parseBasis,
      'net',
    )
    .option(
      '--top <share>',
      'share of customers counted as the most valuable',
      parseNumber('--top', 0.001, 0.999),
      0.1,
    )
    .option('--limit <n>', 'trait contrasts to print', parseCount('--limit', 1), 25)
    .action(async (flags: { by: ValueBasis; top: number; limit: number }, command: Command) => {
      const { runValue } = await import('../../../modeling/index.js');
      const result = await withWarehouse(command, (db) =>
        runValue(db, { by: flags.by, topShare: flags.top, limit: flags.limit }),
      );
      report(command, result, () => describeValue(result));
    });
}

function describeValue(r: ValueResult): string {
  const t = r.totals;
  return [
    `run ${r.runId}: ${n(r.customers)} customers, ${n(r.buyers)} buyers; revenue ${t.revenue}, acquisition cost ${t.acquisitionCost}, net ${t.netValue}`,
    table(
      ['channel', 'customers', 'cost/customer', 'revenue', 'net value'],
      r.byChannel.map((c) => [c.channel, c.customers, c.costPerCustomer, c.revenue, c.netValue]),
    ),
    `top ${r.topGroup.customers} by ${r.by} (from ${r.topGroup.threshold}) hold ${r.topGroup.valueShare} of the value; what they share:`,
    table(
      ['trait', 'top', 'rest', 'lift', 'p', 'p adjusted'],
      r.topGroup.traits.map((c) => [
        c.level === null ? `${c.feature} (mean)` : `${c.feature} = ${c.level}`,
        c.group,
        c.rest,
        c.lift,
        c.pValue,
        c.pAdjusted,
      ]),
    ),
    ...warningLines(r.warnings),
  ].join('\n');
}
