import { useMemo } from 'react';
import { api, qs } from '../api';
import { barsOption, Chart, type ChartOption, donutOption } from '../chart';
import { navigate } from '../router';
import type { Breakdown, Overview as OverviewData, SegmentSummary } from '../types';
import { Card, fmt, Kpi, Loaded, useLoad } from '../ui';

const PRESETS: { id: string; label: string; days: number | null }[] = [
  { id: '30d', label: 'Last 30 days', days: 30 },
  { id: '90d', label: 'Last 90 days', days: 90 },
  { id: '12m', label: 'Last 12 months', days: 365 },
  { id: 'all', label: 'All time', days: null },
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
    rows.map((r) => ({ key: r.key, value: r.customers })),
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
        <h1>Overview</h1>
        <div className="filters">
          <label>
            <span>Range</span>
            <select value={preset} onChange={(e) => choosePreset(e.target.value)} aria-label="Time range">
              {PRESETS.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
              <option value="custom">Custom</option>
            </select>
          </label>
          <label>
            <span>From</span>
            <input
              type="date"
              value={load.data?.range.from ?? from ?? ''}
              onChange={(e) => setQuery(props.query, { from: e.target.value, range: 'custom' })}
            />
          </label>
          <label>
            <span>To</span>
            <input
              type="date"
              value={load.data?.range.to ?? to ?? ''}
              onChange={(e) => setQuery(props.query, { to: e.target.value, range: 'custom' })}
            />
          </label>
          <label>
            <span>Segment</span>
            <select
              value={segment ?? ''}
              aria-label="Segment"
              onChange={(e) => setQuery(props.query, { segment: e.target.value || null })}
            >
              <option value="">All customers</option>
              {(segments.data ?? []).map((s) => (
                <option key={s.name} value={s.name}>
                  {s.name}
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
  return (
    <>
      No customers yet. Import files with <code>clientele import</code> (or the Data screen), or try{' '}
      <code>clientele demo</code>.
    </>
  );
}

function OverviewBody(props: { data: OverviewData }) {
  const d = props.data;
  const t = d.totals;
  const trend = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 8, top: 30, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', renderMode: 'richText', confine: true },
      xAxis: { type: 'category', data: d.revenueByMonth.map((m) => m.month) },
      yAxis: [
        { type: 'value', name: '', axisLabel: { formatter: (v: number) => fmt.compact(v) } },
        {
          type: 'value',
          splitLine: { show: false },
          axisLabel: { formatter: (v: number) => fmt.compact(v) },
        },
      ],
      series: [
        { type: 'bar', name: 'Revenue', data: d.revenueByMonth.map((m) => m.revenue), barMaxWidth: 24 },
        { type: 'line', name: 'Buyers', yAxisIndex: 1, data: d.revenueByMonth.map((m) => m.buyers) },
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
          b.to === null ? `${fmt.compact(b.from)}+` : `<${fmt.compact(b.to)}`,
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
        { type: 'bar', name: 'Customers', data: d.valueDistribution.map((b) => b.customers) },
        { type: 'line', name: 'Revenue', yAxisIndex: 1, data: d.valueDistribution.map((b) => b.revenue) },
      ],
    }),
    [d],
  );
  const countries = useMemo(() => breakdownBars(d.countries, 'Customers'), [d]);
  const channels = useMemo(() => breakdownBars(d.channels, 'Customers'), [d]);
  const devices = useMemo(
    () =>
      donutOption(
        d.devices.map((r) => ({ key: r.key, value: r.customers })),
        'Devices',
      ),
    [d],
  );
  const os = useMemo(
    () =>
      donutOption(
        d.os.map((r) => ({ key: r.key, value: r.customers })),
        'Operating systems',
      ),
    [d],
  );
  return (
    <div className="overview" data-testid="overview">
      <div className="kpis">
        <Kpi
          label="Customers"
          value={fmt.int(t.customers)}
          sub={`${fmt.int(t.prospects)} prospects`}
          testId="kpi-customers"
        />
        <Kpi
          label="Active in range"
          value={fmt.int(t.active)}
          sub={`${fmt.int(t.activePrevious)} the period before`}
          testId="kpi-active"
        />
        <Kpi
          label="Revenue in range"
          value={fmt.money(t.revenue)}
          sub={`${fmt.int(t.orders)} orders`}
          testId="kpi-revenue"
        />
        <Kpi
          label="Growth"
          value={
            t.growth === null ? (
              '–'
            ) : (
              <span className={t.growth >= 0 ? 'up' : 'down'}>
                {t.growth >= 0 ? '▲' : '▼'} {fmt.pct(Math.abs(t.growth))}
              </span>
            )
          }
          sub={`vs ${d.range.previousFrom} – ${d.range.previousTo}`}
          testId="kpi-growth"
        />
        <Kpi label="New buyers" value={fmt.int(t.newBuyers)} sub="first order in range" />
        <Kpi
          label="Lifetime revenue"
          value={fmt.money(t.lifetimeRevenue)}
          sub={`${fmt.int(t.buyers)} buyers`}
        />
      </div>
      <p className="muted small">
        {d.range.from} – {d.range.to}
        {d.segment ? ` · segment ${d.segment}` : ''} · data from {d.dataRange.first ?? '–'} to{' '}
        {d.dataRange.last ?? '–'}
      </p>
      <div className="grid two">
        <Card title="Revenue and buyers by month">
          {d.revenueByMonth.length ? (
            <Chart option={trend} label="Revenue and buyers by month" testId="chart-trend" />
          ) : (
            <div className="state empty">No orders in this range.</div>
          )}
        </Card>
        <Card title="Value distribution (lifetime revenue)">
          <Chart option={value} label="Customers by lifetime revenue" testId="chart-value" />
        </Card>
        <Card title="Geography">
          <Chart option={countries} label="Customers by country" height={300} />
        </Card>
        <Card title="Acquisition channels">
          <Chart option={channels} label="Customers by acquisition channel" height={300} />
        </Card>
        <Card title="Devices">
          <Chart option={devices} label="Customers by device" height={260} />
        </Card>
        <Card title="Operating systems">
          <Chart option={os} label="Customers by operating system" height={260} />
        </Card>
      </div>
    </div>
  );
}
