import type { Command } from 'commander';
import { checkPurpose, PURPOSES, type Purpose } from '../../privacy/consent.js';
import type { ExportFormat } from '../../segments/index.js';
import { parseCount, report, withWarehouse } from '../context.js';
import { table } from '../format.js';
import { type CliWords, cliSay, heads } from '../lang.js';

/** `clientele segment preview|create|list|members|refresh|export`: segments written as rules over profiles. */
export function registerSegment(program: Command): void {
  const segment = program
    .command('segment')
    .description("segments you write, e.g. country = 'DE' and orders >= 2 (see docs/segments.md)");
  segment
    .command('preview')
    .description('how many profiles a rule selects now, without saving it')
    .requiredOption(
      '--where <expr>',
      'the rule, e.g. "revenue > 500 or did \'Order Completed\' at least 2 times in last 90 days"',
    )
    .action(async (o: { where: string }, command: Command) => {
      const { previewSegment } = await import('../../segments/index.js');
      const result = await withWarehouse(command, (db) => previewSegment(db, o.where));
      const { s } = cliSay(command);
      report(command, result, () => s.t('cli.profiles', { n: result.count }));
    });
  segment
    .command('create')
    .description(
      'save a segment (or change its rule) and materialize its members, keeping who entered and left',
    )
    .argument('<name>')
    .requiredOption('--where <expr>', 'the rule')
    .action(async (name: string, o: { where: string }, command: Command) => {
      const { appendAudit, cliActor } = await import('../../security/index.js');
      const { saveSegment } = await import('../../segments/index.js');
      const result = await withWarehouse(command, async (db) => {
        const saved = await saveSegment(db, name, o.where);
        await appendAudit(db, {
          ...cliActor(),
          action: 'config-change',
          target: `segment:${name}`,
          details: { change: 'save', where: o.where },
        });
        return saved;
      });
      const { s, n } = cliSay(command);
      report(command, result, () =>
        s.t('cli.segment.saved', {
          name,
          members: s.t('cli.members', { n: result.count }),
          entered: n(result.entered),
          left: n(result.exited),
        }),
      );
    });
  segment
    .command('list')
    .description('the saved segments with their sizes')
    .action(async (_o: unknown, command: Command) => {
      const { listSegments } = await import('../../segments/index.js');
      const rows = await withWarehouse(command, (db) => listSegments(db));
      const w = cliSay(command);
      const { s, n } = w;
      report(command, rows, () =>
        rows.length
          ? table(
              heads(w, 'segment', 'kind', 'members', 'change', 'rule'),
              rows.map((r) => {
                const first = r.sizes[0]?.size;
                const change = first === undefined || r.sizes.length < 2 ? '' : signed(w, r.count - first);
                const kind = `cli.segment.kind.${r.kind}`;
                return [r.name, s.has(kind) ? s.t(kind) : r.kind, n(r.count), change, r.expression];
              }),
            )
          : s.t('cli.segment.none'),
      );
    });
  segment
    .command('members')
    .description("a saved segment's members: profile id, customer ids and main traits")
    .argument('<name>')
    .option('--limit <n>', 'at most this many', parseCount('--limit', 1), 10_000)
    .option('--purpose <purpose>', `only members who consented to it: ${PURPOSES.join(', ')}`, checkPurpose)
    .action(async (name: string, o: { limit: number; purpose?: Purpose }, command: Command) => {
      const { segmentMembers } = await import('../../segments/index.js');
      const rows = await withWarehouse(command, (db) => segmentMembers(db, name, o.limit, o.purpose));
      const w = cliSay(command);
      report(command, rows, () =>
        table(
          heads(w, 'profile', 'customerIds', 'email', 'orders', 'revenue'),
          rows.map((r) => [
            r.id,
            (r.customerIds as string[]).join(' '),
            r.email ?? '',
            w.v(r.orders),
            w.v(r.revenue),
          ]),
        ),
      );
    });
  segment
    .command('refresh')
    .description('re-evaluate saved rule segments now (new data refreshes them on its own)')
    .argument('[names...]', 'only these segments (default: all)')
    .action(async (names: string[], _o: unknown, command: Command) => {
      const { refreshSegments } = await import('../../segments/index.js');
      const rows = await withWarehouse(command, (db) => refreshSegments(db, names.length ? { names } : {}));
      const w = cliSay(command);
      const { s, n } = w;
      report(command, rows, () =>
        rows.length
          ? table(
              heads(w, 'segment', 'members', 'entered', 'left', 'note'),
              rows.map((r) => [r.name, n(r.count), n(r.entered), n(r.exited), r.error ?? '']),
            )
          : s.t('cli.segment.noRules'),
      );
    });
  segment
    .command('export')
    .description("write a saved segment's members (ids, main traits, scores) to a CSV or Parquet file")
    .argument('<name>')
    .requiredOption('--out <file>', 'the file to write')
    .option('--format <format>', 'csv or parquet (default: from the file name, else csv)')
    .option(
      '--mask',
      'mask personal fields (e-mails, phones, names), for sharing with someone without the pii scope',
    )
    .option(
      '--purpose <purpose>',
      `only members who consented to it (an activation): ${PURPOSES.join(', ')}`,
      checkPurpose,
    )
    .action(
      async (
        name: string,
        o: { out: string; format?: string; mask?: boolean; purpose?: Purpose },
        command: Command,
      ) => {
        const { appendAudit, cliActor } = await import('../../security/index.js');
        const { exportSegment } = await import('../../segments/index.js');
        const format = (o.format ??
          (o.out.toLowerCase().endsWith('.parquet') ? 'parquet' : 'csv')) as ExportFormat;
        const mask = o.mask ?? false;
        const result = await withWarehouse(command, async (db) => {
          const written = await exportSegment(db, name, { format, path: o.out, mask, purpose: o.purpose });
          await appendAudit(db, {
            ...cliActor(),
            action: 'export',
            target: `segment:${name}`,
            details: {
              path: written.path,
              format,
              rows: written.rows,
              masked: mask,
              purpose: o.purpose ?? null,
            },
          });
          return written;
        });
        const { s } = cliSay(command);
        report(command, result, () =>
          s.t('cli.segment.exported', {
            members: s.t('cli.members', { n: result.rows }),
            name,
            path: result.path,
          }),
        );
      },
    );
}

const signed = (w: CliWords, d: number): string => (d > 0 ? `+${w.n(d)}` : d < 0 ? `−${w.n(-d)}` : '0');
