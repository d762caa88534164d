import type { Command } from 'commander';
import { warningLines } from '../../warnings/index.js';
import { parseCount, report, withWarehouse } from '../context.js';
import { table } from '../format.js';

// Matched words in capitals between » and «, for a terminal; JSON carries the offsets instead.
function marked(snippet: string, highlights: readonly [number, number][]): string {
  let out = '';
  let at = 0;
  for (const [s, e] of highlights) {
    out += `${snippet.slice(at, s)}»${snippet.slice(s, e)}«`;
    at = e;
  }
  return out + snippet.slice(at);
}

/** `clientele notes search` and `clientele scenarios`: the sales-notes library. */
export function registerNotes(program: Command): void {
  const notes = program
    .command('notes')
    .description('the sales-notes library: search what salespeople wrote');
  notes
    .command('search <query>')
    .description('full-text search of sales notes (BM25, stemming, highlights)')
    .option('--stage <s>', 'only notes of this stage')
    .option('--outcome <o>', 'won|lost|open|follow-up')
    .option('--rep <r>', 'only notes of this sales representative')
    .option('--limit <n>', 'hits shown', parseCount('--limit', 1), 20)
    .action(async (query: string, o: Record<string, string | number | undefined>, command: Command) => {
      const { searchNotes } = await import('../../voice/index.js');
      const result = await withWarehouse(command, (db) =>
        searchNotes(db, query, {
          ...(o.stage === undefined ? {} : { stage: String(o.stage) }),
          ...(o.outcome === undefined ? {} : { outcome: String(o.outcome) }),
          ...(o.rep === undefined ? {} : { rep: String(o.rep) }),
          limit: Number(o.limit),
        }),
      );
      report(command, result, () =>
        result.hits.length === 0
          ? `no note of ${result.notes} matches "${query}"`
          : result.hits
              .map(
                (h) =>
                  `${h.score}  ${h.company ?? '(no company)'} · ${h.stage ?? ''} · ${h.outcome ?? ''} · ${h.noteId ?? ''}\n    ${marked(h.snippet, h.highlights)}`,
              )
              .join('\n'),
      );
    });
  program
    .command('scenarios')
    .description(
      'scenario planning from sales notes: per stage, questions, objections and what preceded won deals',
    )
    .option('--stage <s>', 'only this stage')
    .action(async (o: { stage?: string }, command: Command) => {
      const { scenarios } = await import('../../voice/index.js');
      const result = await withWarehouse(command, (db) =>
        scenarios(db, o.stage === undefined ? {} : { stage: o.stage }),
      );
      report(command, result, () =>
        [
          `deals: ${result.deals.won} won, ${result.deals.lost} lost, ${result.deals.open} open (win rate ${result.winRate ?? '–'})`,
          ...result.stages.map((s) =>
            [
              `\n${s.stage}: ${s.notes} notes, ${s.deals} deals`,
              ...(s.questions.length
                ? [`  questions: ${s.questions.map((q) => `${q.text} (${q.count})`).join('; ')}`]
                : []),
              ...(s.objections.length
                ? [`  objections: ${s.objections.map((q) => `${q.text} (${q.count})`).join('; ')}`]
                : []),
              ...(s.winning.length
                ? [
                    `  before won deals: ${s.winning.map((p) => `${p.fact} (lift ${p.lift}, ${p.deals} deals)`).join('; ')}`,
                  ]
                : []),
              ...(s.losing.length
                ? [
                    `  before lost deals: ${s.losing.map((p) => `${p.fact} (lift ${p.lift}, ${p.deals} deals)`).join('; ')}`,
                  ]
                : []),
            ].join('\n'),
          ),
          '',
          table(
            ['heard of us through', 'deals', 'won', 'lost', 'win rate'],
            result.heardFrom.map((h) => [h.source, h.deals, h.won, h.lost, h.winRate ?? '']),
          ),
          ...warningLines(result.warnings),
        ].join('\n'),
      );
    });
}
