import type { Command } from 'commander';
import { ClienteleError } from '../../../errors/index.js';
import type { ValueBasis, ValueResult } from '../../../modeling/index.js';
import { warningLines } from '../../../warnings/lines.js';
import { parseCount, report, withWarehouse } from '../../context.js';
import { table } from '../../format.js';
import { type CliWords, cliSay, heads } from '../../lang.js';
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
      report(command, result, () => describeValue(result, cliSay(command)));
    });
}

function describeValue(r: ValueResult, w: CliWords): string {
  const { s, n, v } = w;
  const t = r.totals;
  return [
    s.t('cli.model.run', { run: r.runId }) +
      s.t('cli.model.value.head', {
        customers: s.t('cli.customers', { n: r.customers }),
        buyers: r.buyers,
        revenue: v(t.revenue),
        cost: v(t.acquisitionCost),
        net: v(t.netValue),
      }),
    table(
      heads(w, 'channel', 'customers', 'costPerCustomer', 'revenue', 'netValue'),
      r.byChannel.map((c) => [c.channel, v(c.customers), v(c.costPerCustomer), v(c.revenue), v(c.netValue)]),
    ),
    s.t('cli.model.value.top', {
      n: n(r.topGroup.customers),
      by: s.t(`cli.model.value.by.${r.by}`),
      threshold: v(r.topGroup.threshold),
      share: v(r.topGroup.valueShare),
    }),
    table(
      heads(w, 'trait', 'top', 'rest', 'lift', 'pValue', 'pAdjusted'),
      r.topGroup.traits.map((c) => [
        c.level === null ? s.t('cli.model.value.mean', { feature: c.feature }) : `${c.feature} = ${c.level}`,
        v(c.group),
        v(c.rest),
        v(c.lift),
        v(c.pValue),
        v(c.pAdjusted),
      ]),
    ),
    ...warningLines(r.warnings, s),
  ].join('\n');
}
