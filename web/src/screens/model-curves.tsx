import { useMemo } from 'react';
import { Chart, type ChartOption } from '../chart';
import { fmt } from '../format';
import { t } from '../i18n';
import { Card } from '../ui';

/** The held-out curves a churn run keeps with its metrics (src/modeling/classifier.ts, `testCurves`). */
export interface Curves {
  roc: { fpr: number; tpr: number }[];
  lift: { share: number; lift: number | null }[];
}

/** The curves of a run's metrics, or null when the run kept none (older runs, other models). */
export function curvesOf(metrics: unknown): Curves | null {
  const c = (metrics as { curves?: Partial<Curves> } | null)?.curves;
  return c && Array.isArray(c.roc) && Array.isArray(c.lift) ? (c as Curves) : null;
}

/** The ROC curve against chance, and the cumulative lift by decile: how well the scores rank who leaves. */
export function ModelCurves(props: { curves: Curves }) {
  const { roc, lift } = props.curves;
  const rocOption = useMemo<ChartOption>(
    () => ({
      grid: { left: 48, right: 16, top: 30, bottom: 40 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', renderMode: 'richText', confine: true },
      xAxis: {
        type: 'value',
        min: 0,
        max: 1,
        name: t('models.fpr'),
        nameLocation: 'middle',
        nameGap: 26,
        axisLabel: { formatter: (v: number) => fmt.pct(v, 0) },
      },
      yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => fmt.pct(v, 0) } },
      series: [
        { type: 'line', name: t('models.model'), data: roc.map((p) => [p.fpr, p.tpr]), showSymbol: false },
        {
          type: 'line',
          name: t('models.chance'),
          data: [
            [0, 0],
            [1, 1],
          ],
          lineStyle: { type: 'dashed' },
          showSymbol: false,
        },
      ],
    }),
    [roc],
  );
  const liftOption = useMemo<ChartOption>(
    () => ({
      grid: { left: 48, right: 16, top: 16, bottom: 40 },
      tooltip: { trigger: 'axis', renderMode: 'richText', confine: true },
      xAxis: {
        type: 'category',
        name: t('models.topShare'),
        nameLocation: 'middle',
        nameGap: 26,
        data: lift.map((p) => fmt.pct(p.share, 0)),
      },
      yAxis: { type: 'value', min: 0, axisLabel: { formatter: (v: number) => fmt.times(v) } },
      series: [
        {
          type: 'bar',
          name: t('models.liftName'),
          data: lift.map((p) => p.lift),
          barMaxWidth: 28,
          markLine: { silent: true, symbol: 'none', data: [{ yAxis: 1 }], lineStyle: { type: 'dashed' } },
        },
      ],
    }),
    [lift],
  );
  return (
    <div className="grid two" data-testid="model-curves">
      <Card title={t('models.roc')}>
        <p className="muted small">{t('models.rocWhat')}</p>
        <Chart option={rocOption} label={t('models.roc')} height={260} />
      </Card>
      <Card title={t('models.liftCurve')}>
        <p className="muted small">{t('models.liftWhat')}</p>
        <Chart option={liftOption} label={t('models.liftCurve')} height={260} />
      </Card>
    </div>
  );
}

/** The calibration-period frequency fit a CLV run keeps (src/modeling/frequency-fit.ts). */
export interface FrequencyBin {
  repeat: number;
  orMore: boolean;
  actual: number;
  expected: number;
}

/** The frequency fit of a run's metrics, or null when the run kept none. */
export function frequencyFitOf(metrics: unknown): FrequencyBin[] | null {
  const f = (metrics as { frequencyFit?: unknown } | null)?.frequencyFit;
  return Array.isArray(f) && f.length ? (f as FrequencyBin[]) : null;
}

/** Customers by repeat purchases: counted against what BG/NBD expects (Fader, Hardie & Lee 2005, figure 2). */
export function FrequencyFitChart(props: { bins: FrequencyBin[] }) {
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 56, right: 16, top: 30, bottom: 40 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', renderMode: 'richText', confine: true },
      xAxis: {
        type: 'category',
        name: t('models.repeatPurchases'),
        nameLocation: 'middle',
        nameGap: 26,
        data: props.bins.map((b) => (b.orMore ? `${fmt.int(b.repeat)}+` : fmt.int(b.repeat))),
      },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt.compact(v) } },
      series: [
        {
          type: 'bar',
          name: t('models.actualCustomers'),
          data: props.bins.map((b) => b.actual),
          barMaxWidth: 22,
        },
        {
          type: 'bar',
          name: t('models.expectedCustomers'),
          data: props.bins.map((b) => b.expected),
          barMaxWidth: 22,
        },
      ],
    }),
    [props.bins],
  );
  return (
    <Card title={t('models.frequencyFit')}>
      <p className="muted small">{t('models.frequencyFitWhat')}</p>
      <Chart option={option} label={t('models.frequencyFit')} height={260} testId="frequency-fit" />
    </Card>
  );
}
