import { useMemo, useState } from 'react';
import { Chart, type ChartOption } from '../../chart';
import { fmt } from '../../format';
import { t } from '../../i18n';
import { Table } from '../../ui';
import { JobForm, useRun } from './run';

interface FunnelAnswer {
  steps: {
    step: string;
    count: number;
    conversion: number;
    stepConversion: number;
    dropOff: number;
    dropOffRate: number;
    medianSecondsFromPrevious: number | null;
  }[];
  windowSeconds: number;
}

/** A funnel as bars: how many reach each step, conversion from the start, drop-off, time between steps. */
export function FunnelTab() {
  const job = useRun<FunnelAnswer>('/v1/mining/funnel');
  const [steps, setSteps] = useState('Product Viewed, Product Added, Checkout Started, Order Completed');
  const list = steps
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return (
    <JobForm
      what={t('mining.funnel.what')}
      busy={job.busy}
      error={job.error}
      onRun={() => job.run({ steps: list })}
      testId="mining-funnel-result"
      result={job.data && <FunnelResult data={job.data} />}
    >
      <label className="inline grow">
        <span>{t('mining.funnel.steps')}</span>
        <input value={steps} onChange={(e) => setSteps(e.target.value)} />
      </label>
    </JobForm>
  );
}

function FunnelResult(props: { data: FunnelAnswer }) {
  const steps = props.data.steps;
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 16, top: 24, bottom: 24, containLabel: true },
      legend: { top: 0 },
      tooltip: {
        trigger: 'axis',
        renderMode: 'richText',
        confine: true,
        valueFormatter: (v: number) => fmt.int(v),
      },
      xAxis: {
        type: 'category',
        data: steps.map((s) => s.step),
        axisLabel: { interval: 0, width: 80, overflow: 'break' },
      },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt.compact(v) } },
      series: [
        {
          type: 'bar',
          stack: 'all',
          name: t('mining.funnel.reached'),
          data: steps.map((s) => s.count),
          barMaxWidth: 64,
          label: {
            show: true,
            position: 'inside',
            color: '#fff',
            formatter: (p: { dataIndex: number }) => fmt.pct(steps[p.dataIndex]?.conversion ?? null, 0),
          },
        },
        {
          type: 'bar',
          stack: 'all',
          name: t('mining.funnel.dropped'),
          data: steps.map((s) => s.dropOff),
          itemStyle: { color: '#ffc9c9' },
          barMaxWidth: 64,
        },
      ],
    }),
    [steps],
  );
  const last = steps[steps.length - 1];
  return (
    <>
      {last && (
        <p className="small muted">
          {t('mining.funnel.summary', {
            share: fmt.pct(last.conversion),
            window: fmt.duration(props.data.windowSeconds),
          })}
        </p>
      )}
      <Chart option={option} label={t('mining.funnel.chart')} height={280} />
      <Table
        stack
        head={[
          t('mining.funnel.step'),
          t('mining.funnel.reached'),
          t('mining.funnel.fromStart'),
          t('mining.funnel.fromPrevious'),
          t('mining.funnel.dropped'),
          t('mining.funnel.time'),
        ]}
        numeric={[1, 2, 3, 4, 5]}
        rows={steps.map((s, i) => [
          s.step,
          fmt.int(s.count),
          fmt.pct(s.conversion),
          i === 0 ? '–' : fmt.pct(s.stepConversion),
          i === 0 ? '–' : `${fmt.int(s.dropOff)} (${fmt.pct(s.dropOffRate, 0)})`,
          fmt.duration(s.medianSecondsFromPrevious),
        ])}
      />
    </>
  );
}
