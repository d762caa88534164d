import type { Command } from 'commander';
import { warningLines } from '../../warnings/index.js';
import { report, withWarehouse } from '../context.js';
import { table } from '../format.js';

/** `clientele sentiment`: how customers feel in what they wrote, overall and by group. */
export function registerSentiment(program: Command): void {
  program
    .command('sentiment')
    .description(
      'sentiment of what customers wrote in [-1, 1], overall and by group; stores avg_sentiment per person',
    )
    .option('--source <s>', 'feedback|notes|social|messages|all', 'all')
    .option('--where <expr>', "documents' own fields, e.g. \"kind = 'review'\"")
    .option('--segment <name>', "only documents of a saved segment's members")
    .option('--by <g>', 'rating|segment|product|channel|month|source|language')
    .option('--documents', "list every document's score")
    .action(async (o: Record<string, string | boolean | undefined>, command: Command) => {
      const { sentiment, parseSource, parseSentimentGroup } = await import('../../voice/index.js');
      const by = parseSentimentGroup(o.by as string | undefined);
      const result = await withWarehouse(command, (db) =>
        sentiment(db, {
          source: parseSource(o.source as string | undefined),
          ...(o.where === undefined ? {} : { where: String(o.where) }),
          ...(o.segment === undefined ? {} : { segment: String(o.segment) }),
          ...(by === undefined ? {} : { by }),
          documents: o.documents === true,
        }),
      );
      report(command, result, () =>
        [
          `${result.count} documents, mean ${result.mean ?? '–'} (negative ${result.negativeShare ?? '–'}, positive ${result.positiveShare ?? '–'})`,
          ...(result.groups.length
            ? [
                table(
                  [by ?? 'group', 'n', 'mean', 'negative', 'positive'],
                  result.groups.map((g) => [
                    g.key ?? '(none)',
                    g.n,
                    g.mean,
                    g.negativeShare,
                    g.positiveShare,
                  ]),
                ),
              ]
            : []),
          ...(Array.isArray(result.documents)
            ? [
                table(
                  ['id', 'score', 'rating'],
                  result.documents.map((d) => [d.id, d.score, d.rating ?? '']),
                ),
              ]
            : []),
          ...warningLines(result.warnings),
        ].join('\n'),
      );
    });
}
