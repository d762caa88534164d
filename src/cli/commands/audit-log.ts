import type { Command } from 'commander';
import { parseCount, report, withWarehouse } from '../context.js';
import { table } from '../format.js';

/** `clientele audit-log [--since] [verify]`: who read, exported or changed what. */
export function registerAuditLog(program: Command): void {
  const audit = program
    .command('audit-log')
    .description(
      'the audit log: sign-ins, reads of personal data, exports, key, user and configuration changes',
    )
    .option('--since <when>', 'entries from this date or time on, e.g. 2026-01-31')
    .option('--limit <n>', 'at most this many (the newest)', parseCount('--limit', 1), 1000)
    .action(async (o: { since?: string; limit: number }, command: Command) => {
      const { listAudit } = await import('../../security/index.js');
      const entries = await withWarehouse(command, (db) =>
        listAudit(db, { ...(o.since !== undefined && { since: o.since }), limit: o.limit }),
      );
      report(command, entries, () =>
        entries.length
          ? table(
              ['#', 'when', 'who', 'role', 'what', 'target', 'from'],
              entries.map((e) => [
                e.seq,
                e.at,
                e.actor,
                e.role ?? '',
                e.action,
                e.target ?? '',
                e.origin ?? '',
              ]),
            )
          : 'no audit entries',
      );
    });
  audit
    .command('verify')
    .description('walk the hash chain: exits 1 and names the first entry edited, deleted or cut off')
    .action(async (_o: unknown, command: Command) => {
      const { verifyAudit } = await import('../../security/index.js');
      const result = await withWarehouse(command, verifyAudit);
      report(command, result, () =>
        result.ok
          ? `audit log intact: ${result.entries} entries, each chained to the one before`
          : `audit log tampered with at entry ${result.firstBad?.seq}: ${result.firstBad?.reason}`,
      );
      if (!result.ok) process.exitCode = 1;
    });
}
