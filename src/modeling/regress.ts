import { type ColumnSpec, encodeRows, fitEncoder, type RawRow } from '../analytics/classify/index.js';
import {
  type CoefficientTable,
  fitLogit,
  fitOls,
  INTERCEPT,
  type LogitFit,
  type OlsFit,
} from '../analytics/regression/index.js';
import { ClienteleError } from '../errors/index.js';
import { phrase } from '../i18n/phrase.js';
import type { Warehouse } from '../store/index.js';
import { type Warning, warning } from '../warnings/index.js';
import { cardWords } from './card.js';
import { finite } from './columns.js';
import { loadFeatureRows } from './feature-rows.js';
import { discoverFeatures, type Feature, resolveFeature } from './features.js';
import { binaryLabel } from './label.js';
import { FIT_LIMITS, fewRowsWarning } from './model-warnings.js';
import { recordRun } from './runs.js';

/** Options of {@link runRegress}. */
export interface RegressOptions {
  readonly y: string;
  readonly x: readonly string[];
  /** Logistic regression on a two-valued y instead of OLS. */
  readonly logit?: boolean;
  /** The value of y that counts as 1 with `logit`. */
  readonly positive?: string;
  /** Confidence level of the intervals; default 0.95. */
  readonly level?: number;
}

/** One row of the coefficient table, as statsmodels prints it. */
export interface RegressCoefficient {
  readonly name: string;
  readonly estimate: number | null;
  readonly stdError: number | null;
  /** t (OLS) or z (logit). */
  readonly statistic: number | null;
  readonly pValue: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

/** What `clientele model regress --json` prints. */
export interface RegressResult {
  readonly runId: number;
  readonly model: 'ols' | 'logit';
  readonly y: string;
  readonly n: number;
  /** Customers left out for a missing value in y or an x. */
  readonly dropped: number;
  readonly coefficients: readonly RegressCoefficient[];
  readonly level: number;
  readonly r2?: number | null;
  readonly adjustedR2?: number | null;
  readonly fStatistic?: number | null;
  readonly fPValue?: number | null;
  readonly residualStandardError?: number | null;
  readonly pseudoR2?: number | null;
  readonly logLikelihood?: number | null;
  readonly llrPValue?: number | null;
  readonly positive?: string;
  /** Logit only: the classes were separated and the estimates are Firth's penalized ones. */
  readonly separation?: boolean;
  /** Few customers per coefficient, many left out, or separated classes. */
  readonly warnings: readonly Warning[];
}

/**
 * Regression of a customer trait or metric on others: OLS by QR, or logit by Newton with Firth's
 * fallback under separation (src/analytics/regression). Categorical regressors enter one-hot with the
 * first level (code-unit order) as reference, named `column_level`; customers with a missing value
 * in any named column are left out and counted.
 */
export async function runRegress(db: Warehouse, options: RegressOptions): Promise<RegressResult> {
  const startedAt = new Date();
  const level = options.level ?? 0.95;
  if (options.x.length === 0) throw new ClienteleError('CLT_ERR_MODEL_BAD_OPTION', 'x names no column');
  const all = await discoverFeatures(db);
  const y = resolveFeature(all, options.y);
  const xs = options.x.map((name) => resolveFeature(all, name));
  const names = [y, ...xs].map((f) => f.name);
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated) throw new ClienteleError('CLT_ERR_MODEL_BAD_OPTION', `column '${repeated}' is named twice`);
  if (!options.logit && y.kind === 'categorical') {
    throw new ClienteleError(
      'CLT_ERR_MODEL_BAD_OPTION',
      `y '${y.name}' is a category; use logit for a two-valued one, or a numeric trait or metric`,
    );
  }
  const data = await loadFeatureRows(db, [y, ...xs]);
  const complete = data.rows.filter((row) => [y, ...xs].every((f) => present(row, f)));
  const dropped = data.rows.length - complete.length;
  if (complete.length === 0) {
    throw new ClienteleError(
      'CLT_ERR_MODEL_NO_DATA',
      `no customer has a value in every one of ${names.join(', ')} (${data.rows.length} customers looked at)`,
    );
  }
  const specs: ColumnSpec[] = xs.map((f) =>
    f.kind === 'categorical' ? { name: f.name, kind: 'categorical' } : { name: f.name, kind: 'numeric' },
  );
  const design = encodeRows(fitEncoder(complete, specs), complete);
  let fit: OlsFit | LogitFit;
  let positive: string | undefined;
  try {
    if (options.logit) {
      const label = binaryLabel(
        y,
        complete.map((r) => r[y.name]),
        options.positive,
      );
      positive = label.positive;
      fit = fitLogit({ ...design, y: label.y }, { level, onSeparation: 'firth' });
    } else {
      fit = fitOls({ ...design, y: Float64Array.from(complete, (r) => Number(r[y.name])) }, { level });
    }
  } catch (error) {
    if (error instanceof ClienteleError) throw error;
    throw new ClienteleError(
      'CLT_ERR_MODEL_FIT_FAILED',
      `the regression of '${y.name}' could not be fitted on ${complete.length} customers: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const coefficients = table(fit);
  const statistics =
    fit.kind === 'ols'
      ? {
          r2: finite(fit.rSquared, 10),
          adjustedR2: finite(fit.adjustedRSquared, 10),
          fStatistic: fit.fStatistic === null ? null : finite(fit.fStatistic, 10),
          fPValue: fit.fPValue === null ? null : finite(fit.fPValue, 6),
          residualStandardError: finite(fit.residualStandardError, 10),
        }
      : {
          pseudoR2: finite(fit.pseudoRSquared, 10),
          logLikelihood: finite(fit.logLikelihood, 12),
          llrPValue: finite(fit.llrPValue, 6),
          separation: fit.separation,
          ...(positive !== undefined && { positive }),
        };
  const warnings: Warning[] = [];
  const thin = fewRowsWarning(complete.length, coefficients.length, 'CLT_WARN_REGRESS_FEW_ROWS', 'customers');
  if (thin) warnings.push(thin);
  if (data.rows.length > 0 && dropped / data.rows.length > FIT_LIMITS.dropped) {
    warnings.push(
      warning(
        'CLT_WARN_REGRESS_MANY_DROPPED',
        `${dropped} of ${data.rows.length} customers were left out for a missing value in ${names.join(', ')}: the estimates describe the ${complete.length} who have them all, who may differ from the rest`,
      ),
    );
  }
  if (fit.kind === 'logit' && fit.separation) {
    warnings.push(
      warning(
        'CLT_WARN_REGRESS_SEPARATION',
        `a combination of the regressors separates the two values of '${y.name}' perfectly: the estimates are Firth's penalized ones and their size says little`,
      ),
    );
  }
  const result: Omit<RegressResult, 'runId'> = {
    model: fit.kind,
    y: y.name,
    n: complete.length,
    dropped,
    coefficients,
    level,
    ...statistics,
    warnings,
  };
  const runId = await recordRun(db, {
    model: 'regress',
    parameters: { y: y.name, x: xs.map((f) => f.name), logit: fit.kind === 'logit', level },
    metrics: { n: result.n, dropped, ...statistics },
    card: {
      model: 'regress',
      ...cardWords({
        title: phrase('modelCard.regress.title', {
          kind: fit.kind === 'ols' ? 'OLS' : 'Logit',
          y: y.name,
          x: xs.map((f) => f.name).join(', '),
        }),
        what: phrase(
          fit.kind === 'ols'
            ? 'modelCard.regress.ols'
            : fit.separation
              ? 'modelCard.regress.logitSeparated'
              : 'modelCard.regress.logit',
        ),
        caveats: [phrase('modelCard.regress.associations')],
      }),
      data: {
        source: 'customers and their metrics',
        windowStart: null,
        windowEnd: null,
        rowsRead: data.rows.length,
        rowsUsed: complete.length,
        customers: complete.length,
      },
      parameters: { y: y.name, x: xs.map((f) => f.name), level },
      quality:
        fit.kind === 'ols'
          ? { r2: finite(fit.rSquared, 10), fPValue: fit.fPValue }
          : { pseudoR2: finite(fit.pseudoRSquared, 10), llrPValue: finite(fit.llrPValue, 6) },
      warnings,
      scores: [],
    },
    startedAt,
    customers: [],
    scores: [],
  });
  return { runId, ...result };
}

function present(row: RawRow, f: Feature): boolean {
  const v = row[f.name];
  if (v === null || v === undefined) return false;
  if (typeof v === 'number') return Number.isFinite(v);
  return String(v).trim() !== '';
}

function table(fit: CoefficientTable): RegressCoefficient[] {
  return fit.names.map((name, j) => ({
    name: name === INTERCEPT ? 'const' : name,
    estimate: finite(fit.coefficients[j] ?? Number.NaN, 12),
    stdError: finite(fit.standardErrors[j] ?? Number.NaN, 12),
    statistic: finite(fit.statistics[j] ?? Number.NaN, 12),
    pValue: finite(fit.pValues[j] ?? Number.NaN, 12),
    lower: finite(fit.lower[j] ?? Number.NaN, 12),
    upper: finite(fit.upper[j] ?? Number.NaN, 12),
  }));
}
