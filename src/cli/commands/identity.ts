import type { Command } from 'commander';
import {
  blockIdentifier,
  listConflicts,
  resolveIdentities,
  unblockIdentifier,
} from '../../identity/index.js';
import { parseCount, report, withWarehouse } from '../context.js';
import { n, table } from '../format.js';

/** `clientele identity resolve|block|unblock|conflicts`: the identity graph behind profiles. */
export function registerIdentity(program: Command): void {
  const identity = program
    .command('identity')
    .description('join records into one profile per person through shared identifiers');
  identity
    .command('resolve')
    .description('add new records to profiles (incremental), or rebuild every profile with --full')
    .option('--full', 'rebuild the whole graph (gives the same profiles as incremental runs)')
    .option('--region <code>', 'region for phone numbers without a country code', 'US')
    .action(async (o: { full?: boolean; region: string }, command: Command) => {
      const summary = await withWarehouse(
        command,
        (db) =>
          resolveIdentities(db, {
            full: o.full,
            normalize: { defaultRegion: o.region.toUpperCase() as 'US' },
          }),
        { current: false },
      );
      report(
        command,
        summary,
        () =>
          `${summary.mode}: ${n(summary.records)} records → ${n(summary.profiles)} profiles from ${n(summary.identifiers)} identifiers; ` +
          `${n(summary.merges)} merges, ${n(summary.conflicts)} refused by the rules, ${n(summary.unattributed)} records with no identifier; ${summary.seconds.toFixed(2)} s`,
      );
    });
  identity
    .command('block')
    .description('never join anything on this identifier value again, and split the profiles it joined')
    .argument('<value>', 'the identifier value as normalized (lower-case email, E.164 phone, id)')
    .option('--reason <text>', 'why it is blocked')
    .action(async (value: string, o: { reason?: string }, command: Command) => {
      const summary = await withWarehouse(
        command,
        async (db) => {
          await blockIdentifier(db, value, o.reason);
          return resolveIdentities(db, { full: true });
        },
        { current: false },
      );
      report(
        command,
        { blocked: value, ...summary },
        () => `blocked ${value}; rebuilt: ${n(summary.profiles)} profiles`,
      );
    });
  identity
    .command('unblock')
    .description('let this identifier value join records again')
    .argument('<value>')
    .action(async (value: string, _o: unknown, command: Command) => {
      const summary = await withWarehouse(
        command,
        async (db) => {
          await unblockIdentifier(db, value);
          return resolveIdentities(db, { full: true });
        },
        { current: false },
      );
      report(
        command,
        { unblocked: value, ...summary },
        () => `unblocked ${value}; rebuilt: ${n(summary.profiles)} profiles`,
      );
    });
  identity
    .command('conflicts')
    .description('merges the rules refused (e.g. two user ids on one device), for review')
    .option('--limit <n>', 'at most this many', parseCount('--limit', 1), 50)
    .action(async (o: { limit: number }, command: Command) => {
      const rows = await withWarehouse(command, (db) => listConflicts(db, o.limit));
      report(command, rows, () =>
        rows.length
          ? table(
              ['record', 'type', 'value', 'joined profile', 'refused profile'],
              rows.map((r) => [
                `${r.table}:${r.rowKey}`,
                r.type,
                r.value,
                r.profile,
                r.otherProfile ?? '(new value over the limit)',
              ]),
            )
          : 'no refused merges',
      );
    });
}
