import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { ClienteleError } from '../../errors/index.js';
import { warningLines } from '../../warnings/index.js';
import { report, withWarehouse } from '../context.js';
import { table } from '../format.js';

/** `clientele words`: the words and phrases customers use, by count or by how distinctive they are. */
export function registerWords(program: Command): void {
  program
    .command('words')
    .description('the words and phrases customers use (a word cloud), by count or against the rest')
    .option('--source <s>', 'feedback|notes|social|messages|all', 'all')
    .option('--where <expr>', "documents' own fields, e.g. \"rating <= 2 and channel = 'web'\"")
    .option('--segment <name>', "only documents of a saved segment's members")
    .option('--compare-to <c>', 'rank by log-odds against the rest or all documents: rest|all')
    .option('--top <n>', 'terms shown', Number, 50)
    .option('--language <l>', 'auto|en|pl|…: analyse every document as this language', 'auto')
    .option('--format <f>', 'text|svg|png: svg or png draws the cloud to --out', 'text')
    .option('--out <file>', 'where the drawing goes')
    .action(async (o: Record<string, string | number | undefined>, command: Command) => {
      const format = String(o.format ?? 'text');
      if (!['text', 'json', 'svg', 'png'].includes(format)) {
        throw new ClienteleError(
          'CLT_ERR_TEXT_FORMAT',
          `--format ${format}: use text, svg or png (with --out)`,
        );
      }
      if ((format === 'svg' || format === 'png') && o.out === undefined) {
        throw new ClienteleError('CLT_ERR_USAGE', `--format ${format} needs --out FILE`);
      }
      const compare = o.compareTo;
      if (compare !== undefined && compare !== 'rest' && compare !== 'all') {
        throw new ClienteleError('CLT_ERR_USAGE', `--compare-to ${compare}: use rest or all`);
      }
      const { words, parseSource, parseLanguage } = await import('../../voice/index.js');
      const language = parseLanguage(o.language as string | undefined);
      const result = await withWarehouse(command, (db) =>
        words(db, {
          source: parseSource(o.source as string | undefined),
          ...(o.where === undefined ? {} : { where: String(o.where) }),
          ...(o.segment === undefined ? {} : { segment: String(o.segment) }),
          ...(compare === undefined ? {} : { compareTo: compare }),
          top: Number(o.top),
          ...(language === undefined ? {} : { language }),
        }),
      );
      if (format === 'svg' || format === 'png') {
        const { drawCloud } = await import('../../text/index.js');
        const { svg } = drawCloud(
          result.terms.map((t) => ({
            text: t.term,
            weight: result.compareTo === null ? t.count : Math.max(0.01, t.z ?? 0),
            sentiment: t.sentiment,
          })),
          { title: `words of ${result.documents} documents` },
        );
        if (format === 'png') {
          // resvg is a native module: loaded only when a PNG is asked for.
          const { cloudPng } = await import('../../text/cloud-png.js');
          await writeFile(String(o.out), cloudPng(svg));
        } else await writeFile(String(o.out), svg);
      }
      report(command, result, () =>
        [
          `${result.documents} documents${result.compareTo ? `, compared with ${result.compareTo} (${result.comparedWith})` : ''}`,
          table(
            ['term', 'count', 'documents', result.compareTo ? 'log-odds' : 'share', 'z', 'sentiment'],
            result.terms.map((t) => [t.term, t.count, t.documents, t.weight, t.z ?? '', t.sentiment ?? '']),
          ),
          ...(format === 'svg' || format === 'png' ? [`cloud written to ${o.out}`] : []),
          ...warningLines(result.warnings),
        ].join('\n'),
      );
    });
}
