import type { DriftReport, DriftResult } from '@contracts/housekeeping';
import { useMemo } from 'react';
import { api } from '../../api';
import { Chart, type ChartOption } from '../../chart';
import { label, plain } from '../../format';
import { t, tn } from '../../i18n';
import { Card, Empty, fmt, Loaded, useLoad, usePhone } from '../../ui';

/** Drift of every model run twice or more. */
export function DriftTab() {
  const report = useLoad('drift', () => api<DriftReport>('/v1/models/drift'));
  return (
    <Loaded load={report}>
      {(r) => (
        <div data-testid="drift">
          {r.models.length === 0 && <Empty>{t('hk.drift.none')}</Empty>}
          {r.models.map((d) => (
            <DriftCard key={d.model} drift={d} title={label(d.model)} />
          ))}
          {r.waiting.map((w) => (
            <p key={w.model} className="muted">
              {t('hk.drift.waiting', { model: label(w.model) })}
            </p>
          ))}
        </div>
      )}
    </Loaded>
  );
}

/** The drift of one model, for the drift tab and the model card. */
export function ModelDrift(props: { model: string }) {
  const report = useLoad(`drift:${props.model}`, () => api<DriftReport>('/v1/models/drift'));
  const d = report.data?.models.find((m) => m.model === props.model);
  if (!report.data || !d) return null;
  return <DriftCard drift={d} title={t('hk.drift.title')} />;
}

function DriftCard(props: { drift: DriftResult; title: string }) {
  const d = props.drift;
  const phone = usePhone();
  const bars = useMemo<ChartOption>(() => {
    const rows = [
      ...d.features.map((f) => ({ name: label(f.name), psi: f.psi })),
      ...(d.score.name && d.score.psi !== null
        ? [{ name: t('hk.drift.score', { name: label(d.score.name) }), psi: d.score.psi }]
        : []),
    ].reverse();
    const colour = (x: number) =>
      x >= d.thresholds.drifted ? '#dc2626' : x >= d.thresholds.watch ? '#d97706' : '#16a34a';
    return {
      grid: { left: 8, right: 48, top: 24, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        renderMode: 'richText',
        confine: true,
        valueFormatter: (v: number) => fmt.num(v, 3),
      },
      xAxis: { type: 'value', axisLabel: { hideOverlap: true, formatter: (v: number) => fmt.num(v, 2) } },
      yAxis: {
        type: 'category',
        data: rows.map((r) => r.name),
        axisLabel: { width: phone ? 96 : 170, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          name: 'PSI',
          barMaxWidth: 16,
          label: { show: true, position: 'right', formatter: (p: { value: number }) => fmt.num(p.value, 3) },
          data: rows.map((r) => ({ value: r.psi, itemStyle: { color: colour(r.psi) } })),
          markLine: {
            symbol: 'none',
            silent: true,
            // The title names the two lines; labels at the top would overlap on a phone.
            label: { show: false },
            lineStyle: { type: 'dashed', color: '#6b7280' },
            data: [{ xAxis: d.thresholds.watch }, { xAxis: d.thresholds.drifted }],
          },
        },
      ],
    };
  }, [d, phone]);
  return (
    <Card title={props.title} className={`drift drift-${d.status}`}>
      <div data-testid={`drift-${d.model}`}>
        <p className={`status status-${d.status}`} data-testid="drift-status">
          <strong>{t(`hk.drift.status.${d.status}`)}</strong>{' '}
          {t('hk.drift.runs', { current: d.currentRun, baseline: d.baselineRun })}
        </p>
        <h3>{t('hk.drift.psi')}</h3>
        <Chart
          option={bars}
          label={t('hk.drift.psi')}
          height={Math.max(160, 34 * (d.features.length + 1) + 20)}
        />
        {d.calibration.baselineMean !== null && (
          <p className="muted small">
            {t('hk.drift.mean', {
              before: fmt.num(d.calibration.baselineMean, 3),
              after: fmt.num(d.calibration.currentMean, 3),
            })}
          </p>
        )}
        {d.calibration.churn && <Calibration churn={d.calibration.churn} />}
        {d.warnings.map((w) => (
          <p key={w.code} className="warning small">
            {plain(w.message)}
          </p>
        ))}
      </div>
    </Card>
  );
}

function Calibration(props: { churn: NonNullable<DriftResult['calibration']['churn']> }) {
  const c = props.churn;
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
      legend: { bottom: 0 },
      tooltip: {
        trigger: 'axis',
        renderMode: 'richText',
        confine: true,
        valueFormatter: (v: number) => fmt.pct(v),
      },
      xAxis: {
        type: 'category',
        data: c.deciles.map((x) => String(x.decile)),
        axisLabel: { hideOverlap: true },
      },
      yAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => fmt.pct(v, 0) } },
      series: [
        {
          type: 'bar',
          name: t('hk.drift.realised'),
          data: c.deciles.map((x) => x.realised),
          barMaxWidth: 22,
        },
        { type: 'line', name: t('hk.drift.predicted'), data: c.deciles.map((x) => x.predicted) },
      ],
    }),
    [c],
  );
  return (
    <div data-testid="drift-calibration">
      <h3>{t('hk.drift.calibration')}</h3>
      <p>
        {t('hk.drift.calibrationSummary', {
          customers: fmt.int(c.customers),
          run: c.run,
          realised: fmt.pct(c.realised),
          predicted: fmt.pct(c.predicted),
          days: c.daysSince === null ? '–' : tn('hk.drift.days', c.daysSince),
        })}
      </p>
      <Chart option={option} label={t('hk.drift.calibration')} height={240} />
    </div>
  );
}
