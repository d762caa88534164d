import { useMemo, useState } from 'react';
import { Chart, type ChartOption } from '../../chart';
import { fmt, plain } from '../../format';
import { locale, t } from '../../i18n';
import { JobForm, useRun } from './run';

interface ConcentrationAnswer {
  filter: string;
  by: string;
  period: string;
  measure: string;
  rows: {
    value: string;
    total: number;
    cells: { period: number; value: number; share: number; expectedShare: number; lift: number }[];
    peak: string | null;
  }[];
}

function periodName(kind: string, p: number): string {
  if (kind === 'month')
    return new Intl.DateTimeFormat(locale(), { month: 'short', timeZone: 'UTC' }).format(
      Date.UTC(2001, p - 1, 1),
    );
  // ISO weekday 1 = Monday; 2001-01-01 was a Monday.
  if (kind === 'weekday')
    return new Intl.DateTimeFormat(locale(), { weekday: 'short', timeZone: 'UTC' }).format(
      Date.UTC(2001, 0, p),
    );
  return String(p);
}

/** Where a slice of the business is over-represented: dimension values × periods as a heatmap of lift. */
export function ConcentrationTab() {
  const job = useRun<ConcentrationAnswer>('/v1/mining/concentration');
  const [filter, setFilter] = useState('category=Apparel');
  return (
    <JobForm
      what={t('mining.concentration.what')}
      busy={job.busy}
      error={job.error}
      onRun={() => job.run({ filter: filter.trim() })}
      testId="mining-concentration-result"
      result={job.data && <ConcentrationResult data={job.data} />}
    >
      <label className="inline grow">
        <span>{t('mining.concentration.slice')}</span>
        <input value={filter} onChange={(e) => setFilter(e.target.value)} />
      </label>
    </JobForm>
  );
}

function ConcentrationResult(props: { data: ConcentrationAnswer }) {
  const d = props.data;
  const rows = d.rows.slice(0, 15);
  const periods = [...new Set(rows.flatMap((r) => r.cells.map((c) => c.period)))].sort((a, b) => a - b);
  // biome-ignore lint/correctness/useExhaustiveDependencies: everything in it derives from the answer.
  const option = useMemo<ChartOption>(() => {
    const data: [number, number, number, string][] = [];
    rows.forEach((r, y) => {
      for (const c of r.cells) {
        const x = periods.indexOf(c.period);
        data.push([x, y, Math.min(c.lift, 3), `${fmt.pct(c.share)} · ${fmt.times(c.lift)}`]);
      }
    });
    return {
      grid: { left: 8, right: 8, top: 8, bottom: 56, containLabel: true },
      tooltip: {
        renderMode: 'richText',
        confine: true,
        formatter: (p: { data: [number, number, number, string] }) =>
          `${rows[p.data[1]]?.value ?? ''}, ${periodName(d.period, periods[p.data[0]] ?? 0)}\n${p.data[3]}`,
      },
      xAxis: {
        type: 'category',
        data: periods.map((p) => periodName(d.period, p)),
        splitArea: { show: true },
      },
      yAxis: { type: 'category', data: rows.map((r) => r.value), inverse: true },
      visualMap: {
        // The colour follows the number (dimension 2), not the label carried beside it.
        dimension: 2,
        min: 0,
        max: 3,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: 120,
        formatter: (v: number) => fmt.times(v),
        inRange: { color: ['#e7f5ff', '#f1f3f5', '#e64980'] },
      },
      series: [{ type: 'heatmap', name: t('mining.concentration.lift'), data }],
    };
  }, [d]);
  if (rows.length === 0) return <p className="state empty">{t('mining.noData')}</p>;
  return (
    <>
      <p className="small muted">{t('mining.concentration.legend', { slice: d.filter })}</p>
      <div className="chart-scroll">
        <div style={{ minWidth: Math.max(320, periods.length * 30 + 100) }}>
          <Chart option={option} label={t('mining.concentration.chart')} height={rows.length * 26 + 100} />
        </div>
      </div>
      <ul className="findings">
        {rows
          .filter((r) => r.peak)
          .map((r) => (
            <li key={r.value}>
              <strong>{r.value}</strong> ({fmt.money(r.total)}): {plain(r.peak ?? '')}
            </li>
          ))}
      </ul>
    </>
  );
}
