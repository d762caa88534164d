import type { Command } from 'commander';
import type { Profile } from '../../profiles/index.js';
import { parseCount, report, withWarehouse } from '../context.js';
import { n, table } from '../format.js';

interface ProfileFlags {
  explain?: boolean;
  timeline: number;
  before?: string;
  kind?: string;
  from?: string;
  to?: string;
}

/** `clientele profile IDENTIFIER` and `clientele profiles`. */
export function registerProfile(program: Command): void {
  program
    .command('profile')
    .description(
      'one person: identities, traits, metrics, channels, devices and timeline; any identifier finds them',
    )
    .argument(
      '<identifier>',
      'profile id, user or customer id, email (any case), phone (any format), anonymous id, handle',
    )
    .option('--explain', 'show which identifier joined which records, from which file and when')
    .option('--timeline <n>', 'touchpoints to show', parseCount('--timeline', 1), 20)
    .option('--before <cursor>', 'touchpoints older than this cursor (printed under the timeline)')
    .option('--kind <kinds>', 'only these touchpoint kinds, comma-separated: order, message, track …')
    .option('--from <when>', 'touchpoints at or after this date or time')
    .option('--to <when>', 'touchpoints before this time; a date alone includes that day')
    .action(async (identifier: string, o: ProfileFlags, command: Command) => {
      const { requireProfile } = await import('../../profiles/index.js');
      const filter = {
        ...(o.before !== undefined && { before: o.before }),
        ...(o.kind !== undefined && { kinds: o.kind.split(',').map((k) => k.trim()) }),
        ...(o.from !== undefined && { from: o.from }),
        ...(o.to !== undefined && { to: o.to }),
      };
      const profile = await withWarehouse(command, (db) =>
        requireProfile(db, identifier, { explain: o.explain, timeline: o.timeline, filter }),
      );
      report(command, profile, () => describe(profile));
    });
  program
    .command('profiles')
    .description('list profiles with their headline figures, most valuable first')
    .option('--limit <n>', 'page size', parseCount('--limit', 1), 20)
    .option('--offset <n>', 'skip this many', parseCount('--offset', 0), 0)
    .action(async (o: { limit: number; offset: number }, command: Command) => {
      const { listProfiles } = await import('../../profiles/index.js');
      const rows = await withWarehouse(command, (db) => listProfiles(db, o.limit, o.offset));
      report(command, rows, () =>
        table(
          ['profile', 'customer ids', 'email', 'orders', 'revenue'],
          rows.map((r) => [r.id, r.customerIds.join(' '), r.email ?? '', n(r.orders), n(r.revenue)]),
        ),
      );
    });
}

function describe(p: Profile): string {
  const name =
    [p.traits.first_name, p.traits.last_name].filter(Boolean).join(' ') ||
    (p.traits.full_name as string) ||
    '(no name)';
  const lines = [
    `profile ${p.id}: ${name}`,
    `identities: ${p.identities.map((i) => `${i.type}=${i.value}`).join(', ')}`,
    `orders ${n(p.metrics.orders)}, revenue ${n(p.metrics.revenue)}, first seen ${p.metrics.firstSeenAt ?? '-'}, last seen ${p.metrics.lastSeenAt ?? '-'}`,
    `channels: ${p.channels.join(', ') || '-'}; devices: ${p.devices.map((d) => `${d.deviceType ?? '?'}/${d.os ?? '?'}`).join(', ') || '-'}`,
    `consent: ${Object.entries(p.consent)
      .map(([purpose, c]) => `${purpose} ${c === null ? '-' : c.granted ? 'yes' : 'no'}`)
      .join(', ')}`,
    '',
    'traits:',
    ...Object.entries(p.traits).map(([k, v]) => `  ${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`),
    '',
    'timeline:',
    ...p.timeline.map((t) => `  ${t.at}  ${t.kind.padEnd(10)} ${t.what}`),
    ...(p.timelineNext ? [`  (older: --before ${p.timelineNext})`] : []),
  ];
  if (p.explain) {
    lines.push('', 'why these records are one person:');
    for (const i of p.explain.identifiers) {
      lines.push(
        `  ${i.type}=${i.value}: ${i.records.map((r) => `${r.table}:${r.rowKey}${r.file ? ` (${r.file.split('/').pop()})` : ''}`).join(', ')}`,
      );
    }
    for (const r of p.explain.refused) {
      lines.push(
        `  refused: ${r.type}=${r.value} from ${r.table}:${r.rowKey} (would exceed a limit; other profile ${r.otherProfile ?? 'none'})`,
      );
    }
    for (const l of p.explain.links ?? []) {
      lines.push(
        `  manual link: customer ${l.a} = customer ${l.b} (${l.decidedBy}, ${l.at}; undo: clientele dedupe undo ${l.a} ${l.b})`,
      );
    }
  }
  return lines.join('\n');
}
