import {
  bgNbdConditionalExpectedPurchases,
  bgNbdProbabilityAlive,
  compressHistories,
  customerLifetimeValue,
  fitGammaGamma,
  fitParetoNbd,
  gammaGammaExpectedSpend,
  paretoNbdConditionalExpectedPurchases,
} from '../analytics/clv/index.js';
import { CLV_DEFAULTS } from '../contracts/models.js';
import { ClienteleError } from '../errors/index.js';
import { phrase } from '../i18n/phrase.js';
import type { Warehouse } from '../store/index.js';
import type { Warning } from '../warnings/index.js';
import { cardWords } from './card.js';
import {
  holdoutWarning,
  notConverged,
  purchaseFitWarnings,
  requireSpenders,
  spendFitWarnings,
} from './clv-checks.js';
import { finite, mean } from './columns.js';
import { frequencyFit } from './frequency-fit.js';
import { loadHistories, type ModelUnit, type WarehouseHistories } from './histories.js';
import { type HoldoutCheck, holdoutCheck } from './holdout.js';
import { fitOrFail, fitPurchases } from './purchase-fit.js';
import { recordRun } from './runs.js';

/** Options of {@link runClv}. */
export interface ClvRunOptions {
  /** Last calibration day (YYYY-MM-DD); default the last purchase day. */
  readonly calibrationEnd?: string;
  readonly observationEnd?: string;
  /** Time unit of the purchase model; default `CLV_DEFAULTS.unit`. */
  readonly unit?: ModelUnit;
  /** CLV horizon in months; default `CLV_DEFAULTS.horizonMonths`. */
  readonly horizonMonths?: number;
  /** Monthly discount rate; default `CLV_DEFAULTS.discountRate`. */
  readonly discountRate?: number;
  /** Also fit Pareto/NBD (Schmittlein, Morrison & Colombo 1987) as a second purchase model. */
  readonly paretoNbd?: boolean;
}

/** What `clientele model clv --json` prints. */
export interface ClvResult {
  readonly runId: number;
  readonly bgnbd: {
    r: number | null;
    alpha: number | null;
    a: number | null;
    b: number | null;
    logLikelihood: number | null;
    converged: boolean;
    iterations: number;
  };
  readonly gammaGamma: {
    p: number | null;
    q: number | null;
    gamma: number | null;
    logLikelihood: number | null;
    converged: boolean;
    customers: number;
    excluded: number;
  };
  readonly customers: number;
  readonly repeatCustomers: number;
  readonly unit: ModelUnit;
  readonly calibrationEnd: string;
  readonly observationEnd: string;
  readonly horizonMonths: number;
  readonly discountRate: number;
  readonly patterns: number;
  readonly laterCustomers: number;
  readonly orders: WarehouseHistories['orders'];
  readonly spendFrequencyCorrelation: number | null;
  readonly meanProbabilityAlive: number | null;
  readonly expectedPurchasesPerCustomer: number | null;
  readonly clv: {
    total: number | null;
    mean: number | null;
    median: number | null;
    topDecileShare: number | null;
  };
  readonly holdout: HoldoutCheck | null;
  /** With `paretoNbd`: its parameters, log-likelihood and holdout prediction, beside BG/NBD's. */
  readonly paretoNbd?: {
    r: number | null;
    alpha: number | null;
    s: number | null;
    beta: number | null;
    logLikelihood: number | null;
    converged: boolean;
    holdoutPredicted: number | null;
  };
  /** What the data could not support: few repeat customers, a fit that did not converge, a thin holdout. */
  readonly warnings: readonly Warning[];
}

/**
 * Fits BG/NBD (purchases) and Gamma-Gamma (spend) to the warehouse's orders up to the calibration
 * end, checks the fit against the holdout when there is one, and writes each customer's probability
 * alive, expected purchases over the horizon, expected spend and CLV to customer_scores.
 */
