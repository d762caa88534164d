import type { Command } from 'commander';
import { ClienteleError } from '../../errors/index.js';
import type { Contrast } from '../../portraits/index.js';
import { report, withWarehouse } from '../context.js';
import { n, table } from '../format.js';

/** `clientele segment show|compare`: what a segment looks like, and two segments side by side. */
export function registerSegmentPortrait(program: Command): void {
  const segment = program.commands.find((c) => c.name() === 'segment');
  if (!segment) throw new Error('segment-portrait: register the segment command first');
  segment
    .command('show')
    .description("a segment's profile: size, value, distributions, distinguishing features, trend")
    .argument('<name>')
    .action(async (name: string, _o: unknown, command: Command) => {
      const { profileSegment } = await import('../../portraits/index.js');
      const p = await withWarehouse(command, (db) => profileSegment(db, name));
      report(command, p, () =>
        [
          `${p.segment}: ${n(p.size)} profiles (${pct(p.share)} of all), revenue ${n(Math.round(p.revenue.total))} (${pct(p.revenue.share)} of all), ${pct(p.buyers.share)} have bought`,
          p.clv ? `mean CLV ${p.clv.mean} (others ${p.clv.restMean})` : 'no CLV scores (clientele model clv)',
          p.churnRisk
            ? `mean churn risk ${p.churnRisk.mean} (others ${p.churnRisk.restMean})`
            : 'no churn scores (clientele model churn)',
          '',
          `distinguishing features — ${p.distinguishing.correction}:`,
          features(p.distinguishing.features),
          '',
          p.products.length
            ? table(
                ['top product', 'bought', 'others', 'lift'],
                p.products.slice(0, 5).map((x) => [x.product, pct(x.share), pct(x.restShare), x.lift ?? '']),
              )
            : 'no purchases',
          '',
          `trend: ${p.trend.sizes.map((s) => `${s.measuredAt.slice(0, 10)} ${s.size}`).join(', ') || 'no refreshes logged'}`,
        ].join('\n'),
      );
    });
  segment
    .command('compare')
    .description('two segments side by side and the features that differ most between them')
    .argument('<a>')
    .argument('<b>')
    .action(async (a: string, b: string, _o: unknown, command: Command) => {
      const { compareSegments } = await import('../../portraits/index.js');
      if (a === b)
        throw new ClienteleError('CLT_ERR_USAGE', `compare ${a} ${b}: name two different segments`);
      const c = await withWarehouse(command, (db) => compareSegments(db, a, b));
      report(command, c, () =>
        [
          table(
            ['', c.a.segment, c.b.segment],
            [
              ['profiles', n(c.a.size), n(c.b.size)],
              ['share of all', pct(c.a.share), pct(c.b.share)],
              ['revenue', n(Math.round(c.a.revenue.total)), n(Math.round(c.b.revenue.total))],
              ['revenue per member', c.a.revenue.perMember ?? '', c.b.revenue.perMember ?? ''],
              ['have bought', pct(c.a.buyers.share), pct(c.b.buyers.share)],
              ['mean CLV', c.a.clv?.mean ?? 'n/a', c.b.clv?.mean ?? 'n/a'],
              ['mean churn risk', c.a.churnRisk?.mean ?? 'n/a', c.b.churnRisk?.mean ?? 'n/a'],
            ],
          ),
          `in both: ${n(c.overlap)}`,
          '',
          `differences (${c.a.segment} over ${c.b.segment}) — ${c.differences.correction}:`,
          features(c.differences.features),
        ].join('\n'),
      );
    });
}

function pct(x: number | null): string {
  return x === null ? 'n/a' : `${Math.round(x * 1000) / 10}%`;
}

function features(list: readonly Contrast[]): string {
  if (!list.length) return '  none significant';
  return table(
    ['feature', 'value', 'here', 'there', 'lift', 'q'],
    list
      .slice(0, 15)
      .map((f) => [
        f.feature,
        f.value ?? '(mean)',
        f.value === null ? (f.a ?? '') : pct(f.a),
        f.value === null ? (f.b ?? '') : pct(f.b),
        f.lift ?? '',
        f.qValue ?? '',
      ]),
  );
}
