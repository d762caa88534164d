import { useMemo, useState } from 'react';
import { api } from '../api';
import { barsOption, Chart, type ChartOption } from '../chart';
import { ResultView } from '../result';
import { Link } from '../router';
import type { ModelRun } from '../types';
import { Card, ErrorBox, fmt, Loaded, show, Table, useLoad } from '../ui';

const RERUN: { model: 'rfm' | 'clv' | 'churn'; label: string; body: Record<string, unknown> }[] = [
  { model: 'rfm', label: 'RFM', body: { customers: false } },
  { model: 'clv', label: 'CLV', body: {} },
  { model: 'churn', label: 'Churn', body: {} },
];

/** The model runs, newest first, with buttons to run RFM, CLV and churn again. */
export function ModelsScreen() {
  const runs = useLoad('runs', () => api<{ runs: ModelRun[] }>('/v1/models/runs?limit=50'));
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [answer, setAnswer] = useState<{ model: string; result: RunAnswer } | null>(null);
  const rerun = async (model: string, body: Record<string, unknown>) => {
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
  return (
    <div className="screen">
      <div className="screen-head">
        <h1>Models</h1>
        <div className="row">
          {RERUN.map((r) => (
            <button
              key={r.model}
              type="button"
              disabled={busy !== null}
              onClick={() => rerun(r.model, r.body)}
            >
              {busy === r.model ? `Running ${r.label}…` : `Run ${r.label}`}
            </button>
          ))}
        </div>
      </div>
      {error && <ErrorBox error={error} />}
      {answer && <RunPlots model={answer.model} result={answer.result} />}
      <Loaded
        load={runs}
        empty={(d) => d.runs.length === 0}
        emptyText="No model has run yet. Run one with the buttons above or `clientele model rfm`."
      >
        {(d) => (
          <div className="cards" data-testid="model-runs">
            {d.runs.map((r) => (
              <Link key={r.runId} to={`/models/${r.runId}`} className="card model-card">
                <h2>{r.card?.title ?? r.model}</h2>
                <p className="muted small">
                  run {r.runId} · {fmt.when(r.finishedAt)} · {fmt.int(r.customersScored)} people scored
                </p>
                <dl className="figures">
                  {Object.entries(r.card?.quality ?? {})
                    .slice(0, 4)
                    .map(([k, v]) => (
                      <div key={k}>
                        <dt>{k}</dt>
                        <dd>{show(v)}</dd>
                      </div>
                    ))}
                </dl>
              </Link>
            ))}
          </div>
        )}
      </Loaded>
    </div>
  );
}

interface RunAnswer {
  runId?: number;
  calibration?: { meanPredicted: number | null; fractionPositive: number | null; count: number }[];
  holdout?: { predicted: number; actual: number; ratio: number } | null;
  tiers?: { tier: string; customers: number; revenue: number | null }[];
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
        xAxis: { type: 'value', min: 0, max: 1, name: 'predicted', nameLocation: 'middle', nameGap: 24 },
        yAxis: { type: 'value', min: 0, max: 1, name: 'observed' },
        series: [
          { type: 'line', name: 'Model', data: points.map((c) => [c.meanPredicted, c.fractionPositive]) },
          {
            type: 'line',
            name: 'Perfect',
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
        xAxis: { type: 'category', data: ['Predicted purchases', 'Actual purchases'] },
        yAxis: { type: 'value' },
        series: [
          { type: 'bar', name: 'Holdout', data: [r.holdout.predicted, r.holdout.actual], barMaxWidth: 60 },
        ],
      };
    }
    if (r.tiers?.length)
      return barsOption(
        r.tiers.map((t) => ({ key: t.tier, value: t.customers })),
        'Customers',
      );
    return null;
  }, [r]);
  if (!option) return null;
  const title = r.calibration?.length
    ? 'Calibration on the test part'
    : r.holdout
      ? 'Holdout fit'
      : 'Customers by tier';
  return (
    <Card title={`${props.model} run ${r.runId ?? ''}: ${title}`}>
      <Chart option={option} label={title} testId="run-plot" height={280} />
    </Card>
  );
}

/** One run's model card: what it does, on which data, how good, its caveats and every metric. */
export function ModelScreen(props: { id: string }) {
  const run = useLoad(props.id, () => api<ModelRun>(`/v1/models/runs/${encodeURIComponent(props.id)}`));
  return (
    <div className="screen">
      <p className="crumbs">
        <Link to="/models">Models</Link> /
      </p>
      <Loaded load={run}>
        {(r) => (
          <div data-testid="model-card">
            <div className="screen-head">
              <h1>{r.card?.title ?? r.model}</h1>
              <span className="muted">run {r.runId}</span>
            </div>
            {r.card?.what && <p>{r.card.what}</p>}
            <div className="grid two">
              <Card title="Data">
                <Table
                  head={['', '']}
                  rows={[
                    ['Source', r.card?.data.source ?? '–'],
                    ['Window', `${fmt.day(r.windowStart)} – ${fmt.day(r.windowEnd)}`],
                    ['Rows read', fmt.int(r.rowsRead)],
                    ['Rows used', fmt.int(r.rowsUsed)],
                    ['People scored', fmt.int(r.customersScored)],
                    ['Took', `${r.seconds.toFixed(1)} s`],
                  ]}
                />
              </Card>
              <Card title="Quality">
                <ResultView value={r.card?.quality ?? {}} />
              </Card>
              <Card title="Parameters">
                <ResultView value={r.card?.parameters ?? r.parameters ?? {}} />
              </Card>
              <Card title="Caveats and scores">
                {r.card?.caveats.length ? (
                  <ul>
                    {r.card.caveats.map((c) => (
                      <li key={c}>{c}</li>
                    ))}
                  </ul>
                ) : (
                  <p className="muted">No caveats recorded.</p>
                )}
                <p>Scores written: {r.card?.scores.join(', ') || 'none'}</p>
              </Card>
            </div>
            <Card title="Metrics">
              <ResultView value={r.metrics ?? {}} rows={25} />
            </Card>
          </div>
        )}
      </Loaded>
    </div>
  );
}
