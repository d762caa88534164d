import type { Command } from 'commander';
import type { ForgetResult } from '../../privacy/index.js';
import { globals, report } from '../context.js';
import { table } from '../format.js';
import { viaFileOrServer } from '../held.js';

/** `clientele forget IDENTIFIER [--dry-run]`: erase one person and keep them from coming back. */
export function registerForget(program: Command): void {
  program
    .command('forget')
    .description(
      'erase a person: every record, profile, score, segment membership, consent, reject and cache holding them; then suppress their identifiers so re-imports and events do not bring them back',
    )
    .argument('<identifier>', 'any identifier of the person: email, phone, customer or user id, profile id')
    .option('--dry-run', 'list what would be removed, per table, and change nothing')
    .option('--no-compact', 'do not rewrite the database file afterwards (the erased bytes stay in it)')
    .action(async (identifier: string, o: { dryRun?: boolean; compact: boolean }, command: Command) => {
      const { compactDatabase, forgetPerson } = await import('../../privacy/index.js');
      const { appendAudit, cliActor } = await import('../../security/index.js');
      const { isPostgresLocation, resolveDbPath } = await import('../../store/index.js');
      const dryRun = o.dryRun ?? false;
      let direct = false;
      const result = await viaFileOrServer<ForgetResult>(
        command,
        async (db) => {
          direct = true;
          const forgotten = await forgetPerson(db, identifier, { dryRun });
          // Counts and the profile number only: the audit log must not keep the identifier it erased.
          if (!dryRun) {
            await appendAudit(db, {
              ...cliActor(),
              action: 'erasure',
              target: forgotten.profileId === null ? 'unresolved records' : `profile ${forgotten.profileId}`,
              details: { removed: forgotten.removed, suppressed: forgotten.suppressed.length },
            });
          }
          return forgotten;
        },
        { method: 'POST', path: '/v1/admin/forget', body: { identifier, dryRun } },
      );
      const location = resolveDbPath(globals(command).db);
      if (direct && !dryRun && isPostgresLocation(location)) {
        // A database server's files are not ours to rewrite; VACUUM FULL takes every table's lock.
        result.warnings.push({
          code: 'not_compacted',
          message:
            "PostgreSQL keeps the erased rows' bytes in its table files and write-ahead log until VACUUM and checkpoints reuse them; run VACUUM FULL to rewrite the tables now",
        });
      } else if (direct && !dryRun && o.compact && location !== ':memory:') {
        await compactDatabase(location);
        result.compacted = true;
      } else if (direct && !dryRun) {
        result.warnings.push({
          code: 'not_compacted',
          message: 'the erased bytes stay in the database file until `clientele compact` rewrites it',
        });
      }
      report(command, result, () => describe(result));
    });
  program
    .command('compact')
    .description(
      'rewrite the database file with only its live rows, so that erased and deleted data is gone from the file too',
    )
    .action(async (_o: unknown, command: Command) => {
      const { compactDatabase } = await import('../../privacy/index.js');
      const { resolveDbPath } = await import('../../store/index.js');
      const location = resolveDbPath(globals(command).db);
      const sizes = await compactDatabase(location);
      report(command, { location, ...sizes }, () => `${location}: ${sizes.before} → ${sizes.after} bytes`);
    });
}

function describe(r: ForgetResult): string {
  const rows = Object.entries(r.removed);
  const lines = [
    `${r.dryRun ? 'would forget' : 'forgot'} ${r.identifier}${r.profileId === null ? '' : ` (profile ${r.profileId})`}`,
    rows.length
      ? table(['table', r.dryRun ? 'rows to remove' : 'rows removed'], rows)
      : 'nothing stored on them',
    `${r.dryRun ? 'would suppress' : 'suppressed'}: ${r.suppressed.map((s) => s.type).join(', ') || 'nothing'}`,
  ];
  if (r.compacted) lines.push('the database file was rewritten without them');
  for (const w of r.warnings) lines.push(`warning: ${w.message}`);
  return lines.join('\n');
}
