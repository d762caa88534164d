import type { ExperimentReportView, ExperimentView } from '@contracts/activation';
import { useState } from 'react';
import { api, qs } from '../../api';
import { t } from '../../i18n';
import { nameTitle, segmentTitle } from '../../segment-words';
import { Card, fmt, Kpi, Loaded, Table, useLoad } from '../../ui';
import { variantTitle } from './act-words';
import { Field, NameTitle, StoredKey, useScopes, WarningList } from './common';
import { CreateExperiment } from './experiment-form';

type Report = ExperimentReportView;
const ALPHA = 0.05;

/** Experiments: the list, and for the chosen one whether a variant beats the control, and how sure we are. */
export function ExperimentsScreen(props: { query: URLSearchParams }) {
  const list = useLoad('experiments', () => api<{ experiments: ExperimentView[] }>('/v1/experiments'));
  const [chosen, setChosen] = useState<string | null>(props.query.get('experiment'));
  const [metric, setMetric] = useState('conversion');
  const [windowDays, setWindowDays] = useState(30);
  const name = chosen ?? list.data?.experiments[0]?.name ?? null;
  const scopes = useScopes();
  return (
    <>
      <p className="muted">{t('act.experiments.question')}</p>
      <Card title={t('act.experiments.title')}>
        <Loaded load={list} empty={(d) => d.experiments.length === 0} emptyText={t('act.experiments.none')}>
          {(d) => (
            <Table
              testId="experiment-list"
              stack
              head={[
                t('act.name'),
                t('act.segment'),
                t('act.experiments.variants'),
                t('act.experiments.start'),
                '',
              ]}
              rows={d.experiments.map((e) => [
                <NameTitle key="n" name={e.name} />,
                segmentTitle(e.segment),
                variantsText(e),
                fmt.day(e.startAt),
                <button
                  key="o"
                  type="button"
                  className={name === e.name ? 'primary' : undefined}
                  onClick={() => setChosen(e.name)}
                >
                  {t('act.experiments.report')}
                </button>,
              ])}
            />
          )}
        </Loaded>
      </Card>
      {scopes.has('write') && (
        <CreateExperiment
          onCreated={(e) => {
            list.reload();
            setChosen(e.name);
          }}
        />
      )}
      {name && (
        <Card
          title={t('act.experiments.reportOf', { name: nameTitle(name) })}
          actions={
            <div className="row">
              <Field label={t('act.experiments.metric')}>
                <select value={metric} onChange={(e) => setMetric(e.target.value)}>
                  <option value="conversion">{t('act.metric.conversion')}</option>
                  <option value="revenue">{t('act.metric.revenue')}</option>
                </select>
              </Field>
              <Field label={t('act.experiments.window')}>
                <select value={windowDays} onChange={(e) => setWindowDays(Number(e.target.value))}>
                  {[7, 14, 30, 60, 90].map((d) => (
                    <option key={d} value={d}>
                      {t('act.experiments.days', { n: d })}
                    </option>
                  ))}
                </select>
              </Field>
            </div>
          }
        >
          <StoredKey name={name} />
          <ReportView name={name} metric={metric} windowDays={windowDays} />
        </Card>
      )}
    </>
  );
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function variantsText(e: ExperimentView): string {
  const total = e.weights.reduce((a, b) => a + b, 0) || 1;
  const parts = e.variants.map(
    (v, i) => `${variantTitle(v, e.name)} ${fmt.pct((e.weights[i] ?? 0) / total, 0)}`,
  );
  return e.holdout > 0
    ? `${parts.join(', ')}; ${t('act.experiments.holdout', { pct: fmt.pct(e.holdout / 100, 0) })}`
    : parts.join(', ');
}

function ReportView(props: { name: string; metric: string; windowDays: number }) {
  const report = useLoad(`report|${props.name}|${props.metric}|${props.windowDays}`, () =>
    api<Report>(
      `/v1/experiments/${encodeURIComponent(props.name)}/report${qs({ metric: props.metric, windowDays: props.windowDays })}`,
    ),
  );
  return (
    <Loaded load={report}>
      {(r) => (
        <div data-testid="experiment-report">
          <Verdict r={r} />
          <RateBars r={r} />
          <Comparisons r={r} />
          <div className="kpis small">
            <Kpi
              label={t('act.experiments.sequential')}
              value={
                r.sequential === null
                  ? '–'
                  : r.sequential.decision === 'continue'
                    ? t('act.experiments.keepGoing')
                    : t('act.experiments.canStop')
              }
              sub={
                r.sequential?.alwaysValidP != null
                  ? t('act.experiments.alwaysValid', { p: fmt.num(r.sequential.alwaysValidP, 3) })
                  : undefined
              }
              testId="sequential"
            />
            <Kpi
              label={t('act.experiments.sampleSize')}
              value={r.sampleSize.perVariant === null ? '–' : fmt.int(r.sampleSize.perVariant)}
              sub={t('act.experiments.sampleSizeSub', {
                effect: fmt.pct(r.sampleSize.minimumEffect, 0),
                baseline:
                  r.metric === 'revenue' ? fmt.money(r.sampleSize.baseline) : fmt.pct(r.sampleSize.baseline),
              })}
              testId="sample-size"
            />
          </div>
          <WarningList warnings={r.warnings} />
        </div>
      )}
    </Loaded>
  );
}

/** The answer in one sentence: which variant, by how much, and whether it could be chance. */
function Verdict(props: { r: Report }) {
  const c = props.r.comparison;
  if (!c || c.pValue === null || c.lift === null)
    return <p className="verdict">{t('act.experiments.tooThin')}</p>;
  const control = props.r.variants[0]?.name ?? '';
  const significant = c.pValue < ALPHA;
  return (
    <p className={significant ? 'verdict up' : 'verdict'} data-testid="verdict">
      {capital(
        t(c.lift >= 0 ? 'act.experiments.liftUp' : 'act.experiments.liftDown', {
          variant: variantTitle(c.variant, props.r.experiment),
          control: variantTitle(control, props.r.experiment),
          lift: fmt.pct(Math.abs(c.lift)),
        }),
      )}{' '}
      {significant
        ? t('act.experiments.significant', { p: fmt.num(c.pValue, 3) })
        : t('act.experiments.chance', { p: fmt.num(c.pValue, 2) })}
    </p>
  );
}

/** Each variant's rate (or revenue per member) as a bar, with its 95 % interval as a whisker. */
function RateBars(props: { r: Report }) {
  const revenue = props.r.metric === 'revenue';
  const value = (v: Report['variants'][number]) => (revenue ? v.revenuePerMember : v.rate);
  const top = Math.max(
    ...props.r.variants.map((v) => (revenue ? v.revenuePerMember : (v.rateInterval[1] ?? v.rate))),
    1e-9,
  );
  const x = (n: number) => `${Math.min(100, Math.max(0, (n / top) * 100))}%`;
  return (
    <ul className="hbars" data-testid="variant-bars" aria-label={t('act.experiments.bars')}>
      {props.r.variants.map((v) => {
        const [lo, hi] = v.rateInterval;
        return (
          <li key={v.name}>
            <span className="hbar-label">
              {capital(variantTitle(v.name, props.r.experiment))}
              <span className="muted small"> · {t('act.experiments.n', { n: fmt.int(v.n) })}</span>
            </span>
            <span className="hbar-track">
              <span className="hbar-fill" style={{ width: x(value(v)) }} />
              {!revenue && lo != null && hi != null && (
                <span className="whisker" style={{ left: x(lo), width: `calc(${x(hi)} - ${x(lo)})` }} />
              )}
            </span>
            <span className="hbar-value">
              {revenue ? fmt.money(v.revenuePerMember) : fmt.pct(v.rate)}
              {!revenue && lo != null && hi != null && (
                <span className="muted small">
                  {' '}
                  ({fmt.pct(lo)}–{fmt.pct(hi)})
                </span>
              )}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

function Comparisons(props: { r: Report }) {
  const rows = props.r.comparisons;
  if (rows.length === 0) return null;
  return (
    <Table
      testId="comparisons"
      stack
      numeric={[1, 2, 3, 4]}
      head={[
        t('act.experiments.variant'),
        t('act.experiments.lift'),
        t('act.experiments.interval'),
        t('act.experiments.pValue'),
        t('act.experiments.beat'),
      ]}
      rows={rows.map((c) => [
        capital(variantTitle(c.variant, props.r.experiment)),
        c.lift === null ? '–' : fmt.pct(c.lift),
        c.ci[0] === null || c.ci[1] === null ? '–' : `${fmt.pct(c.ci[0])} … ${fmt.pct(c.ci[1])}`,
        c.pValue === null
          ? '–'
          : `${fmt.num(c.pValue, 3)} · ${c.pValue < ALPHA ? t('act.experiments.real') : t('act.experiments.couldBeChance')}`,
        c.probabilityToBeatControl === null ? '–' : fmt.pct(c.probabilityToBeatControl, 0),
      ])}
    />
  );
}
