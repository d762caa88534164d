import { fitOls } from '../analytics/regression/index.js';
import { ClienteleError } from '../errors/index.js';
import { phrase } from '../i18n/phrase.js';
import { moneySumOrNull } from '../semantics/definitions.js';
import type { Row, Warehouse } from '../store/index.js';
import type { Warning } from '../warnings/index.js';
import { cardWords } from './card.js';
import { finite } from './columns.js';
import { fewRowsWarning } from './model-warnings.js';
import { PURCHASE_FILTER } from './purchases.js';
import type { RegressCoefficient } from './regress.js';
import { recordRun } from './runs.js';

/** Options of {@link runSpendRegression}. */
export interface SpendOptions {
  /** Weeks of lag per channel: spend of weeks t, t−1, … t−lags enters week t's sales; default 2. */
  readonly lags?: number;
}

/** What `clientele model spend --json` prints. */
export interface SpendResult {
  readonly runId: number;
  readonly weeks: number;
  readonly firstWeek: string;
  readonly lastWeek: string;
  readonly channels: readonly string[];
  readonly lags: number;
  /** Weeks in the fit: all weeks but the first `lags`, which lack their lagged spend. */
  readonly n: number;
  readonly dropped: number;
  readonly coefficients: readonly RegressCoefficient[];
  readonly r2: number | null;
  readonly adjustedR2: number | null;
  readonly fPValue: number | null;
  /** Per channel: the sum of its lag coefficients, revenue per unit of spend over the lags. */
  readonly returnPerSpend: readonly { channel: string; estimate: number | null; spend: number | null }[];
  /** Few weeks per coefficient. */
  readonly warnings: readonly Warning[];
}

/**
 * Weekly marketing spend by channel against weekly sales: OLS of each week's purchase revenue on
 * every channel's spend that week and the `lags` weeks before (a distributed-lag model, Greene,
 * Econometric Analysis, §21.3). Weeks start on Monday (ISO); weeks with no spend or no sales count
 * as zero between the first and the last week that has either.
 */
