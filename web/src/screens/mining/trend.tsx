import { useMemo, useState } from 'react';
import { Chart, type ChartOption, PALETTE } from '../../chart';
import { fmt } from '../../format';
import { t } from '../../i18n';
import { Choice, JobForm, useRun } from './run';

interface TrendPoint {
  period: string;
  value: number;
  change: number | null;
  changePct: number | null;
  expected: number | null;
  partial: boolean;
}
interface TrendAnswer {
  measure: string;
  by: 'day' | 'week' | 'month';
  series: {
    key: string;
    total: number;
    points: TrendPoint[];
    note: string | null;
    anomalies: { period: string; value: number; expected: number | null; direction: 'above' | 'below' }[];
  }[];
}

type Measure = 'revenue' | 'orders' | 'customers';
type Grain = 'day' | 'week' | 'month';

/** A measure by period as a line, its seasonal expectation dashed, anomalies marked. */
export function TrendTab() {
  const job = useRun<TrendAnswer>('/v1/mining/trend');
  const [measure, setMeasure] = useState<Measure>('revenue');
  const [by, setBy] = useState<Grain>('month');
  return (
    <JobForm
      what={t('mining.trend.what')}
      busy={job.busy}
      error={job.error}
      onRun={() => job.run({ measure, by })}
      testId="mining-trend-result"
      result={job.data && <TrendResult data={job.data} />}
    >
      <Choice
        label={t('mining.trend.measure')}
        value={measure}
        onChange={setMeasure}
        options={(['revenue', 'orders', 'customers'] as const).map((m) => ({
          value: m,
          label: t(`mining.measure.${m}`),
        }))}
      />
      <Choice
        label={t('mining.trend.by')}
        value={by}
        onChange={setBy}
        options={(['day', 'week', 'month'] as const).map((g) => ({
          value: g,
          label: t(`mining.grain.${g}`),
        }))}
      />
    </JobForm>
  );
}

function TrendResult(props: { data: TrendAnswer }) {
  const d = props.data;
  const s = d.series[0];
  const money = d.measure === 'revenue';
  const value = (v: number | null) => (money ? fmt.money(v) : fmt.int(v));
  const periodName = (p: string) => (d.by === 'month' ? fmt.month(p) : fmt.day(p));
  // biome-ignore lint/correctness/useExhaustiveDependencies: everything in it derives from the answer.
  const option = useMemo<ChartOption | null>(() => {
    if (!s) return null;
    const labels = s.points.map((p) => periodName(p.period));
    const at = new Map(s.points.map((p, i) => [p.period, i]));
    return {
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: {
        trigger: 'axis',
        renderMode: 'richText',
        confine: true,
        valueFormatter: (v: number) => value(v),
      },
      xAxis: { type: 'category', data: labels, axisLabel: { hideOverlap: true } },
      yAxis: {
        type: 'value',
        axisLabel: { formatter: (v: number) => (money ? fmt.compactMoney(v) : fmt.compact(v)) },
      },
      series: [
        {
          type: 'line',
          name: t(`mining.measure.${d.measure as Measure}`),
          data: s.points.map((p) => p.value),
          showSymbol: false,
        },
        {
          type: 'line',
          name: t('mining.trend.expected'),
          data: s.points.map((p) => p.expected),
          showSymbol: false,
          lineStyle: { type: 'dashed' },
        },
        {
          type: 'scatter',
          name: t('mining.trend.anomalies'),
          symbolSize: 11,
          itemStyle: { color: PALETTE[6] },
          data: s.anomalies.map((a) => [at.get(a.period) ?? 0, a.value]),
        },
      ],
    };
  }, [d]);
  if (!s || !option) return <p className="state empty">{t('mining.noData')}</p>;
  return (
    <>
      <p className="small muted">
        {t('mining.trend.total', { total: value(s.total) })}
        {s.note ? ` ${s.note}` : ''}
      </p>
      <Chart option={option} label={t('mining.trend.chart')} height={300} />
      {s.anomalies.length > 0 ? (
        <ul>
          {s.anomalies.map((a) => (
            <li key={a.period}>
              {t(a.direction === 'above' ? 'mining.trend.above' : 'mining.trend.below', {
                period: periodName(a.period),
                value: value(a.value),
                expected: value(a.expected),
              })}
            </li>
          ))}
        </ul>
      ) : (
        <p className="small muted">{t('mining.trend.noAnomaly')}</p>
      )}
    </>
  );
}
