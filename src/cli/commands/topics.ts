import type { Command } from 'commander';
import { ClienteleError } from '../../errors/index.js';
import { warningLines } from '../../warnings/index.js';
import { report, withWarehouse } from '../context.js';
import { table } from '../format.js';

/** `clientele topics`: the themes of what customers wrote. */
export function registerTopics(program: Command): void {
  program
    .command('topics')
    .description('themes of what customers wrote (NMF over TF-IDF), with share, sentiment and trend')
    .option('--source <s>', 'feedback|notes|social|messages|all', 'all')
    .option('--where <expr>', "documents' own fields, e.g. \"product_id = 'P1001'\"")
    .option('--segment <name>', "only documents of a saved segment's members")
    .option('--k <n>', 'number of topics, or auto (the most coherent k from 2 to 10)', 'auto')
    .option('--language <l>', 'auto|en|pl|…: analyse every document as this language', 'auto')
    .action(async (o: Record<string, string | undefined>, command: Command) => {
      const { topics, parseSource, parseLanguage } = await import('../../voice/index.js');
      const kText = o.k ?? 'auto';
      const k = kText === 'auto' ? 'auto' : Number(kText);
      if (k !== 'auto' && !Number.isInteger(k)) {
        throw new ClienteleError('CLT_ERR_USAGE', `--k ${kText}: expected auto or a whole number`);
      }
      const language = parseLanguage(o.language);
      const result = await withWarehouse(command, (db) =>
        topics(db, {
          source: parseSource(o.source),
          ...(o.where === undefined ? {} : { where: o.where }),
          ...(o.segment === undefined ? {} : { segment: o.segment }),
          k,
          ...(language === undefined ? {} : { language }),
        }),
      );
      report(command, result, () =>
        [
          `${result.documents} documents, ${result.k} topics (k by coherence: ${result.tried.map((t) => `${t.k}:${t.coherence}`).join(' ')})`,
          table(
            ['id', 'topic', 'documents', 'share', 'sentiment', 'trend'],
            result.topics.map((t) => [
              t.id,
              t.label,
              t.documents,
              t.share,
              t.sentiment ?? '',
              t.trend ? `${t.trend.direction} (z ${t.trend.z})` : '',
            ]),
          ),
          ...warningLines(result.warnings),
        ].join('\n'),
      );
    });
}
