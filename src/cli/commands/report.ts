import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { ClienteleError } from '../../errors/index.js';
import { speaker } from '../../i18n/index.js';
import { report, withWarehouse } from '../context.js';
import { cliLocale } from '../lang.js';

/** `clientele report --out FILE.html|FILE.pdf`: the segment-by-segment report as a file. */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description(
      'the segment-by-segment report (size and trend, revenue, revenue at stake, value, traits, persona) as HTML or PDF',
    )
    .requiredOption(
      '--out <file>',
      'where the report goes: FILE.html (self-contained) or FILE.pdf (printed by Chromium)',
    )
    .option(
      '--lang <lang>',
      'en|pl: the language of the report and of these messages (default: CLIENTELE_LANG, then LANG, else en)',
    )
    .option('--segments <prefix>', 'only segments whose names start with this (default: every saved segment)')
    .option('--no-personas', "leave out each segment's persona card")
    .action(
      async (o: { out: string; lang?: string; segments?: string; personas: boolean }, command: Command) => {
        const format = /\.pdf$/i.test(o.out) ? 'pdf' : /\.html?$/i.test(o.out) ? 'html' : null;
        if (!format)
          throw new ClienteleError('CLT_ERR_REPORT_FORMAT', `--out ${o.out}: end the name in .html or .pdf`);
        // --lang is a global option too (commander gives it to the root wherever it stands): read both.
        const lang = cliLocale(command);
        const say = speaker(lang);
        const { buildReport, reportHtml, printPdf } = await import('../../reports/index.js');
        const data = await withWarehouse(command, (db) =>
          buildReport(db, {
            ...(o.segments !== undefined && { segments: o.segments }),
            personas: o.personas,
            locale: lang,
          }),
        );
        const html = reportHtml(data, { lang });
        // The browser starts after the database is closed: printing needs nothing from it.
        const bytes = format === 'pdf' ? await printPdf(html) : Buffer.from(html, 'utf8');
        await writeFile(o.out, bytes);
        const warnings = data.segments.flatMap((s) => s.warnings);
        report(
          command,
          {
            out: o.out,
            format,
            lang,
            bytes: bytes.length,
            segments: data.segments.map((s) => s.name),
            warnings,
          },
          () =>
            [
              say.t('cli.report.wrote', {
                out: o.out,
                format: format.toUpperCase(),
                bytes: say.num(bytes.length, 0),
                count: data.segments.length,
                names: data.segments.map((s) => s.name).join(', '),
              }),
              ...warnings.map((w) => say.t('cli.warning', { message: w.message, code: w.code })),
            ].join('\n'),
        );
      },
    );
}
