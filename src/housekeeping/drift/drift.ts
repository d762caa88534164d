/**
 * `clientele model drift`: how far the data a model now sees has moved from the data it was trained on. The
 * baseline is the previous recorded run of the model (or the run named), the current is its latest; each
 * customer fact and the score are compared by PSI, and the score's mean is set beside the baseline's; for a
 * churn model, the baseline run's predictions are set beside the churn that followed (calibration.ts).
 */
import { ClienteleError } from '../../errors/index.js';
import { param, raw, sql, type Warehouse } from '../../store/index.js';
import type { Warning } from '../../warnings/index.js';
import { type ChurnCalibration, churnCalibration } from './calibration.js';
import { type DriftStatus, PSI_DRIFTED, PSI_WATCH, psi, statusOf } from './psi.js';

export interface DriftResult {
  model: string;
  baselineRun: number;
  currentRun: number;
  features: { name: string; psi: number }[];
  score: { name: string | null; psi: number | null };
  calibration: {
    baselineMean: number | null;
    currentMean: number | null;
    shift: number | null;
    /** For a churn model: realised against predicted churn of the baseline run's customers (else null). */
    churn: ChurnCalibration | null;
  };
  thresholds: { watch: number; drifted: number };
  status: DriftStatus;
  warnings: Warning[];
}

interface Dist {
  role: string;
  name: string;
  sample: number[];
  mean: number | null;
}

async function distributions(db: Warehouse, runId: number): Promise<Dist[]> {
  const rows = await db.all<{ role: string; name: string; sample: string; mean: number | null }>(
    `SELECT role, name, ${db.dialect.listJson('sample')} AS sample, mean FROM model_distributions WHERE run_id = ? ORDER BY role, name`,
    [runId],
  );
  return rows.map((r) => ({ ...r, sample: JSON.parse(r.sample) as number[] }));
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

export async function modelDrift(
  db: Warehouse,
  options: { model?: string; baseline?: number } = {},
): Promise<DriftResult> {
  const q = sql`SELECT DISTINCT d.run_id::BIGINT AS run, d.model FROM model_distributions d
    ${options.model ? sql`WHERE d.model = ${param(options.model)}` : raw('')} ORDER BY run DESC`;
  const runs = (await db.all<{ run: bigint; model: string }>(q.text, q.params)).map((r) => ({
    run: Number(r.run),
    model: r.model,
  }));
  const latest = runs[0];
  const model = options.model ?? latest?.model;
  const ofModel = runs.filter((r) => r.model === model);
  const baseline = options.baseline ?? ofModel[1]?.run;
  if (!latest || model === undefined || baseline === undefined || !ofModel.some((r) => r.run === baseline)) {
    throw new ClienteleError(
      'CLT_ERR_DRIFT_NO_RUNS',
      options.baseline !== undefined
        ? `run ${options.baseline} is not a recorded run of ${model ?? 'any model'}`
        : `${model ?? 'no model'} has ${ofModel.length} recorded run${ofModel.length === 1 ? '' : 's'}; drift needs two`,
    );
  }
  const current = ofModel[0]!.run;
  const base = await distributions(db, baseline);
  const now = await distributions(db, current);
  const warnings: Warning[] = [];
  const features = base
    .filter((b) => b.role === 'feature')
    .map((b) => ({
      name: b.name,
      psi: round(psi(b.sample, now.find((c) => c.role === 'feature' && c.name === b.name)?.sample ?? [])),
    }));
  const baseScore = base.find((b) => b.role === 'score');
  const nowScore = baseScore ? now.find((c) => c.role === 'score' && c.name === baseScore.name) : undefined;
  const scorePsi = baseScore && nowScore ? round(psi(baseScore.sample, nowScore.sample)) : null;
  const smallest = Math.min(...[...base, ...now].map((d) => d.sample.length));
  if (smallest < 100) {
    warnings.push({
      code: 'CLT_WARN_DRIFT_THIN',
      message: `a distribution holds only ${smallest} customers: PSI over deciles is noisy below a few hundred`,
    });
  }
  const churn = await churnCalibration(db, model, baseline, warnings);
  const worst = Math.max(0, ...features.map((f) => f.psi), scorePsi ?? 0);
  return {
    model,
    baselineRun: baseline,
    currentRun: current,
    features,
    score: { name: baseScore?.name ?? null, psi: scorePsi },
    calibration: {
      baselineMean: baseScore?.mean ?? null,
      currentMean: nowScore?.mean ?? null,
      shift: baseScore?.mean != null && nowScore?.mean != null ? round(nowScore.mean - baseScore.mean) : null,
      churn,
    },
    thresholds: { watch: PSI_WATCH, drifted: PSI_DRIFTED },
    status: statusOf(worst),
    warnings,
  };
}