export async function runClv(db: Warehouse, options: ClvRunOptions = {}): Promise<ClvResult> {
  const startedAt = new Date();
  const unit = options.unit ?? CLV_DEFAULTS.unit;
  const horizonMonths = options.horizonMonths ?? CLV_DEFAULTS.horizonMonths;
  const discountRate = options.discountRate ?? CLV_DEFAULTS.discountRate;
  if (!(Number.isInteger(horizonMonths) && horizonMonths >= 0))
    throw new ClienteleError('CLT_ERR_MODEL_BAD_OPTION', `invalid horizonMonths: ${horizonMonths}`, {
      option: 'horizonMonths',
    });
  if (!(Number.isFinite(discountRate) && discountRate > -1 && discountRate < 1))
    throw new ClienteleError('CLT_ERR_MODEL_BAD_OPTION', `invalid discountRate: ${discountRate}`, {
      option: 'discountRate',
    });
  const h = await loadHistories(db, {
    unit,
    ...(options.calibrationEnd !== undefined && { calibrationEnd: options.calibrationEnd }),
    ...(options.observationEnd !== undefined && { observationEnd: options.observationEnd }),
  });
  const n = h.x.length;
  const { bg, patterns, repeatCustomers } = fitPurchases(h);
  let positiveRepeat = 0;
  for (let i = 0; i < n; i++) if ((h.x[i] ?? 0) > 0 && (h.zbar[i] ?? 0) > 0) positiveRepeat++;
  requireSpenders(positiveRepeat, repeatCustomers);
  const gg = fitOrFail('Gamma-Gamma', () => fitGammaGamma({ x: h.x, zbar: h.zbar }));
  if (!(gg.params.q > 1)) {
    throw new ClienteleError(
      'CLT_ERR_MODEL_FIT_FAILED',
      `Gamma-Gamma gave q = ${finite(gg.params.q)} ≤ 1, an infinite mean spend: spend is too dispersed across customers to model`,
    );
  }
  const model = { params: bg.params };
  const alive = bgNbdProbabilityAlive(h, model);
  const perMonth = { day: 30, week: 4.345, month: 1 }[unit];
  const expected = bgNbdConditionalExpectedPurchases(h, { ...model, t: horizonMonths * perMonth });
  const spend = gammaGammaExpectedSpend({ x: h.x, zbar: h.zbar }, gg);
  const clv = customerLifetimeValue(
    { x: h.x, tx: h.tx, T: h.T, zbar: h.zbar },
    { purchases: bg, spend: gg, unit, months: horizonMonths, discountRate },
  );
  const holdout =
    h.holdoutLength > 0
      ? holdoutCheck(h, bgNbdConditionalExpectedPurchases(h, { ...model, t: h.holdoutLength }))
      : null;
  const clvSummary = summarize(clv);
  const pareto = options.paretoNbd ? fitPareto(h) : undefined;
  const correlation = spendFrequencyCorrelation(h);
  const warnings: Warning[] = [
    ...purchaseFitWarnings(repeatCustomers, bg.converged),
    ...spendFitWarnings(positiveRepeat, gg.converged, correlation),
  ];
  if (pareto && !pareto.converged) warnings.push(notConverged('Pareto/NBD'));
  const thinHoldout = holdout && holdoutWarning(holdout.actual, holdout.length, unit);
  if (thinHoldout) warnings.push(thinHoldout);
  const result: Omit<ClvResult, 'runId'> = {
    bgnbd: {
      r: finite(bg.params.r),
      alpha: finite(bg.params.alpha),
      a: finite(bg.params.a),
      b: finite(bg.params.b),
      logLikelihood: finite(bg.logLikelihood, 10),
      converged: bg.converged,
      iterations: bg.iterations,
    },
    gammaGamma: {
      p: finite(gg.params.p),
      q: finite(gg.params.q),
      gamma: finite(gg.params.gamma),
      logLikelihood: finite(gg.logLikelihood, 10),
      converged: gg.converged,
      customers: gg.customers,
      excluded: gg.excluded,
    },
    customers: n,
    repeatCustomers,
    unit,
    calibrationEnd: h.calibrationEnd,
    observationEnd: h.observationEnd,
    horizonMonths,
    discountRate,
    patterns,
    laterCustomers: h.laterCustomers,
    orders: h.orders,
    spendFrequencyCorrelation: finite(correlation, 4),
    meanProbabilityAlive: finite(mean(alive) ?? Number.NaN, 4),
    expectedPurchasesPerCustomer: finite(mean(expected) ?? Number.NaN, 4),
    clv: clvSummary,
    holdout,
    ...(pareto && { paretoNbd: pareto }),
    warnings,
  };
  const runId = await recordRun(db, {
    model: 'clv',
    parameters: {
      unit,
      calibrationEnd: h.calibrationEnd,
      observationEnd: h.observationEnd,
      horizonMonths,
      discountRate,
    },
    metrics: {
      bgnbd: result.bgnbd,
      gammaGamma: result.gammaGamma,
      holdout: holdout && { predicted: holdout.predicted, actual: holdout.actual, ratio: holdout.ratio },
      // Kept with the run so its model card can draw the fit later (docs/modeling.md).
      frequencyFit: frequencyFit(h, bg.params),
    },
    card: {
      model: 'clv',
      ...cardWords({
        title: phrase('modelCard.clv.title'),
        what: phrase('modelCard.clv.what', {
          calibrationEnd: h.calibrationEnd,
          months: horizonMonths,
          rate: discountRate,
        }),
        caveats: [phrase('modelCard.clv.steady'), phrase('modelCard.clv.independent')],
      }),
      data: {
        source: 'orders',
        windowStart: h.firstDay,
        windowEnd: h.observationEnd,
        rowsRead: h.orders.read,
        rowsUsed: h.orders.used,
        customers: n,
      },
      parameters: { unit, calibrationEnd: h.calibrationEnd, horizonMonths, discountRate },
      quality: {
        logLikelihood: result.bgnbd.logLikelihood,
        holdoutPredicted: holdout?.predicted ?? null,
        holdoutActual: holdout?.actual ?? null,
        holdoutRatio: holdout?.ratio ?? null,
        holdoutSufficient: holdout ? String(holdout.sufficient) : null,
      },
      warnings,
      scores: ['clv', 'p_alive', 'expected_purchases', 'expected_spend'],
    },
    startedAt,
    customers: h.customers.map((c) => c ?? ''),
    scores: [
      { name: 'clv', values: clv },
      { name: 'p_alive', values: alive },
      { name: 'expected_purchases', values: expected },
      { name: 'expected_spend', values: spend },
    ],
  });
  return { runId, ...result };
}

