import type { DataMap } from '@contracts/housekeeping';
import { useMemo, useState } from 'react';
import { api } from '../../api';
import { Chart, type ChartOption } from '../../chart';
import { label } from '../../format';
import { type MessageKey, t, tn } from '../../i18n';
import { Card, Fold, fmt, Loaded, useLoad, usePhone } from '../../ui';

type MapNode = DataMap['nodes'][number];
const TYPES = ['source', 'table', 'field', 'trait', 'model', 'segment', 'destination', 'journey'] as const;

/** Green within a week, amber within ninety days, red older, grey unknown (as `clientele map --format svg`). */
export function freshnessColour(freshness: string | null, now = Date.now()): string {
  if (!freshness) return '#9ca3af';
  const days = (now - new Date(freshness).getTime()) / 86_400_000;
  if (days <= 7) return '#16a34a';
  if (days <= 90) return '#d97706';
  return '#dc2626';
}

function walk(map: DataMap, id: string, direction: 'down' | 'up'): string[] {
  const next = new Map<string, string[]>();
  for (const e of map.edges) {
    const [from, to] = direction === 'down' ? [e.from, e.to] : [e.to, e.from];
    next.set(from, [...(next.get(from) ?? []), to]);
  }
  const seen = new Set<string>();
  const stack = [id];
  while (stack.length) {
    for (const n of next.get(stack.pop()!) ?? []) {
      if (!seen.has(n)) {
        seen.add(n);
        stack.push(n);
      }
    }
  }
  return [...seen];
}

// On a phone, a type with more nodes than this is listed folded.
const FOLD_FROM = 12;

const typeName = (type: string) => t(`hk.type.${type}` as MessageKey);
// A field node is named table.field: shown as its words.
const nodeName = (n: MapNode) => (n.type === 'source' ? n.name : n.name.split('.').map(label).join(' · '));

/** The data map: a graph at desktop width, a list by type on a phone; a node shows what depends on it. */
export function MapTab() {
  const map = useLoad('map', () => api<DataMap>('/v1/map'));
  const phone = usePhone();
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <Loaded load={map} empty={(m) => m.nodes.length === 0} emptyText={t('hk.map.empty')}>
      {(m) => (
        <div data-testid="data-map">
          <p className="muted small">
            {t('hk.map.what')} {tn('hk.map.count', m.nodes.length)}.
          </p>
          <p className="muted small legend">{t('hk.map.legend')}</p>
          <label className="inline hk-pick">
            {t('hk.map.pick')}{' '}
            <select
              value={selected ?? ''}
              onChange={(e) => setSelected(e.target.value || null)}
              data-testid="map-pick"
            >
              <option value="">{t('hk.map.pickPrompt')}</option>
              {TYPES.map((type) => {
                const of = m.nodes.filter((n) => n.type === type);
                return of.length ? (
                  <optgroup key={type} label={typeName(type)}>
                    {of.map((n) => (
                      <option key={n.id} value={n.id}>
                        {nodeName(n)}
                      </option>
                    ))}
                  </optgroup>
                ) : null;
              })}
            </select>
          </label>
          {selected && (
            <NodeDetail map={m} id={selected} close={() => setSelected(null)} pick={setSelected} />
          )}
          {phone ? (
            <NodeList map={m} pick={setSelected} />
          ) : (
            <Graph map={m} selected={selected} pick={setSelected} />
          )}
        </div>
      )}
    </Loaded>
  );
}

function Graph(props: { map: DataMap; selected: string | null; pick: (id: string) => void }) {
  const { map, selected } = props;
  const columns = TYPES.filter((type) => map.nodes.some((n) => n.type === type));
  // Fields are many: dots 12 px apart, labelled when near the picked node; other nodes 24 px apart, labelled.
  const spacing = (type: string) => (type === 'field' ? 12 : 24);
  const tallest = Math.max(...columns.map((c) => map.nodes.filter((n) => n.type === c).length * spacing(c)));
  const height = Math.min(2600, Math.max(420, tallest + 60));
  const option = useMemo<ChartOption>(() => {
    const near = selected
      ? new Set([selected, ...walk(map, selected, 'down'), ...walk(map, selected, 'up')])
      : null;
    const now = Date.now();
    const data = columns.flatMap((type, x) => {
      const of = map.nodes.filter((n) => n.type === type);
      return of.map((n, i) => ({
        id: n.id,
        name: nodeName(n),
        x: x * 200,
        y: ((i + 0.5) * tallest) / of.length,
        symbolSize: n.type === 'field' ? 8 : 14,
        itemStyle: {
          color: freshnessColour(n.freshness, now),
          opacity: near && !near.has(n.id) ? 0.2 : 1,
          borderColor: n.id === selected ? '#111827' : '#ffffff',
          borderWidth: n.id === selected ? 3 : 1,
        },
        // A field's label only near the picked node (ECharts kept item labels shown with show: false here).
        label: {
          show: n.type !== 'field' || near?.has(n.id) === true,
          position: 'right',
          fontSize: n.type === 'field' ? 10 : 11,
          opacity: n.type === 'field' && near?.has(n.id) !== true ? 0 : near && !near.has(n.id) ? 0.3 : 1,
        },
        tooltip: {
          formatter: `${typeName(n.type)}: ${nodeName(n)}${n.owner ? ` · ${t('hk.map.owner')}: ${n.owner}` : ''}`,
        },
      }));
    });
    return {
      tooltip: { trigger: 'item', renderMode: 'richText', confine: true },
      series: [
        {
          type: 'graph',
          layout: 'none',
          roam: true,
          left: 16,
          right: 140,
          top: 30,
          bottom: 16,
          edgeSymbol: ['none', 'arrow'],
          edgeSymbolSize: 5,
          label: { width: 130, overflow: 'truncate' },
          lineStyle: { color: '#cbd5e1', curveness: 0.15, opacity: 0.8 },
          data,
          edges: map.edges.map((e) => ({
            source: e.from,
            target: e.to,
            lineStyle:
              near?.has(e.from) && near.has(e.to) ? { color: '#3b5bdb', opacity: 1, width: 1.5 } : {},
          })),
        },
      ],
      graphic: [],
      xAxis: { show: false },
      yAxis: { show: false },
    };
  }, [map, selected, columns, tallest]);
  return (
    <Card>
      <div className="map-columns muted small">
        {columns.map((c) => (
          <span key={c}>{typeName(c)}</span>
        ))}
      </div>
      <Chart
        option={option}
        height={height}
        label={t('hk.tab.map')}
        testId="map-graph"
        onClick={(d) => {
          const id = (d as { id?: string } | undefined)?.id;
          if (id) props.pick(id);
        }}
      />
    </Card>
  );
}

