import type { Command } from 'commander';
import type { Profile } from '../../profiles/index.js';
import { measure } from '../../semantics/index.js';
import type { Warehouse } from '../../store/index.js';
import { parseCount, report, withWarehouse } from '../context.js';
import { n, table } from '../format.js';

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
    .action(async (identifier: string, o: { explain?: boolean; timeline: number }, command: Command) => {
      const { requireProfile } = await import('../../profiles/index.js');
      const profile = await withWarehouse(command, (db) =>
        requireProfile(db, identifier, { explain: o.explain, timeline: o.timeline }),
      );
      report(command, profile, () => describe(profile));
    });
  program
    .command('profiles')
    .description('list profiles with their headline figures, most valuable first')
    .option('--limit <n>', 'page size', parseCount('--limit', 1), 20)
    .option('--offset <n>', 'skip this many', parseCount('--offset', 0), 0)
    .action(async (o: { limit: number; offset: number }, command: Command) => {
      const rows = await withWarehouse(command, (db) => listProfiles(db, o.limit, o.offset));
      report(command, rows, () =>
        table(
          ['profile', 'customer ids', 'email', 'orders', 'revenue'],
          rows.map((r) => [r.id, r.customerIds.join(' '), r.email ?? '', n(r.orders), n(r.revenue)]),
        ),
      );
    });
}

/** A page of profiles with their customer ids and headline figures. */
export async function listProfiles(
  db: Warehouse,
  limit: number,
  offset: number,
): Promise<{ id: number; customerIds: string[]; email: string | null; orders: number; revenue: number }[]> {
  return db.all(
    `WITH o AS (
       SELECT rp.profile_id, ${measure('orders', 't')} AS orders, ${measure('revenue', 't')} AS revenue FROM placed_orders t
       JOIN record_profiles rp ON rp.record_table = 'orders' AND rp.row_key = t.row_key GROUP BY 1),
     c AS (
       SELECT rp.profile_id, list(DISTINCT customer_id ORDER BY customer_id) FILTER (WHERE customer_id IS NOT NULL) AS ids
       FROM customers t JOIN record_profiles rp ON rp.record_table = 'customers' AND rp.row_key = t.row_key GROUP BY 1),
     e AS (SELECT profile_id, min(value) AS email FROM identity_nodes WHERE id_type = 'email' GROUP BY 1),
     p AS (SELECT DISTINCT profile_id FROM record_profiles)
     SELECT p.profile_id AS id, coalesce(c.ids, []) AS "customerIds", e.email, coalesce(o.orders, 0) AS orders,
       round(coalesce(o.revenue, 0), 2) AS revenue
     FROM p LEFT JOIN o USING (profile_id) LEFT JOIN c USING (profile_id) LEFT JOIN e USING (profile_id)
     ORDER BY revenue DESC, id LIMIT ? OFFSET ?`,
    [limit, offset],
  );
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
  }
  return lines.join('\n');
}