function fitPareto(h: WarehouseHistories): NonNullable<ClvResult['paretoNbd']> {
  const patterns = compressHistories({ x: h.x, tx: h.tx, T: h.T });
  const fit = fitOrFail('Pareto/NBD', () => fitParetoNbd(patterns));
  let predicted = Number.NaN;
  if (h.holdoutLength > 0) {
    predicted = 0;
    for (const e of paretoNbdConditionalExpectedPurchases(h, { params: fit.params, t: h.holdoutLength }))
      predicted += e;
  }
  return {
    r: finite(fit.params.r),
    alpha: finite(fit.params.alpha),
    s: finite(fit.params.s),
    beta: finite(fit.params.beta),
    logLikelihood: finite(fit.logLikelihood, 10),
    converged: fit.converged,
    holdoutPredicted: finite(predicted),
  };
}

function summarize(values: Float64Array): ClvResult['clv'] {
  if (values.length === 0) return { total: null, mean: null, median: null, topDecileShare: null };
  const sorted = Float64Array.from(values).sort();
  let total = 0;
  for (const v of sorted) total += v;
  const top = Math.max(1, Math.round(sorted.length / 10));
  let topSum = 0;
  for (let i = sorted.length - top; i < sorted.length; i++) topSum += sorted[i] ?? 0;
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return {
    total: finite(total, 10),
    mean: finite(total / sorted.length),
    median: finite(median),
    topDecileShare: total > 0 ? finite(topSum / total, 4) : null,
  };
}

// Pearson correlation of x and z̄ among repeat customers: Gamma-Gamma assumes it is near zero.
function spendFrequencyCorrelation(h: WarehouseHistories): number {
  let n = 0;
  let sx = 0;
  let sz = 0;
  let sxx = 0;
  let szz = 0;
  let sxz = 0;
  for (let i = 0; i < h.x.length; i++) {
    const x = h.x[i] ?? 0;
    const z = h.zbar[i] ?? 0;
    if (!(x > 0 && z > 0)) continue;
    n++;
    sx += x;
    sz += z;
    sxx += x * x;
    szz += z * z;
    sxz += x * z;
  }
  const vx = sxx - (sx * sx) / n;
  const vz = szz - (sz * sz) / n;
  return n > 2 && vx > 0 && vz > 0 ? (sxz - (sx * sz) / n) / Math.sqrt(vx * vz) : Number.NaN;
}
