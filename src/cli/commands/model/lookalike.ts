import type { Command } from 'commander';
import type { LookalikeResult } from '../../../modeling/index.js';
import { warningLines } from '../../../warnings/lines.js';
import { parseCount, report, withWarehouse } from '../../context.js';
import { table } from '../../format.js';
import { type CliWords, cliSay, heads } from '../../lang.js';
import { parseList, parseNumber } from './options.js';

interface LookalikeFlags {
  top: number;
  features?: string[];
  limit: number;
}

/** `clientele model lookalike`: prospects ranked by resemblance to the best customers. */
export function registerModelLookalike(model: Command): void {
  model
    .command('lookalike')
    .description(
      'score prospects by how much their traits resemble the best customers (top decile by revenue)',
    )
    .option(
      '--top <share>',
      'share of buyers by revenue counted as the best',
      parseNumber('--top', 0.001, 0.999),
      0.1,
    )
    .option('--features <a,b,…>', 'traits to compare on (default: every non-identifying trait)', parseList)
    .option('--limit <n>', 'prospects to print', parseCount('--limit', 1), 20)
    .action(async (flags: LookalikeFlags, command: Command) => {
      const { runLookalike } = await import('../../../modeling/index.js');
      const result = await withWarehouse(command, (db) =>
        runLookalike(db, {
          topShare: flags.top,
          limit: flags.limit,
          ...(flags.features !== undefined && { features: flags.features }),
        }),
      );
      report(command, result, () => describeLookalike(result, cliSay(command)));
    });
}

function describeLookalike(r: LookalikeResult, w: CliWords): string {
  const { s, n, v } = w;
  return [
    s.t('cli.model.run', { run: r.runId }) +
      s.t('cli.model.lookalike.head', {
        seeds: n(r.seeds),
        buyers: n(r.buyers),
        threshold: v(r.valueThreshold),
        prospects: r.prospects,
      }),
    s.t('cli.model.lookalike.auc', { auc: v(r.auc) }),
    table(
      heads(w, 'prospect', 'score', 'reasons'),
      r.top.map((p) => [p.customer, v(p.score), p.reasons.join(', ')]),
    ),
    ...warningLines(r.warnings, s),
  ].join('\n');
}
