import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { ClienteleError } from '../../errors/index.js';
import type { Speaker } from '../../i18n/index.js';
import type { SwotDraft, SwotItem } from '../../voice/index.js';
import { warningLines } from '../../warnings/index.js';
import { report, withWarehouse } from '../context.js';
import { cliSpeaker } from '../lang.js';

function describe(d: SwotDraft, s: Speaker): string {
  const box = (title: string, items: readonly SwotItem[]) =>
    [
      `${title}:`,
      ...(items.length ? items.map((i) => `  - ${i.statement}`) : [`  ${s.t('cli.swot.nothing')}`]),
    ].join('\n');
  return [
    s.t('cli.swot.title', { name: d.name }) + (d.edited ? s.t('cli.swot.edited') : ''),
    box(s.t('cli.swot.strengths'), d.strengths),
    box(s.t('cli.swot.weaknesses'), d.weaknesses),
    box(s.t('cli.swot.opportunities'), d.opportunities),
    box(s.t('cli.swot.threats'), d.threats),
    box('SO', d.tows.so),
    box('ST', d.tows.st),
    box('WO', d.tows.wo),
    box('WT', d.tows.wt),
    ...warningLines(d.warnings ?? []),
  ].join('\n');
}

/** `clientele swot`: a SWOT-TOWS draft from what customers wrote and did, with the evidence. */
export function registerSwot(program: Command): void {
  const swotCommand = program
    .command('swot')
    .description(
      'a SWOT-TOWS draft from the data (praise, complaints, topics, segments, regions, churn), saved',
    )
    .option('--segment <name>', "only a saved segment's members")
    .option('--format <f>', 'json|html (html needs --out)', 'json')
    .option('--out <file>', 'where the HTML page goes')
    .option('--regenerate', 'draft again even over an edited draft')
    .action(
      async (
        o: { segment?: string; format?: string; out?: string; regenerate?: boolean },
        command: Command,
      ) => {
        if (o.format !== 'json' && o.format !== 'html') {
          throw new ClienteleError('CLT_ERR_USAGE', `--format ${o.format}: use json or html`);
        }
        if (o.format === 'html' && o.out === undefined)
          throw new ClienteleError('CLT_ERR_USAGE', '--format html needs --out FILE');
        const s = cliSpeaker(command);
        const { saySwot, swot, swotHtml } = await import('../../voice/index.js');
        const draft = saySwot(
          await withWarehouse(command, (db) =>
            swot(db, {
              ...(o.segment === undefined ? {} : { segment: o.segment }),
              regenerate: o.regenerate === true,
            }),
          ),
          s,
        );
        if (o.format === 'html') await writeFile(String(o.out), swotHtml(draft));
        report(
          command,
          draft,
          () =>
            describe(draft, s) +
            (o.format === 'html' ? `\n${s.t('cli.written', { out: String(o.out) })}` : ''),
        );
      },
    );
  swotCommand
    .command('edit <name>')
    .description("replace a saved draft's statements with those of a JSON file (kept over regeneration)")
    .requiredOption('--file <path>', 'JSON with any of strengths, weaknesses, opportunities, threats, tows')
    .action(async (name: string, o: { file: string }, command: Command) => {
      const s = cliSpeaker(command);
      const { editSwot, saySwot } = await import('../../voice/index.js');
      let body: unknown;
      try {
        body = JSON.parse(await readFile(o.file, 'utf8'));
      } catch (error) {
        throw new ClienteleError('CLT_ERR_USAGE', `--file ${o.file}: ${(error as Error).message}`);
      }
      const draft = saySwot(await withWarehouse(command, (db) => editSwot(db, name, body)), s);
      report(command, draft, () => describe(draft, s));
    });
}
