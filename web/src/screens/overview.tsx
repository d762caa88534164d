import { useMemo } from 'react';
import { api, qs } from '../api';
import { barsOption, Chart, type ChartOption, donutOption } from '../chart';
import { label } from '../format';
import { type MessageKey, t, tn } from '../i18n';
import { navigate } from '../router';
import { segmentTitle } from '../segment-words';
import type { Breakdown, Overview as OverviewData, SegmentSummary } from '../types';
import { Card, fmt, Kpi, Loaded, useLoad } from '../ui';

const PRESETS: { id: string; label: MessageKey; days: number | null }[] = [
  { id: '30d', label: 'overview.last30', days: 30 },
  { id: '90d', label: 'overview.last90', days: 90 },
  { id: '12m', label: 'overview.last12m', days: 365 },
  { id: 'all', label: 'overview.all', days: null },
];

function shift(day: string, by: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + by * 86_400_000).toISOString().slice(0, 10);
}

function setQuery(query: URLSearchParams, changes: Record<string, string | null>): void {
  const next = new URLSearchParams(query);
  for (const [k, v] of Object.entries(changes)) {
    if (v) next.set(k, v);
    else next.delete(k);
  }
  const s = next.toString();
  navigate(`/${s ? `?${s}` : ''}`, true);
}

function breakdownBars(rows: Breakdown[], name: string): ChartOption {
  return barsOption(
    rows.map((r) => ({ key: label(r.key), value: r.customers })),
    name,
  );
}

