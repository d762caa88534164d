import { useMemo, useState } from 'react';
import { Chart, type ChartOption } from '../../chart';
import { fmt } from '../../format';
import { t, tn } from '../../i18n';
import { Table } from '../../ui';
import { BasketNetwork } from './network';
import { Choice, JobForm, useRun } from './run';

interface Rule {
  antecedent: string[];
  consequent: string[];
  support: number;
  confidence: number;
  lift: number;
  count: number;
}

interface BasketAnswer {
  itemsetCount: number;
  ruleCount: number;
  rules: Rule[];
}

/** Rules worth acting on: both sides named and bought together more often than by chance (lift above 1). */
export function usefulRules(rules: readonly Rule[]): Rule[] {
  return rules
    .filter((r) => r.lift > 1 && r.antecedent.length > 0 && r.consequent.length > 0)
    .sort((a, b) => b.lift - a.lift || b.confidence - a.confidence);
}

function ruleName(r: Rule): string {
  return `${r.antecedent.join(' + ')} → ${r.consequent.join(' + ')}`;
}

/** Basket rules as a ranked list with lift bars. */
export function BasketTab() {
  const job = useRun<BasketAnswer>('/v1/mining/basket');
  // The network draws pairs: one-to-one rules in both directions (any confidence), asked for beside the list.
  const pairs = useRun<BasketAnswer>('/v1/mining/basket');
  const [level, setLevel] = useState<'category' | 'product'>('category');
  const run = () => {
    void pairs.run({ level, maxLength: 2, minConfidence: 0, limit: 400 });
    return job.run({ level, limit: 200 });
  };
  return (
    <JobForm
      what={t('mining.basket.what')}
      busy={job.busy}
      error={job.error}
      onRun={run}
      testId="mining-basket-result"
      result={job.data && <BasketResult data={job.data} pairs={pairs.data?.rules} />}
    >
      <Choice
        label={t('mining.basket.level')}
        value={level}
        onChange={setLevel}
        options={[
          { value: 'category', label: t('mining.basket.category') },
          { value: 'product', label: t('mining.basket.product') },
        ]}
      />
    </JobForm>
  );
}

function BasketResult(props: { data: BasketAnswer; pairs?: Rule[] | undefined }) {
  const rules = useMemo(() => usefulRules(props.data.rules).slice(0, 20), [props.data]);
  const option = useMemo<ChartOption>(() => {
    const shown = [...rules].reverse();
    return {
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', renderMode: 'richText', confine: true },
      xAxis: {
        type: 'value',
        // From 1× (chance): every rule shown has a lift above it, and the bar is how far above.
        min: 1,
        name: t('mining.basket.lift'),
        axisLabel: { formatter: (v: number) => fmt.times(v) },
      },
      yAxis: {
        type: 'category',
        data: shown.map(ruleName),
        axisLabel: { width: 170, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          name: t('mining.basket.lift'),
          data: shown.map((r) => r.lift),
          barMaxWidth: 16,
          label: { show: true, position: 'right', formatter: (p: { value: number }) => fmt.times(p.value) },
        },
      ],
    };
  }, [rules]);
  const network = useMemo(() => usefulRules(props.pairs ?? props.data.rules), [props.pairs, props.data]);
  if (rules.length === 0) return <p className="state empty">{t('mining.basket.none')}</p>;
  return (
    <>
      <p className="small muted">
        {tn('mining.basket.count', rules.length)} {t('mining.basket.liftNote')}
      </p>
      <Chart
        option={option}
        label={t('mining.basket.chart')}
        height={Math.max(200, rules.length * 26 + 40)}
      />
      <Table
        stack
        head={[
          t('mining.basket.if'),
          t('mining.basket.then'),
          t('mining.basket.confidence'),
          t('mining.basket.lift'),
          t('mining.basket.orders'),
        ]}
        numeric={[2, 3, 4]}
        rows={rules.map((r) => [
          r.antecedent.join(' + '),
          r.consequent.join(' + '),
          fmt.pct(r.confidence, 0),
          fmt.times(r.lift),
          fmt.int(r.count),
        ])}
      />
      <BasketNetwork rules={network} />
    </>
  );
}
