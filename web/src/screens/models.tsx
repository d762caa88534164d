import { useMemo, useState } from 'react';
import { api } from '../api';
import { barsOption, Chart, type ChartOption } from '../chart';
import { byKind, fmt, label, plain, sourceWords } from '../format';
import { type MessageKey, t, tn } from '../i18n';
import { ResultView } from '../result';
import { Link } from '../router';
import type { ModelRun } from '../types';
import { Card, ErrorBox, Loaded, Table, useLoad } from '../ui';
import { ModelDrift } from './housekeeping/drift';
import { type Curves, curvesOf, FrequencyFitChart, frequencyFitOf, ModelCurves } from './model-curves';

type Rerunnable = 'rfm' | 'clv' | 'churn';
interface Warning {
  code: string;
  message: string;
}
type Run = ModelRun & { card: (ModelRun['card'] & { warnings?: Warning[] }) | null; warnings?: Warning[] };

// The options each re-run form offers, with the API's names; prefilled from the latest run of the model,
// so a re-run never silently uses different ones.
const OPTIONS: Record<Rerunnable, { name: string; type: 'date' | 'number' }[]> = {
  rfm: [{ name: 'asOf', type: 'date' }],
  clv: [
    { name: 'calibrationEnd', type: 'date' },
    { name: 'observationEnd', type: 'date' },
    { name: 'horizonMonths', type: 'number' },
    { name: 'discountRate', type: 'number' },
  ],
  churn: [],
};
const MODEL_OF: Record<Rerunnable, string[]> = {
  rfm: ['rfm'],
  clv: ['clv'],
  churn: ['churn-alive', 'churn'],
};