/** The first screen: who the customers are, how active, what they spend, where they come from. */
export function Overview(props: { query: URLSearchParams }) {
  const from = props.query.get('from');
  const to = props.query.get('to');
  const segment = props.query.get('segment');
  const preset = props.query.get('range') ?? '12m';
  const load = useLoad(`${from}|${to}|${segment}`, () =>
    api<OverviewData>(`/v1/overview${qs({ from, to, segment })}`),
  );
  const segments = useLoad('segments', () => api<SegmentSummary[]>('/v1/segments'));
  const last = load.data?.dataRange.last;
  const first = load.data?.dataRange.first;
  const choosePreset = (id: string) => {
    const p = PRESETS.find((x) => x.id === id);
    if (!p || !last) return setQuery(props.query, { range: id });
    setQuery(props.query, {
      range: id,
      to: p.days === null ? last : null,
      from: p.days === null ? (first ?? null) : shift(last, -(p.days - 1)),
    });
  };
  return (
    <div className="screen">
      <div className="screen-head">
        <h1>{t('nav.overview')}</h1>
        <div className="filters">
          <label>
            <span>{t('overview.range')}</span>
            <select
              value={preset}
              onChange={(e) => choosePreset(e.target.value)}
              aria-label={t('overview.timeRange')}
            >
              {PRESETS.map((p) => (
                <option key={p.id} value={p.id}>
                  {t(p.label)}
                </option>
              ))}
              <option value="custom">{t('overview.custom')}</option>
            </select>
          </label>
          <label>
            <span>{t('overview.from')}</span>
            <input
              type="date"
              value={load.data?.range.from ?? from ?? ''}
              onChange={(e) => setQuery(props.query, { from: e.target.value, range: 'custom' })}
            />
          </label>
          <label>
            <span>{t('overview.to')}</span>
            <input
              type="date"
              value={load.data?.range.to ?? to ?? ''}
              onChange={(e) => setQuery(props.query, { to: e.target.value, range: 'custom' })}
            />
          </label>
          <label>
            <span>{t('overview.segment')}</span>
            <select
              value={segment ?? ''}
              aria-label={t('overview.segment')}
              onChange={(e) => setQuery(props.query, { segment: e.target.value || null })}
            >
              <option value="">{t('overview.allCustomers')}</option>
              {(segments.data ?? []).map((s) => (
                <option key={s.name} value={s.name}>
                  {segmentTitle(s.name)}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      <Loaded load={load} empty={(d) => d.totals.profiles === 0} emptyText={<EmptyDatabase />}>
        {(d) => <OverviewBody data={d} />}
      </Loaded>
    </div>
  );
}

function EmptyDatabase() {
  return <>{t('overview.empty')}</>;
}

function OverviewBody(props: { data: OverviewData }) {
  const d = props.data;
  const tt = d.totals;
  const trend = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 8, top: 30, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', renderMode: 'richText', confine: true },
      xAxis: { type: 'category', data: d.revenueByMonth.map((m) => fmt.month(m.month)) },
      yAxis: [
        { type: 'value', name: '', axisLabel: { formatter: (v: number) => fmt.compactMoney(v) } },
        {
          type: 'value',
          splitLine: { show: false },
          axisLabel: { formatter: (v: number) => fmt.compact(v) },
        },
      ],
      series: [
        {
          type: 'bar',
          name: t('mining.measure.revenue'),
          data: d.revenueByMonth.map((m) => m.revenue),
          barMaxWidth: 24,
        },
        {
          type: 'line',
          name: t('overview.buyers'),
          yAxisIndex: 1,
          data: d.revenueByMonth.map((m) => m.buyers),
        },
      ],
    }),
    [d],
  );
  const value = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 8, top: 30, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', renderMode: 'richText', confine: true },
      xAxis: {
        type: 'category',
        data: d.valueDistribution.map((b) =>
          b.to === null ? `${fmt.compactMoney(b.from)}+` : `< ${fmt.compactMoney(b.to)}`,
        ),
      },
      yAxis: [
        { type: 'value', axisLabel: { formatter: (v: number) => fmt.compact(v) } },
        {
          type: 'value',
          splitLine: { show: false },
          axisLabel: { formatter: (v: number) => fmt.compact(v) },
        },
      ],
      series: [
        {
          type: 'bar',
          name: t('mining.measure.customers'),
          data: d.valueDistribution.map((b) => b.customers),
        },
        {
          type: 'line',
          name: t('mining.measure.revenue'),
          yAxisIndex: 1,
          data: d.valueDistribution.map((b) => b.revenue),
        },
      ],
    }),
    [d],
  );
  const countries = useMemo(() => breakdownBars(d.countries, t('mining.measure.customers')), [d]);
  const channels = useMemo(() => breakdownBars(d.channels, t('mining.measure.customers')), [d]);
  const devices = useMemo(
    () =>
      donutOption(
        d.devices.map((r) => ({ key: label(r.key), value: r.customers })),
        t('overview.devices'),
      ),
    [d],
  );
  const os = useMemo(
    () =>
      donutOption(
        d.os.map((r) => ({ key: r.key, value: r.customers })),
        t('overview.os'),
      ),
    [d],
  );
  return (
    <div className="overview" data-testid="overview">
      <div className="kpis">
        <Kpi
          label={t('mining.measure.customers')}
          value={fmt.int(tt.customers)}
          sub={tn('overview.prospects', tt.prospects)}
          testId="kpi-customers"
        />
        <Kpi
          label={t('overview.active')}
          value={fmt.int(tt.active)}
          sub={t('overview.before', { n: fmt.int(tt.activePrevious) })}
          testId="kpi-active"
        />
        <Kpi
          label={t('overview.revenue')}
          value={fmt.money(tt.revenue)}
          sub={tn('common.orders', tt.orders)}
          testId="kpi-revenue"
        />
        <Kpi
          label={t('overview.growth')}
          value={
            tt.growth === null ? (
              '–'
            ) : (
              <span className={tt.growth >= 0 ? 'up' : 'down'}>
                {tt.growth >= 0 ? '▲' : '▼'} {fmt.pct(Math.abs(tt.growth))}
              </span>
            )
          }
          sub={t('overview.vs', { from: fmt.day(d.range.previousFrom), to: fmt.day(d.range.previousTo) })}
          testId="kpi-growth"
        />
        <Kpi label={t('overview.newBuyers')} value={fmt.int(tt.newBuyers)} sub={t('overview.firstOrder')} />
        <Kpi
          label={t('overview.lifetime')}
          value={fmt.money(tt.lifetimeRevenue)}
          sub={tn('overview.buyersN', tt.buyers)}
        />
      </div>
      <p className="muted small">
        {fmt.day(d.range.from)} – {fmt.day(d.range.to)}
        {d.segment ? ` · ${t('overview.segmentNamed', { name: segmentTitle(d.segment) })}` : ''} ·{' '}
        {t('overview.dataFrom', { from: fmt.day(d.dataRange.first), to: fmt.day(d.dataRange.last) })}
      </p>
      <div className="grid two">
        <Card title={t('overview.byMonth')}>
          {d.revenueByMonth.length ? (
            <Chart option={trend} label={t('overview.byMonth')} testId="chart-trend" />
          ) : (
            <div className="state empty">{t('overview.noOrders')}</div>
          )}
        </Card>
        <Card title={t('overview.valueDist')}>
          <Chart option={value} label={t('overview.valueDist')} testId="chart-value" />
        </Card>
        <Card title={t('overview.geo')}>
          <Chart option={countries} label={t('overview.geo')} height={300} />
        </Card>
        <Card title={t('overview.channels')}>
          <Chart option={channels} label={t('overview.channels')} height={300} />
        </Card>
        <Card title={t('overview.devices')}>
          <Chart option={devices} label={t('overview.devices')} height={260} />
        </Card>
        <Card title={t('overview.os')}>
          <Chart option={os} label={t('overview.os')} height={260} />
        </Card>
      </div>
    </div>
  );
}
