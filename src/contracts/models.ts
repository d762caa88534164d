import { type Static, Type } from '@sinclair/typebox';
import { RFM_TIERS } from '../analytics/rfm/tiers.js';
import { Warnings } from '../warnings/warning.js';
import { Columns, Day, Nullable, Obj, OneOf, Share } from './shared.js';

// Each model's options under the CLI's names in camelCase (`--calibration-end` is `calibrationEnd`,
// `--features a,b` is `features: ["a", "b"]`), with their defaults: the route's body, the CLI's options and the
// service read these. The answers are what `clientele model <name> --json` prints.

/** `POST /v1/models/rfm`, `clientele model rfm`. */
export const RfmOptions = Obj({
  asOf: Type.Optional(Day('Day recency is counted to (default: the last order day)')),
  customers: Type.Optional(
    Type.Boolean({ default: true, description: 'Include every customer’s scores (false is --no-customers)' }),
  ),
});

/** RFM's defaults, from the schema. */
export const RFM_DEFAULTS = { customers: RfmOptions.properties.customers.default as boolean };

/** `POST /v1/models/clv`, `clientele model clv`. */
export const ClvOptions = Obj({
  calibrationEnd: Type.Optional(Day('Last day of the calibration period (default: the last purchase day)')),
  observationEnd: Type.Optional(Day('Last day of the holdout (default: the last purchase day)')),
  unit: Type.Optional(
    OneOf(['day', 'week', 'month'], { default: 'week', description: 'Time unit of the purchase model' }),
  ),
  horizonMonths: Type.Optional(
    Type.Integer({ minimum: 0, default: 12, description: 'CLV horizon in months' }),
  ),
  discountRate: Type.Optional(
    Type.Number({ minimum: 0, maximum: 0.99, default: 0.01, description: 'Monthly discount rate' }),
  ),
  pareto: Type.Optional(
    Type.Boolean({ default: false, description: 'Also fit Pareto/NBD as a second purchase model' }),
  ),
});

/** CLV's defaults, written once in the schema above (the service, the route and the CLI read them). */
export const CLV_DEFAULTS = {
  unit: ClvOptions.properties.unit.default as 'day' | 'week' | 'month',
  horizonMonths: ClvOptions.properties.horizonMonths.default as number,
  discountRate: ClvOptions.properties.discountRate.default as number,
};

/** `POST /v1/models/churn`, `clientele model churn`. */
export const ChurnOptions = Obj(
  {
    label: Type.Optional(Type.String({ minLength: 1, description: 'Trait holding the churn label' })),
    lapsedDays: Type.Optional(
      Type.Integer({ minimum: 1, description: 'Without a label: churned = no purchase in the last N days' }),
    ),
    positive: Type.Optional(Type.String({ description: 'Label value meaning churned (e.g. Yes)' })),
    features: Type.Optional(Columns('Features to use (default: every trait and metric but the label)')),
    model: Type.Optional(OneOf(['logistic', 'gbt'], { default: 'logistic', description: 'The classifier' })),
    timeColumn: Type.Optional(
      Type.String({ minLength: 1, description: 'Hold out the latest customers by this date column' }),
    ),
    testFrom: Type.Optional(Day('With timeColumn, the first day of the test part')),
  },
  { description: 'Without label or lapsedDays: probability alive from purchases (non-contractual churn)' },
);

/** Churn's defaults, from the schema. */
export const CHURN_DEFAULTS = { model: ChurnOptions.properties.model.default as 'logistic' | 'gbt' };

/** `POST /v1/models/regress`, `clientele model regress`. */
export const RegressOptions = Obj({
  y: Type.String({ minLength: 1, description: 'The response: a trait or a metric' }),
  x: Columns('The regressors; categories enter one-hot'),
  logit: Type.Optional(
    Type.Boolean({ default: false, description: 'Logistic regression of a two-valued response' }),
  ),
  positive: Type.Optional(Type.String({ description: 'With logit, the response value that counts as 1' })),
});

