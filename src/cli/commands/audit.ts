import type { Command } from 'commander';
import { warningLines } from '../../warnings/index.js';
import { parseCount, report, withWarehouse } from '../context.js';
import { n, table } from '../format.js';
import { cliLocale } from '../lang.js';

/**
 * `clientele audit`: the data-quality audit (completeness, validity, contact points, staleness). Not the
 * security audit log, which is `clientele audit-log`.
 */
export function registerAudit(program: Command): void {
  const audit = program
    .command('audit')
    .description(
      'data quality: completeness and validity per source and field, contact points, staleness (the security log is audit-log)',
    )
    .option('--kind <kind>', 'only the sources of this kind (customers, orders, …)')
    .option('--stale-after <age>', 'list contacts no source confirmed within this age: 18m (months), 90d, 2y')
    .option('--limit <n>', 'at most this many stale contacts listed', parseCount('--limit', 1), 100)
    .action(async (o: { kind?: string; staleAfter?: string; limit: number }, command: Command) => {
      const { runAudit } = await import('../../housekeeping/index.js');
      const result = await withWarehouse(command, (db) =>
        runAudit(db, {
          ...(o.kind !== undefined && { kind: o.kind }),
          ...(o.staleAfter !== undefined && { staleAfter: o.staleAfter }),
          limit: o.limit,
          locale: cliLocale(command),
        }),
      );
      report(command, result, () => {
        const lines: string[] = [];
        for (const s of result.sources) {
          lines.push(
            `${s.kind} ${s.file} (${n(s.rows)} rows, imported ${s.importedAt}${s.owner ? `, owner ${s.owner}` : ''})`,
          );
          lines.push(
            table(
              ['field', 'filled', 'valid', 'invalid', 'distinct', 'examples'],
              s.fields.map((f) => [
                f.field,
                f.filled,
                f.valid,
                f.invalid,
                f.distinct,
                f.examples.join(' | '),
              ]),
            ),
          );
        }
        const e = result.contacts.emails;
        lines.push(
          `e-mails: ${n(e.valid)} valid, ${n(e.invalidSyntax)} invalid, ${n(e.disposable)} disposable, ${n(e.roleBased)} role, ${n(e.typoDomain)} typo domain, ${n(e.bounced)} bounced, ${n(e.complained)} complained`,
        );
        lines.push(
          `phones: ${n(result.contacts.phones.valid)} valid, ${n(result.contacts.phones.invalid)} invalid`,
        );
        const st = result.staleness;
        if (st.stale !== null) {
          lines.push(
            `stale (not confirmed since ${st.cutoff?.slice(0, 10)}): ${n(st.stale)} of ${n(st.profiles)} people`,
          );
          if (st.contacts.length)
            lines.push(
              table(
                ['profile', 'customer', 'email', 'last confirmed'],
                st.contacts.map((c) => [
                  c.profileId,
                  c.customerId ?? '',
                  c.email ?? '',
                  c.lastConfirmedAt ?? 'never',
                ]),
              ),
            );
        }
        if (result.issues.length) {
          lines.push('issues:');
          lines.push(
            table(
              ['code', 'count', 'message', 'fix'],
              result.issues.map((i) => [i.code, i.count, i.message, i.fix]),
            ),
          );
        } else lines.push('no issues found');
        lines.push(...warningLines(result.warnings));
        return lines.join('\n');
      });
    });
  audit
    .command('owner <source> <name>')
    .description(
      "name who is responsible for a source's shelf life (a file path or name, or an event write key)",
    )
    .action(async (source: string, name: string, _o: unknown, command: Command) => {
      const { setSourceOwner } = await import('../../housekeeping/index.js');
      const result = await withWarehouse(command, (db) => setSourceOwner(db, source, name), {
        current: false,
      });
      report(command, result, () => `${result.source} is owned by ${result.owner}`);
    });
}