/** Runs with the same model, inputs and results are one run recomputed: listed once, newest first. */
export function distinctRuns(runs: readonly Run[]): { run: Run; times: number }[] {
  const seen = new Map<string, { run: Run; times: number }>();
  for (const r of runs) {
    const key = JSON.stringify([r.model, r.parameters, r.windowStart, r.windowEnd, r.rowsUsed, r.metrics]);
    const hit = seen.get(key);
    if (hit) hit.times++;
    else seen.set(key, { run: r, times: 1 });
  }
  return [...seen.values()];
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** What the run found, in one sentence of words, from its metrics. */
export function finding(r: Run): string | null {
  const m = (r.metrics ?? {}) as Record<string, unknown>;
  const q = (r.card?.quality ?? {}) as Record<string, unknown>;
  if (r.model === 'rfm' && num(q.champions) !== null)
    return t('models.find.rfm', {
      n: fmt.int(num(q.champions)),
      share: fmt.pct(num(q.championsRevenueShare)),
    });
  if (r.model === 'churn-alive' && num(m.atRisk) !== null)
    return t('models.find.alive', {
      risk: fmt.int(num(m.atRisk)),
      overdue: fmt.int(num(m.overdue)),
      alive: fmt.pct(num(m.meanProbabilityAlive)),
    });
  if (r.model === 'clv') {
    if (num(q.holdoutRatio) !== null)
      return t('models.find.clvHoldout', {
        predicted: fmt.num(num(q.holdoutPredicted), 0),
        actual: fmt.num(num(q.holdoutActual), 0),
        ratio: fmt.times(num(q.holdoutRatio)),
      });
    return t('models.find.clvNoHoldout');
  }
  return null;
}

function Warnings(props: { warnings: Warning[] | undefined }) {
  const list = props.warnings ?? [];
  if (list.length === 0) return null;
  return (
    <ul className="warnings" aria-label={t('common.warnings')}>
      {list.map((w) => (
        <li key={w.code + w.message}>{plain(w.message)}</li>
      ))}
    </ul>
  );
}

function warningsOf(r: Run): Warning[] {
  return [...(r.card?.warnings ?? []), ...(r.warnings ?? [])];
}

/** The model runs, one card per distinct run, with forms to run RFM, CLV and churn again. */
export function ModelsScreen() {
  const runs = useLoad('runs', () => api<{ runs: Run[] }>('/v1/models/runs?limit=50'));
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [answer, setAnswer] = useState<{ model: string; result: RunAnswer } | null>(null);
  const rerun = async (model: Rerunnable, body: Record<string, unknown>) => {
    setBusy(model);
    setError(null);
    try {
      setAnswer({ model, result: await api<RunAnswer>(`/v1/models/${model}`, { method: 'POST', body }) });
      runs.reload();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(null);
    }
  };
  const list = useMemo(() => distinctRuns(runs.data?.runs ?? []), [runs.data]);
  return (
    <div className="screen">
      <div className="screen-head">
        <h1>{t('nav.models')}</h1>
      </div>
      <Card title={t('models.rerun')}>
        <div className="grid three">
          {(['rfm', 'clv', 'churn'] as const).map((m) => (
            <RerunForm
              key={m}
              model={m}
              latest={(runs.data?.runs ?? []).find((r) => MODEL_OF[m].includes(r.model))}
              busy={busy}
              onRun={(body) => rerun(m, body)}
            />
          ))}
        </div>
      </Card>
      {error && <ErrorBox error={error} />}
      {answer && <RunPlots model={answer.model} result={answer.result} />}
      <Loaded load={runs} empty={(d) => d.runs.length === 0} emptyText={t('models.none')}>
        {() => (
          <div className="cards" data-testid="model-runs">
            {list.map(({ run: r, times }) => (
              <Link key={r.runId} to={`/models/${r.runId}`} className="card model-card">
                <h2>{modelTitle(r)}</h2>
                <p className="muted small">
                  {fmt.when(r.finishedAt)} · {tn('common.people', r.customersScored)}
                  {times > 1 ? ` · ${tn('models.times', times)}` : ''}
                </p>
                {finding(r) && <p>{finding(r)}</p>}
                <dl className="figures">
                  {Object.entries(r.card?.quality ?? {})
                    .filter(([, v]) => v !== null)
                    .slice(0, 4)
                    .map(([k, v]) => (
                      <div key={k}>
                        <dt>{label(k)}</dt>
                        <dd>{byKind(k, v)}</dd>
                      </div>
                    ))}
                </dl>
                <Warnings warnings={warningsOf(r)} />
              </Link>
            ))}
          </div>
        )}
      </Loaded>
    </div>
  );
}

function modelTitle(r: Run): string {
  const key = `models.title.${r.model}`;
  return key in TITLES ? t(key as MessageKey) : (r.card?.title ?? label(r.model));
}
const TITLES: Record<string, true> = {
  'models.title.rfm': true,
  'models.title.clv': true,
  'models.title.churn-alive': true,
  'models.title.churn': true,
};

function RerunForm(props: {
  model: Rerunnable;
  latest: Run | undefined;
  busy: string | null;
  onRun: (body: Record<string, unknown>) => void;
}) {
  const params = (props.latest?.parameters ?? {}) as Record<string, unknown>;
  const initial = Object.fromEntries(
    OPTIONS[props.model].map((o) => [o.name, params[o.name] === undefined ? '' : String(params[o.name])]),
  );
  // Only what the user typed; the rest follows the latest run once it has loaded.
  const [values, setValues] = useState<Record<string, string>>({});
  const body = () => {
    const b: Record<string, unknown> = props.model === 'rfm' ? { customers: false } : {};
    for (const o of OPTIONS[props.model]) {
      const v = (values[o.name] ?? initial[o.name] ?? '').trim();
      if (v !== '') b[o.name] = o.type === 'number' ? Number(v) : v;
    }
    return b;
  };
  const name = t(`models.short.${props.model}`);
  return (
    <form
      className="rerun"
      onSubmit={(e) => {
        e.preventDefault();
        props.onRun(body());
      }}
    >
      {OPTIONS[props.model].map((o) => (
        <label key={o.name} className="inline">
          <span>{label(o.name)}</span>
          <input
            type={o.type === 'date' ? 'date' : 'number'}
            step="any"
            value={values[o.name] ?? initial[o.name] ?? ''}
            onChange={(e) => setValues({ ...values, [o.name]: e.target.value })}
          />
        </label>
      ))}
      <button type="submit" disabled={props.busy !== null}>
        {props.busy === props.model ? t('models.running', { name }) : t('models.runOne', { name })}
      </button>
    </form>
  );
}

interface RunAnswer {
  runId?: number;
  calibration?: { meanPredicted: number | null; fractionPositive: number | null; count: number }[];
  holdout?: { predicted: number; actual: number; ratio: number } | null;
  tiers?: { tier: string; customers: number; revenue: number | null }[];
  warnings?: Warning[];
  [k: string]: unknown;
}

/** The plots of a run just made: calibration (churn), holdout fit (CLV), tiers (RFM). */
function RunPlots(props: { model: string; result: RunAnswer }) {
  const r = props.result;
  const option = useMemo<ChartOption | null>(() => {
    if (r.calibration?.length) {
      const points = r.calibration.filter((c) => c.meanPredicted !== null && c.fractionPositive !== null);
      return {
        grid: { left: 48, right: 16, top: 30, bottom: 36 },
        legend: { top: 0 },
        tooltip: { trigger: 'axis', renderMode: 'richText', confine: true },
        xAxis: {
          type: 'value',
          min: 0,
          max: 1,
          name: t('models.predicted'),
          nameLocation: 'middle',
          nameGap: 24,
        },
        yAxis: { type: 'value', min: 0, max: 1, name: t('models.observed') },
        series: [
          {
            type: 'line',
            name: t('models.model'),
            data: points.map((c) => [c.meanPredicted, c.fractionPositive]),
          },
          {
            type: 'line',
            name: t('models.perfect'),
            data: [
              [0, 0],
              [1, 1],
            ],
            lineStyle: { type: 'dashed' },
            showSymbol: false,
          },
        ],
      };
    }
    if (r.holdout) {
      return {
        grid: { left: 56, right: 16, top: 16, bottom: 24 },
        tooltip: { trigger: 'axis', renderMode: 'richText', confine: true },
        xAxis: { type: 'category', data: [t('models.predictedPurchases'), t('models.actualPurchases')] },
        yAxis: { type: 'value' },
        series: [
          {
            type: 'bar',
            name: t('models.holdout'),
            data: [r.holdout.predicted, r.holdout.actual],
            barMaxWidth: 60,
          },
        ],
      };
    }
    if (r.tiers?.length)
      return barsOption(
        r.tiers.map((x) => ({ key: x.tier, value: x.customers })),
        t('mining.measure.customers'),
      );
    return null;
  }, [r]);
  const title = r.calibration?.length
    ? t('models.calibration')
    : r.holdout
      ? t('models.holdoutFit')
      : r.tiers?.length
        ? t('models.tiers')
        : t('models.noPlot');
  return (
    <Card title={title}>
      <Warnings warnings={r.warnings} />
      {option ? (
        <Chart option={option} label={title} testId="run-plot" height={280} />
      ) : (
        <p data-testid="run-plot" className="muted">
          {t('models.noPlotWhy')}
        </p>
      )}
    </Card>
  );
}

/** The metrics as a table: the curves and the fit are drawn above, not listed. */
function withoutCurves(metrics: unknown) {
  if (!metrics || typeof metrics !== 'object') return {};
  const { curves: _, frequencyFit: __, ...rest } = metrics as Record<string, unknown>;
  return rest as Parameters<typeof ResultView>[0]['value'];
}

/** One run's model card: what it does, on which data, how good, its caveats and every metric. */
export function ModelScreen(props: { id: string }) {
  const run = useLoad(props.id, () => api<Run>(`/v1/models/runs/${encodeURIComponent(props.id)}`));
  return (
    <div className="screen">
      <p className="crumbs">
        <Link to="/models">{t('nav.models')}</Link> /
      </p>
      <Loaded load={run}>
        {(r) => (
          <div data-testid="model-card">
            <div className="screen-head">
              <h1>{modelTitle(r)}</h1>
              <span className="muted">{fmt.when(r.finishedAt)}</span>
            </div>
            {r.card?.what && <p>{plain(r.card.what)}</p>}
            {finding(r) && (
              <p>
                <strong>{finding(r)}</strong>
              </p>
            )}
            <Warnings warnings={warningsOf(r)} />
            <div className="grid two">
              <Card title={t('models.data')}>
                <Table
                  head={['', '']}
                  rows={[
                    [t('models.source'), r.card?.data.source ? sourceWords(r.card.data.source) : '–'],
                    [
                      t('models.window'),
                      r.windowStart || r.windowEnd
                        ? `${fmt.day(r.windowStart)} – ${fmt.day(r.windowEnd)}`
                        : t('models.noWindow'),
                    ],
                    [t('models.rowsRead'), fmt.int(r.rowsRead)],
                    [t('models.rowsUsed'), fmt.int(r.rowsUsed)],
                    [t('models.scored'), fmt.int(r.customersScored)],
                    [t('models.took'), fmt.duration(r.seconds)],
                  ]}
                />
              </Card>
              <Card title={t('models.quality')}>
                <ResultView value={r.card?.quality ?? {}} />
              </Card>
              <Card title={t('models.parameters')}>
                <ResultView value={r.card?.parameters ?? r.parameters ?? {}} />
              </Card>
              <Card title={t('models.caveats')}>
                {r.card?.caveats.length ? (
                  <ul>
                    {r.card.caveats.map((c) => (
                      <li key={c}>{plain(c)}</li>
                    ))}
                  </ul>
                ) : (
                  <p className="muted">{t('models.noCaveats')}</p>
                )}
                <p>
                  {t('models.scores')}: {r.card?.scores.map(label).join(', ') || '–'}
                </p>
              </Card>
            </div>
            {curvesOf(r.metrics) && <ModelCurves curves={curvesOf(r.metrics) as Curves} />}
            {frequencyFitOf(r.metrics) && <FrequencyFitChart bins={frequencyFitOf(r.metrics) ?? []} />}
            <Card title={t('models.metrics')}>
              <ResultView value={withoutCurves(r.metrics)} rows={25} />
            </Card>
            <ModelDrift model={r.model} />
          </div>
        )}
      </Loaded>
    </div>
  );
}