function Dot(props: { node: MapNode }) {
  return (
    <span className="dot" style={{ background: freshnessColour(props.node.freshness) }} aria-hidden="true" />
  );
}

function NodeList(props: { map: DataMap; pick: (id: string) => void }) {
  return (
    <div className="node-list" data-testid="map-list">
      {TYPES.map((type) => {
        const of = props.map.nodes.filter((n) => n.type === type);
        if (!of.length) return null;
        return (
          // A long list (the fields, the traits) folded to its title: one line instead of hundreds.
          <Fold
            key={type}
            title={`${typeName(type)} (${fmt.int(of.length)})`}
            open={of.length <= FOLD_FROM}
            testId={`map-list-${type}`}
          >
            <ul>
              {of.map((n) => (
                <li key={n.id}>
                  <button type="button" className="link" onClick={() => props.pick(n.id)}>
                    <Dot node={n} /> {nodeName(n)}
                  </button>
                  {n.owner && <span className="muted small"> · {n.owner}</span>}
                </li>
              ))}
            </ul>
          </Fold>
        );
      })}
    </div>
  );
}

function NodeDetail(props: { map: DataMap; id: string; close: () => void; pick: (id: string) => void }) {
  const node = props.map.nodes.find((n) => n.id === props.id);
  if (!node) return null;
  const byId = new Map(props.map.nodes.map((n) => [n.id, n]));
  const down = walk(props.map, node.id, 'down').flatMap((id) => byId.get(id) ?? []);
  const sources = walk(props.map, node.id, 'up')
    .flatMap((id) => byId.get(id) ?? [])
    .filter((n) => n.type === 'source');
  const grouped = TYPES.map((type) => ({ type, nodes: down.filter((n) => n.type === type) })).filter(
    (g) => g.nodes.length,
  );
  return (
    <Card
      className="node-detail"
      title={`${typeName(node.type)}: ${nodeName(node)}`}
      actions={
        <button type="button" className="link" onClick={props.close}>
          {t('hk.map.close')}
        </button>
      }
    >
      <div data-testid="map-detail">
        <dl className="figures">
          <div>
            <dt>{t('hk.map.rows')}</dt>
            <dd>{fmt.int(node.rows)}</dd>
          </div>
          <div>
            <dt>{t('hk.map.fresh')}</dt>
            <dd>
              <Dot node={node} /> {fmt.when(node.freshness)}
            </dd>
          </div>
          <div>
            <dt>{t('hk.map.owner')}</dt>
            <dd>{node.owner ?? t('hk.map.noOwner')}</dd>
          </div>
        </dl>
        <h3>{t('hk.map.breaks')}</h3>
        {grouped.length === 0 ? (
          <p className="muted">{t('hk.map.nothingBreaks')}</p>
        ) : (
          <ul className="breaks" data-testid="map-breaks">
            {grouped.map((g) => (
              <li key={g.type}>
                <strong>{typeName(g.type)}:</strong>{' '}
                {g.nodes.map((n, i) => (
                  <span key={n.id}>
                    {i > 0 && ', '}
                    <button type="button" className="link" onClick={() => props.pick(n.id)}>
                      {nodeName(n)}
                    </button>
                  </span>
                ))}
              </li>
            ))}
          </ul>
        )}
        {node.type !== 'source' && (
          <>
            <h3>{t('hk.map.from')}</h3>
            <p>{sources.length ? sources.map(nodeName).join(', ') : t('hk.map.noSources')}</p>
          </>
        )}
      </div>
    </Card>
  );
}
