import { useMemo } from 'react';
import { Chart, type ChartOption } from '../../chart';
import { fmt } from '../../format';
import { t } from '../../i18n';

/** A basket rule as the network reads it. */
export interface NetworkRule {
  antecedent: string[];
  consequent: string[];
  support: number;
  confidence: number;
  lift: number;
}

/** An item with its share of orders, and a pair bought together with its lift. */
export interface ItemNetwork {
  items: { name: string; support: number }[];
  pairs: { a: string; b: string; lift: number }[];
}

/**
 * The item network of one-to-one rules with lift above 1: items as nodes, pairs as edges. An item's support
 * is read off the rules (support ÷ confidence is the "if" side's, confidence ÷ lift the "then" side's); a pair
 * found in both directions is one edge (lift is symmetric).
 */
export function itemNetwork(rules: readonly NetworkRule[]): ItemNetwork {
  const support = new Map<string, number>();
  const pairs = new Map<string, { a: string; b: string; lift: number }>();
  for (const r of rules) {
    const [a] = r.antecedent;
    const [b] = r.consequent;
    if (r.antecedent.length !== 1 || r.consequent.length !== 1 || !a || !b || !(r.lift > 1)) continue;
    if (r.confidence > 0) support.set(a, Math.max(support.get(a) ?? 0, r.support / r.confidence));
    if (r.lift > 0) support.set(b, Math.max(support.get(b) ?? 0, r.confidence / r.lift));
    const [x, y] = a < b ? [a, b] : [b, a];
    const key = `${x}\u0000${y}`;
    const seen = pairs.get(key);
    if (!seen || seen.lift < r.lift) pairs.set(key, { a: x, b: y, lift: r.lift });
  }
  return {
    items: [...support].map(([name, s]) => ({ name, support: s })).sort((p, q) => q.support - p.support),
    pairs: [...pairs.values()].sort((p, q) => q.lift - p.lift),
  };
}

/** At most this many items are drawn, the most bought first; the list below names every pair. */
const MAX_ITEMS = 30;

/**
 * The network as an ECharts graph (circular layout: the same picture every time), nodes sized by support and
 * edges as thick as their lift; on a phone, the same pairs as a list of each item's partners.
 */
export function BasketNetwork(props: { rules: readonly NetworkRule[] }) {
  const net = useMemo(() => itemNetwork(props.rules), [props.rules]);
  const option = useMemo<ChartOption>(() => {
    const items = net.items.slice(0, MAX_ITEMS);
    const shown = new Set(items.map((i) => i.name));
    const top = items[0]?.support ?? 1;
    const maxLift = Math.max(1.01, ...net.pairs.map((p) => p.lift));
    return {
      tooltip: { trigger: 'item', renderMode: 'richText', confine: true },
      series: [
        {
          type: 'graph',
          layout: 'circular',
          circular: { rotateLabel: true },
          roam: false,
          label: { show: true, position: 'right', fontSize: 11, width: 120, overflow: 'truncate' },
          lineStyle: { color: 'source', opacity: 0.55, curveness: 0.2 },
          emphasis: { focus: 'adjacency' },
          data: items.map((i) => ({
            name: i.name,
            value: i.support,
            symbolSize: 8 + 28 * Math.sqrt(i.support / top),
            tooltip: { formatter: `${i.name}: ${fmt.pct(i.support)} ${t('mining.basket.ofOrders')}` },
          })),
          links: net.pairs
            .filter((p) => shown.has(p.a) && shown.has(p.b))
            .map((p) => ({
              source: p.a,
              target: p.b,
              value: p.lift,
              lineStyle: { width: 1 + 5 * ((p.lift - 1) / (maxLift - 1)) },
              tooltip: { formatter: `${p.a} + ${p.b}: ${fmt.times(p.lift)}` },
            })),
        },
      ],
    };
  }, [net]);
  if (!net.pairs.length) return null;
  const partners = net.items
    .map((i) => ({
      item: i,
      with: net.pairs
        .filter((p) => p.a === i.name || p.b === i.name)
        .map((p) => ({ name: p.a === i.name ? p.b : p.a, lift: p.lift })),
    }))
    .filter((x) => x.with.length > 0);
  return (
    <div className="basket-network" data-testid="basket-network">
      <h3>{t('mining.basket.network')}</h3>
      <p className="small muted">{t('mining.basket.networkNote')}</p>
      <div className="network-chart">
        <Chart option={option} label={t('mining.basket.network')} height={460} />
      </div>
      <ul className="network-list">
        {partners.map((x) => (
          <li key={x.item.name}>
            <strong>{x.item.name}</strong>{' '}
            <span className="muted small">
              ({fmt.pct(x.item.support)} {t('mining.basket.ofOrders')})
            </span>
            <br />
            {t('mining.basket.boughtWith')} {x.with.map((w) => `${w.name} (${fmt.times(w.lift)})`).join(', ')}
          </li>
        ))}
      </ul>
    </div>
  );
}