/** `POST /v1/models/lookalike`, `clientele model lookalike`. */
export const LookalikeOptions = Obj({
  top: Type.Optional(Share('Share of buyers by revenue counted as the best', 0.1)),
  features: Type.Optional(Columns('Traits to compare on (default: every non-identifying trait)')),
  limit: Type.Optional(Type.Integer({ minimum: 1, default: 20, description: 'Prospects to return' })),
});

/** Lookalike's defaults, from the schema. */
export const LOOKALIKE_DEFAULTS = {
  top: LookalikeOptions.properties.top.default as number,
  limit: LookalikeOptions.properties.limit.default as number,
};

/** `POST /v1/models/value`, `clientele model value`. */
export const ValueOptions = Obj({
  by: Type.Optional(
    OneOf(['net', 'revenue', 'clv'], {
      default: 'net',
      description: 'Rank customers by net (historic), revenue, or the latest clv run',
    }),
  ),
  top: Type.Optional(Share('Share of customers counted as the most valuable', 0.1)),
  limit: Type.Optional(Type.Integer({ minimum: 1, default: 25, description: 'Trait contrasts to return' })),
});

/** Value's defaults, from the schema. */
export const VALUE_DEFAULTS = {
  by: ValueOptions.properties.by.default as 'net' | 'revenue' | 'clv',
  top: ValueOptions.properties.top.default as number,
  limit: ValueOptions.properties.limit.default as number,
};

/** `GET /v1/models/runs`, `clientele model runs`. */
export const RunsQuery = Type.Object({
  model: Type.Optional(Type.String({ description: 'Only runs of this model (rfm, clv, churn, …)' })),
  limit: Type.Integer({ minimum: 1, maximum: 10_000, default: 100, description: 'At most this many runs' }),
});

/** `GET /v1/models/runs/:id`. */
export const RunParams = Type.Object({ id: Type.Integer({ minimum: 1, description: 'The run id' }) });

const N = Type.Number();
const NN = Nullable(Type.Number());

const RfmTier = OneOf(RFM_TIERS);

/** What `clientele model rfm --json` prints. */
export const RfmResult = Obj({
  runId: N,
  asOf: Type.String(),
  customers: N,
  tiers: Type.Array(
    Obj({
      tier: RfmTier,
      customers: N,
      share: NN,
      revenue: NN,
      revenueShare: NN,
      meanRecencyDays: NN,
      meanFrequency: NN,
    }),
  ),
  grid: Type.Array(Type.Array(RfmTier), { description: 'Tier of each (R, FM) cell: grid[R − 1][FM − 1]' }),
  oneTimeBuyers: N,
  warnings: Warnings,
  scores: Type.Optional(
    Type.Array(
      Obj({
        customer: Type.String(),
        recencyDays: N,
        frequency: N,
        monetary: N,
        r: N,
        f: N,
        m: N,
        fm: N,
        tier: RfmTier,
      }),
    ),
  ),
});

const Unit = OneOf(['day', 'week', 'month']);

/** Orders read, used, and left out by reason. */
export const OrdersUsed = Obj({ read: N, used: N, excluded: Type.Record(Type.String(), N) });

/** Predicted against actual repeat purchases in the holdout (Fader, Hardie & Lee 2005, fig. 4). */
export const HoldoutCheck = Obj({
  length: N,
  predicted: NN,
  actual: N,
  ratio: NN,
  sufficient: Type.Boolean(),
  meanAbsoluteError: NN,
  byFrequency: Type.Array(Obj({ x: Type.String(), customers: N, predicted: NN, actual: NN })),
});

