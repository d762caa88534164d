import type { Command } from 'commander';
import { report, withWarehouse } from '../context.js';
import { n, table } from '../format.js';

const num = (v: string) => Number(v);

/** `clientele basket` and `clientele basket recommend`: association rules, and cross-sell for one customer. */
export function registerBasket(program: Command): void {
  const basket = program
    .command('basket')
    .description('market baskets: frequent itemsets (FP-Growth) and association rules over placed orders')
    .option('--min-support <s>', 'least share of baskets holding an itemset, in (0, 1]', num, 0.001)
    .option('--min-confidence <c>', 'least confidence of a rule, in [0, 1]', num, 0.1)
    .option('--level <level>', 'items are products or categories: product|category', 'product')
    .option('--max-length <n>', 'most items in an itemset', num, 4)
    .option('--limit <n>', 'print at most this many rules (all are counted)', num)
    .option('--segment <name>', "only the orders of a saved segment's current members")
    .action(
      async (
        o: {
          minSupport: number;
          minConfidence: number;
          level: string;
          maxLength: number;
          limit?: number;
          segment?: string;
        },
        command: Command,
      ) => {
        const { basketRules } = await import('../../mining/index.js');
        const result = await withWarehouse(command, (db) => basketRules(db, o));
        report(command, result, () =>
          [
            `${n(result.baskets)} baskets, ${n(result.itemsetCount)} frequent itemsets, ${n(result.ruleCount)} rules`,
            '',
            table(
              ['if bought', 'then', 'support', 'confidence', 'lift', 'count'],
              result.rules.map((r) => [
                r.antecedent.join(' + ') || '(anything)',
                r.consequent.join(' + '),
                r.support,
                r.confidence,
                r.lift,
                r.count,
              ]),
            ),
          ].join('\n'),
        );
      },
    );
  basket
    .command('recommend')
    .description("cross-sell: what a customer is likely to want, from the rules and the customer's purchases")
    .exitOverride()
    .requiredOption('--customer <id>', 'customer id')
    .option('--min-support <s>', 'least share of baskets holding an itemset, in (0, 1]', num, 0.001)
    .option('--min-confidence <c>', 'least confidence of a rule, in [0, 1]', num, 0.05)
    .option('--level <level>', 'product|category', 'product')
    .option('--limit <n>', 'most suggestions', num, 10)
    .action(
      async (
        o: { customer: string; minSupport: number; minConfidence: number; level: string; limit: number },
        command: Command,
      ) => {
        const { crossSell } = await import('../../mining/index.js');
        const result = await withWarehouse(command, (db) => crossSell(db, o.customer, o));
        report(command, result, () =>
          result.recommendations.length === 0
            ? `no rule points from what ${result.customer} bought to anything they lack`
            : table(
                ['suggest', 'because they bought', 'confidence', 'lift'],
                result.recommendations.map((r) => [
                  r.item,
                  r.because.antecedent.join(' + '),
                  r.because.confidence,
                  r.because.lift,
                ]),
              ),
        );
      },
    );
}