export async function runSpendRegression(db: Warehouse, options: SpendOptions = {}): Promise<SpendResult> {
  const startedAt = new Date();
  const lags = options.lags ?? 2;
  if (!(Number.isInteger(lags) && lags >= 0 && lags <= 12))
    throw new ClienteleError(
      'CLT_ERR_MODEL_BAD_OPTION',
      `lags ${lags}: expected a whole number from 0 to 12`,
      { option: 'lags' },
    );
  const spendRows = await db.all<Row>(
    `SELECT channel, CAST(date_trunc('week', "date") AS VARCHAR) AS week, ${moneySumOrNull('amount')} AS spend
     FROM marketing_spend WHERE channel IS NOT NULL AND amount IS NOT NULL AND "date" IS NOT NULL
     GROUP BY 1, 2`,
  );
  const salesRows = await db.all<Row>(
    `SELECT CAST(date_trunc('week', CAST(order_ts AS DATE)) AS VARCHAR) AS week, ${moneySumOrNull('revenue')} AS revenue
     FROM order_facts WHERE ${PURCHASE_FILTER} GROUP BY 1`,
  );
  if (spendRows.length === 0 || salesRows.length === 0) {
    throw new ClienteleError(
      'CLT_ERR_MODEL_NO_DATA',
      `spend against sales needs both: ${spendRows.length} weeks of marketing spend, ${salesRows.length} of sales`,
    );
  }
  // Weeks numbered from the Monday 1970-01-05 (day 4 of the epoch).
  const weekIndex = (w: string) =>
    Math.round((Date.parse(`${w.slice(0, 10)}T00:00:00Z`) / 86_400_000 - 4) / 7);
  const all = [...spendRows, ...salesRows].map((r) => weekIndex(String(r.week)));
  const first = Math.min(...all);
  const weeks = Math.max(...all) - first + 1;
  const channels = [...new Set(spendRows.map((r) => String(r.channel)))].sort();
  const spend = channels.map(() => new Float64Array(weeks));
  for (const r of spendRows) {
    const c = channels.indexOf(String(r.channel));
    const column = spend[c];
    if (column) column[weekIndex(String(r.week)) - first] = Number(r.spend);
  }
  const sales = new Float64Array(weeks);
  for (const r of salesRows) sales[weekIndex(String(r.week)) - first] = Number(r.revenue);
  const n = weeks - lags;
  const p = channels.length * (lags + 1);
  if (n <= p + 1) {
    throw new ClienteleError(
      'CLT_ERR_MODEL_NO_DATA',
      `${weeks} weeks are too few for ${channels.length} channels × ${lags + 1} lags (need more than ${p + 1 + lags})`,
    );
  }
  const x = new Float64Array(n * p);
  const names: string[] = [];
  channels.forEach((c) => {
    for (let l = 0; l <= lags; l++) names.push(`${c}_lag${l}`);
  });
  for (let i = 0; i < n; i++) {
    const t = i + lags;
    let j = 0;
    for (const column of spend) for (let l = 0; l <= lags; l++) x[i * p + j++] = column[t - l] ?? 0;
  }
  let fit: ReturnType<typeof fitOls>;
  try {
    fit = fitOls({ x, n, p, names, y: sales.subarray(lags) });
  } catch (error) {
    throw new ClienteleError(
      'CLT_ERR_MODEL_FIT_FAILED',
      `spend against sales could not be fitted: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const coefficients: RegressCoefficient[] = fit.names.map((name, j) => ({
    name: j === 0 && fit.intercept ? 'const' : name,
    estimate: finite(fit.coefficients[j] ?? Number.NaN, 10),
    stdError: finite(fit.standardErrors[j] ?? Number.NaN, 10),
    statistic: finite(fit.statistics[j] ?? Number.NaN, 10),
    pValue: finite(fit.pValues[j] ?? Number.NaN, 6),
    lower: finite(fit.lower[j] ?? Number.NaN, 10),
    upper: finite(fit.upper[j] ?? Number.NaN, 10),
  }));
  const returnPerSpend = channels.map((channel, c) => {
    let sum = 0;
    for (let l = 0; l <= lags; l++) sum += fit.coefficients[1 + c * (lags + 1) + l] ?? 0;
    return {
      channel,
      estimate: finite(sum, 6),
      spend: finite(spend[c]?.reduce((a, b) => a + b, 0) ?? 0, 10),
    };
  });
  const day = (w: number) => new Date((w * 7 + 4) * 86_400_000).toISOString().slice(0, 10);
  const result: Omit<SpendResult, 'runId'> = {
    weeks,
    firstWeek: day(first),
    lastWeek: day(first + weeks - 1),
    channels,
    lags,
    n,
    dropped: lags,
    coefficients,
    r2: finite(fit.rSquared, 10),
    adjustedR2: finite(fit.adjustedRSquared, 10),
    fPValue: fit.fPValue === null ? null : finite(fit.fPValue, 6),
    returnPerSpend,
    warnings: [fewRowsWarning(n, p + 1, 'CLT_WARN_SPEND_FEW_WEEKS', 'weeks')].filter((w) => w !== null),
  };
  const runId = await recordRun(db, {
    model: 'spend',
    parameters: { lags },
    metrics: { r2: result.r2, adjustedR2: result.adjustedR2, returnPerSpend },
    card: {
      model: 'spend',
      ...cardWords({
        title: phrase('modelCard.spend.title'),
        what: phrase('modelCard.spend.what', { lags }),
        caveats: [phrase('modelCard.spend.seasons'), phrase('modelCard.spend.adstock')],
      }),
      data: {
        source: 'marketing_spend, orders',
        windowStart: result.firstWeek,
        windowEnd: result.lastWeek,
        rowsRead: spendRows.length + salesRows.length,
        rowsUsed: n,
        customers: 0,
      },
      parameters: { lags },
      quality: { r2: result.r2, adjustedR2: result.adjustedR2 },
      warnings: result.warnings,
      scores: [],
    },
    startedAt,
    customers: [],
    scores: [],
  });
  return { runId, ...result };
}