/** What `clientele model clv --json` prints. */
export const ClvResult = Obj({
  runId: N,
  bgnbd: Obj({ r: NN, alpha: NN, a: NN, b: NN, logLikelihood: NN, converged: Type.Boolean(), iterations: N }),
  gammaGamma: Obj({
    p: NN,
    q: NN,
    gamma: NN,
    logLikelihood: NN,
    converged: Type.Boolean(),
    customers: N,
    excluded: N,
  }),
  customers: N,
  repeatCustomers: N,
  unit: Unit,
  calibrationEnd: Type.String(),
  observationEnd: Type.String(),
  horizonMonths: N,
  discountRate: N,
  patterns: N,
  laterCustomers: N,
  orders: OrdersUsed,
  spendFrequencyCorrelation: NN,
  meanProbabilityAlive: NN,
  expectedPurchasesPerCustomer: NN,
  clv: Obj({ total: NN, mean: NN, median: NN, topDecileShare: NN }),
  holdout: Nullable(HoldoutCheck),
  paretoNbd: Type.Optional(
    Obj({
      r: NN,
      alpha: NN,
      s: NN,
      beta: NN,
      logLikelihood: NN,
      converged: Type.Boolean(),
      holdoutPredicted: NN,
    }),
  ),
  warnings: Warnings,
});

/** A feature the classifier did not use, and why. */
export const SkippedFeature = Obj({ name: Type.String(), reason: Type.String() });

/** A feature's weight in a classifier. */
export const Driver = Obj({
  name: Type.String(),
  feature: Type.String(),
  importance: NN,
  oddsRatioPerSd: NN,
  coefficient: NN,
  direction: Nullable(OneOf(['raises', 'lowers'])),
});

const Calibration = Type.Array(Obj({ meanPredicted: NN, fractionPositive: NN, count: N }));

/** Churn with a label or a lapse: a classifier measured on a held-out part. */
export const ChurnClassifierResult = Obj({
  runId: N,
  mode: Type.Literal('classifier'),
  model: OneOf(['logistic', 'gbt']),
  label: Type.String(),
  positive: Type.String(),
  negative: Type.String(),
  trainRows: N,
  testRows: N,
  split: Type.Union([
    Obj({ kind: Type.Literal('stratified'), testFraction: N, seed: N }),
    Obj({ kind: Type.Literal('time'), column: Type.String(), testFrom: Type.String(), undated: N }),
  ]),
  features: Type.Array(Type.String()),
  skippedFeatures: Type.Array(SkippedFeature),
  drivers: Type.Array(Driver),
  auc: NN,
  prAuc: NN,
  topDecileLift: NN,
  logLoss: NN,
  brier: NN,
  baseRate: NN,
  calibration: Calibration,
  scored: N,
  warnings: Warnings,
});

/** Churn without a label: probability alive by BG/NBD. */
export const AliveResult = Obj({
  runId: N,
  mode: Type.Literal('non-contractual'),
  asOf: Type.String(),
  customers: N,
  repeatCustomers: N,
  bgnbd: Obj({ r: NN, alpha: NN, a: NN, b: NN, logLikelihood: NN }),
  meanProbabilityAlive: NN,
  threshold: N,
  atRisk: N,
  overdue: N,
  distribution: Type.Array(N, { description: 'Customers by probability alive: [0, 0.1), … [0.9, 1]' }),
  warnings: Warnings,
});

/** What `clientele model churn --json` prints: a classifier, or probability alive without a label. */
export const ChurnResult = Type.Union([ChurnClassifierResult, AliveResult]);

/** What `clientele model regress --json` prints. */
export const RegressResult = Obj({
  runId: N,
  model: OneOf(['ols', 'logit']),
  y: Type.String(),
  n: N,
  dropped: N,
  coefficients: Type.Array(
    Obj({ name: Type.String(), estimate: NN, stdError: NN, statistic: NN, pValue: NN, lower: NN, upper: NN }),
  ),
  level: N,
  r2: Type.Optional(NN),
  adjustedR2: Type.Optional(NN),
  fStatistic: Type.Optional(NN),
  fPValue: Type.Optional(NN),
  residualStandardError: Type.Optional(NN),
  pseudoR2: Type.Optional(NN),
  logLikelihood: Type.Optional(NN),
  llrPValue: Type.Optional(NN),
  positive: Type.Optional(Type.String()),
  separation: Type.Optional(Type.Boolean()),
  warnings: Warnings,
});

