import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { ClienteleError } from '../../errors/index.js';
import { type Locale, speaker } from '../../i18n/index.js';
import type { Persona, PlaybookRule } from '../../portraits/index.js';
import { warningLines } from '../../warnings/lines.js';
import { globals, report, withWarehouse } from '../context.js';
import { n } from '../format.js';
import { cliLocale } from '../lang.js';

type Format = 'json' | 'html' | 'svg' | 'png';
const FORMATS: readonly Format[] = ['json', 'html', 'svg', 'png'];

/** `clientele personas [edit]`: buyer personas generated from segments, their cards and edits. */
export function registerPersonas(program: Command): void {
  const personas = program
    .command('personas')
    .description(
      'buyer personas of segments (by default the last clustering), with the figures behind each statement',
    )
    .option('--segments <prefix>', 'segments whose names start with this')
    .option('--by-stage', 'personas of the sales-cycle stages (saves stage-… segments)')
    .option('--format <format>', `card format written to --out: ${FORMATS.join(', ')}`, 'json')
    .option('--out <dir>', 'write one card per persona into this folder')
    .option('--playbook <file>', 'JSON playbook rules replacing the default (docs/personas.md)')
    .option('--tz <zone>', 'time zone of active hours and days (default UTC)')
    .option(
      '--lang <lang>',
      'en|pl: the language of the sentences (default: CLIENTELE_LANG, then LANG, else en)',
    )
    .action(
      async (
        o: {
          segments?: string;
          byStage?: boolean;
          format: string;
          out?: string;
          playbook?: string;
          tz?: string;
          lang?: string;
        },
        command: Command,
      ) => {
        // --lang is a global option too (commander gives it to the root wherever it stands): read both.
        const locale = cliLocale(command);
        const { generatePersonas } = await import('../../portraits/index.js');
        const format = o.format as Format;
        if (!FORMATS.includes(format)) {
          throw new ClienteleError(
            'CLT_ERR_USAGE',
            `--format ${o.format}: expected one of ${FORMATS.join(', ')}`,
          );
        }
        const playbook = o.playbook ? await readPlaybook(o.playbook) : undefined;
        const list = await withWarehouse(command, (db) =>
          generatePersonas(db, {
            ...(o.segments !== undefined && { segments: o.segments }),
            ...(o.byStage && { byStage: true }),
            ...(o.tz !== undefined && { timeZone: o.tz }),
            ...(playbook && { playbook }),
            locale,
          }),
        );
        const written = o.out ? await writeCards(list, o.out, format, locale) : [];
        if (written.length && !globals(command).json) process.stderr.write(`wrote ${written.join(', ')}\n`);
        report(command, list, () => list.map(describe).join('\n\n'));
      },
    );
  personas
    .command('edit')
    .description("edit a segment's persona; edits survive regeneration (an empty value clears the edit)")
    .argument('<segment>')
    .option('--name <text>', 'the persona name')
    .option('--summary <text>', 'the one-line summary')
    .option('--notes <text>', 'notes shown on the card')
    .option('--set <json>', 'other fields as a JSON object, e.g. {"preferredChannel": "email"}')
    .action(
      async (
        segment: string,
        o: { name?: string; summary?: string; notes?: string; set?: string },
        command: Command,
      ) => {
        const { editPersona } = await import('../../portraits/index.js');
        let overrides: Record<string, unknown> | undefined;
        if (o.set !== undefined) {
          try {
            overrides = JSON.parse(o.set) as Record<string, unknown>;
          } catch {
            throw new ClienteleError('CLT_ERR_USAGE', `--set ${o.set}: not a JSON object`);
          }
          if (overrides === null || typeof overrides !== 'object' || Array.isArray(overrides)) {
            throw new ClienteleError('CLT_ERR_USAGE', `--set ${o.set}: not a JSON object`);
          }
        }
        const clear = (v: string | undefined) => (v === undefined ? undefined : v === '' ? null : v);
        const edit = await withWarehouse(command, (db) =>
          editPersona(db, segment, {
            ...(o.name !== undefined && { name: clear(o.name) }),
            ...(o.summary !== undefined && { summary: clear(o.summary) }),
            ...(o.notes !== undefined && { notes: clear(o.notes) }),
            ...(overrides && { overrides }),
          }),
        );
        report(command, edit, () => `${segment}: persona edits saved (${edit.editedAt})`);
      },
    );
}

async function readPlaybook(file: string): Promise<PlaybookRule[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new ClienteleError('CLT_ERR_PERSONA_PLAYBOOK', `${file}: cannot be read`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ClienteleError('CLT_ERR_PERSONA_PLAYBOOK', `${file}: not JSON (${(error as Error).message})`);
  }
  const { parsePlaybook } = await import('../../portraits/index.js');
  return parsePlaybook(value, file);
}

async function writeCards(
  list: readonly Persona[],
  dir: string,
  format: Format,
  locale: Locale,
): Promise<string[]> {
  const s = speaker(locale);
  await mkdir(dir, { recursive: true });
  const { personaHtml, personaPng, personaSvg } = await import('../../portraits/index.js');
  const out: string[] = [];
  for (const p of list) {
    // Segment names are letters, digits and _ . : - (checked when saved); ':' is not portable in file names.
    const base = join(dir, `persona-${p.segment.replaceAll(':', '_')}.${format}`);
    const body =
      format === 'json'
        ? `${JSON.stringify(p, null, 2)}\n`
        : format === 'html'
          ? personaHtml(p, s)
          : format === 'svg'
            ? personaSvg(p, s)
            : personaPng(p, { speaker: s });
    await writeFile(base, body);
    out.push(base);
  }
  return out;
}

function describe(p: Persona): string {
  const lines = [
    `${p.name} — ${p.segment} (${n(p.size)} people)${p.negative ? ' [negative persona]' : ''}`,
    `  ${p.summary}`,
    `  stage: ${p.stage} · channel: ${p.preferredChannel} · active: ${p.activeTimes.hours.length || p.activeTimes.days.length ? `${p.activeTimes.hours.join(', ')}h ${p.activeTimes.days.join(', ')} (${p.activeTimes.timeZone})` : 'not enough data'}`,
    `  decision makers: ${p.decisionMaker}`,
  ];
  const block = (title: string, items: readonly string[]) => {
    if (items.length) lines.push(`  ${title}:`, ...items.map((i) => `    - ${i}`));
  };
  block('triggers', p.triggers);
  block('holdbacks', p.holdbacks);
  block('information sources', p.infoSources);
  if (p.voice.documents > 0) {
    const s = p.voice.sentiment;
    block('in their own words', [
      ...(p.voice.terms.length
        ? [p.voice.terms.map((t) => `${t.term} (z ${t.z.toFixed(1)})`).join(', ')]
        : []),
      ...p.voice.quotes.map((q) => `“${q.text}”`),
      `sentiment ${s.mean ?? '–'} over ${n(p.voice.documents)} texts (${s.positiveShare === null ? '–' : Math.round(s.positiveShare * 100)} % positive, ${s.negativeShare === null ? '–' : Math.round(s.negativeShare * 100)} % negative)`,
    ]);
  }
  block(
    'actions',
    p.actions.map((a) => `${a.action} (${a.expectedEffect})`),
  );
  if (p.edited.length) lines.push(`  edited: ${p.edited.join(', ')}`);
  lines.push(...warningLines(p.warnings).map((w) => `  ${w}`));
  return lines.join('\n');
}
