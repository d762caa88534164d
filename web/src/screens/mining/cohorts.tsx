import { useMemo, useState } from 'react';
import { Chart, type ChartOption } from '../../chart';
import { fmt } from '../../format';
import { t, tn } from '../../i18n';
import { Choice, JobForm, useRun } from './run';

interface CohortsAnswer {
  by: 'month' | 'week';
  metric: 'customers' | 'revenue';
  cohorts: { cohort: string; size: number; values: number[]; rates: number[]; perCustomer: number[] }[];
  average: number[];
}

/** Retention by first-order cohort as a heatmap: rows are cohorts, columns the periods since. */
export function CohortsTab() {
  const job = useRun<CohortsAnswer>('/v1/mining/cohorts');
  const [by, setBy] = useState<'month' | 'week'>('month');
  const [metric, setMetric] = useState<'customers' | 'revenue'>('customers');
  return (
    <JobForm
      what={t('mining.cohorts.what')}
      busy={job.busy}
      error={job.error}
      onRun={() => job.run({ by, metric })}
      testId="mining-cohorts-result"
      result={job.data && <CohortsResult data={job.data} />}
    >
      <Choice
        label={t('mining.cohorts.metric')}
        value={metric}
        onChange={setMetric}
        options={[
          { value: 'customers', label: t('mining.measure.customers') },
          { value: 'revenue', label: t('mining.measure.revenue') },
        ]}
      />
      <Choice
        label={t('mining.trend.by')}
        value={by}
        onChange={setBy}
        options={[
          { value: 'month', label: t('mining.grain.month') },
          { value: 'week', label: t('mining.grain.week') },
        ]}
      />
    </JobForm>
  );
}

function CohortsResult(props: { data: CohortsAnswer }) {
  const d = props.data;
  // The latest cohorts have the fewest periods; twenty-four rows keep the picture readable.
  const cohorts = d.cohorts.slice(-24);
  const width = Math.min(25, Math.max(0, ...cohorts.map((c) => c.values.length)));
  const revenue = d.metric === 'revenue';
  // biome-ignore lint/correctness/useExhaustiveDependencies: everything in it derives from the answer.
  const option = useMemo<ChartOption>(() => {
    const rows = cohorts.map(
      (c) => `${d.by === 'month' ? fmt.month(c.cohort) : fmt.day(c.cohort)} (${fmt.int(c.size)})`,
    );
    const cols = Array.from({ length: width }, (_, i) => String(i));
    const data: [number, number, number, string][] = [];
    cohorts.forEach((c, y) => {
      for (let x = 0; x < Math.min(width, c.rates.length); x++) {
        const rate = c.rates[x] ?? 0;
        const shown = revenue ? fmt.money(c.perCustomer[x] ?? null) : fmt.pct(rate, 0);
        data.push([x, y, rate, shown]);
      }
    });
    const max = Math.max(0.05, ...data.filter((p) => p[0] > 0).map((p) => p[2]));
    return {
      grid: { left: 8, right: 8, top: 8, bottom: 64, containLabel: true },
      tooltip: {
        renderMode: 'richText',
        confine: true,
        formatter: (p: { data: [number, number, number, string] }) =>
          `${rows[p.data[1]] ?? ''}\n${t(d.by === 'month' ? 'mining.cohorts.monthN' : 'mining.cohorts.weekN', { n: p.data[0] })}: ${p.data[3]}`,
      },
      xAxis: {
        type: 'category',
        data: cols,
        name: t(d.by === 'month' ? 'mining.cohorts.monthsSince' : 'mining.cohorts.weeksSince'),
        nameLocation: 'middle',
        nameGap: 24,
        splitArea: { show: true },
      },
      yAxis: { type: 'category', data: rows, inverse: true, axisLabel: { fontSize: 11 } },
      visualMap: {
        // The colour follows the number (dimension 2), not the label carried beside it.
        dimension: 2,
        min: 0,
        max,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: 120,
        // The scale's ends in words (without them the bar was a colour with no meaning); the top end is
        // capped, so the first period (everyone, 100 %) does not wash out the rest.
        text: [`${fmt.pct(max, 0)}+`, fmt.pct(0, 0)],
        formatter: (v: number) => fmt.pct(v, 0),
        inRange: { color: ['#f1f3fb', '#3b5bdb'] },
      },
      series: [
        {
          type: 'heatmap',
          name: t('mining.cohorts.retention'),
          data: data.map((p) => [p[0], p[1], Math.min(p[2], max), p[3]]),
          label: {
            show: width <= 13,
            fontSize: 10,
            formatter: (p: { data: unknown[] }) => String(p.data[3]),
          },
        },
      ],
    };
  }, [d]);
  if (cohorts.length === 0) return <p className="state empty">{t('mining.noData')}</p>;
  const second = d.average[1];
  return (
    <>
      <p className="small muted">
        {tn('mining.cohorts.summary', cohorts.length)}{' '}
        {second !== undefined && t('mining.cohorts.second', { share: fmt.pct(second) })}
      </p>
      <div className="chart-scroll">
        <div style={{ minWidth: Math.max(320, width * 34 + 120) }}>
          <Chart option={option} label={t('mining.cohorts.chart')} height={cohorts.length * 22 + 110} />
        </div>
      </div>
    </>
  );
}