/** What `clientele model lookalike --json` prints. */
export const LookalikeResult = Obj({
  runId: N,
  buyers: N,
  seeds: N,
  valueThreshold: NN,
  prospects: N,
  auc: NN,
  topDecileLift: NN,
  features: Type.Array(Type.String()),
  skippedFeatures: Type.Array(SkippedFeature),
  drivers: Type.Array(Driver),
  top: Type.Array(Obj({ customer: Type.String(), score: NN, reasons: Type.Array(Type.String()) })),
  warnings: Warnings,
});

const ValueTotalsProps = {
  customers: N,
  revenue: NN,
  margin: NN,
  acquisitionCost: NN,
  retentionCost: NN,
  netValue: NN,
};

/** A trait's share (or mean) in a group against the rest. */
export const TraitContrast = Obj({
  feature: Type.String(),
  level: Nullable(Type.String()),
  group: NN,
  rest: NN,
  lift: NN,
  pValue: NN,
  pAdjusted: NN,
});

/** What `clientele model value --json` prints. */
export const ValueResult = Obj({
  runId: N,
  by: OneOf(['net', 'revenue', 'clv']),
  customers: N,
  buyers: N,
  marginKnown: N,
  totals: Obj(ValueTotalsProps),
  byChannel: Type.Array(Obj({ ...ValueTotalsProps, channel: Type.String(), costPerCustomer: NN })),
  byCohort: Type.Array(Obj({ ...ValueTotalsProps, cohort: Type.String(), costPerCustomer: NN })),
  topGroup: Obj({
    share: N,
    customers: N,
    threshold: NN,
    valueShare: NN,
    traits: Type.Array(TraitContrast),
  }),
  warnings: Warnings,
});

/** A model card: what a run fitted, on which data, how good it is and what to keep in mind. */
export const ModelCard = Obj({
  model: Type.String(),
  title: Type.String(),
  what: Type.String(),
  data: Obj({
    source: Type.String(),
    windowStart: Nullable(Type.String()),
    windowEnd: Nullable(Type.String()),
    rowsRead: N,
    rowsUsed: N,
    customers: N,
  }),
  parameters: Type.Record(Type.String(), Type.Unknown()),
  quality: Type.Record(Type.String(), Type.Union([N, Type.String(), Type.Null()])),
  caveats: Type.Array(Type.String()),
  warnings: Type.Optional(Warnings),
  scores: Type.Array(Type.String()),
  runId: Type.Optional(Type.Number({ description: 'The run, once recorded' })),
  said: Type.Optional(
    Type.Unknown({
      description:
        "The title, what and caveats as message keys and values (kept with the run; answers say them in the reader's language instead)",
    }),
  ),
});

/** A recorded model run. */
export const ModelRun = Obj({
  runId: N,
  model: Type.String(),
  parameters: Type.Unknown({ description: 'The options the run was given' }),
  windowStart: Nullable(Type.String()),
  windowEnd: Nullable(Type.String()),
  rowsRead: N,
  rowsUsed: N,
  customersScored: N,
  metrics: Type.Unknown({ description: 'The run’s headline figures, by model' }),
  startedAt: Type.String(),
  finishedAt: Type.String(),
  seconds: N,
  card: Nullable(ModelCard),
});

/** `GET /v1/models/runs`. */
export const RunList = Obj({ runs: Type.Array(ModelRun) });

export type ClvOptions = Static<typeof ClvOptions>;
export type ClvResult = Static<typeof ClvResult>;
export type RfmResult = Static<typeof RfmResult>;
export type ChurnResult = Static<typeof ChurnResult>;
export type RegressResult = Static<typeof RegressResult>;
export type LookalikeResult = Static<typeof LookalikeResult>;
export type ValueResult = Static<typeof ValueResult>;
export type ModelCard = Static<typeof ModelCard>;
export type ModelRun = Static<typeof ModelRun>;
