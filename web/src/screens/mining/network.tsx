import { useMemo } from 'react';
import { Chart, type ChartOption } from '../../chart';
import { fmt } from '../../format';
import { t } from '../../i18n';
import { itemNetwork, type NetworkRule } from './network-data';

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
