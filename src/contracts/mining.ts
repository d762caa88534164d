import { type Static, Type } from '@sinclair/typebox';
import { Nullable, Obj } from './shared.js';

// The mining commands' options under the CLI's names in camelCase (the HTTP body of `POST /v1/mining/<name>`)
// and their `--json` answers.

/**
 * The complexity budget of mining requests, checked by the schema before any query: each funnel step and
 * path position is one more pass over the events, each scan dimension multiplies the cells, and itemsets
 * grow combinatorially with their length. Over a limit is a 400 naming it.
 */
export const MINING_BUDGET = {
  funnelSteps: 20,
  pathLength: 10,
  itemsetLength: 6,
  dimensions: 8,
  periods: 12,
  top: 1000,
  rows: 10_000,
} as const;

const B = MINING_BUDGET;
const day = (description: string) => Type.Optional(Type.String({ description, format: 'date' }));
const window = {
  from: day('First day (YYYY-MM-DD)'),
  to: day('Last day (YYYY-MM-DD)'),
  tz: Type.Optional(Type.String({ default: 'UTC', description: 'IANA time zone periods are read in' })),
};
const segment = (description = 'A saved segment: only its current members') =>
  Type.Optional(Type.String({ minLength: 1, description }));
const basket = {
  minSupport: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1, default: 0.001 })),
  minConfidence: Type.Optional(Type.Number({ minimum: 0, maximum: 1, default: 0.1 })),
  level: Type.Optional(
    Type.Union([Type.Literal('product'), Type.Literal('category')], { default: 'product' }),
  ),
  maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: B.itemsetLength, default: 4 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: B.rows })),
  segment: segment(),
};

/** `clientele basket`. */
export const BasketOptions = Type.Object(basket);
/** `clientele basket --customer`: cross-sell for one customer. */
export const RecommendOptions = Type.Object({ customer: Type.String({ minLength: 1 }), ...basket });
/** `clientele trend`. */
export const TrendOptions = Type.Object({
  measure: Type.Optional(Type.String({ default: 'revenue' })),
  by: Type.Optional(Type.String({ default: 'month' })),
  dimension: Type.Optional(Type.String()),
  filter: Type.Optional(Type.String({ description: 'dimension=value, e.g. category=Apparel' })),
  top: Type.Optional(Type.Integer({ minimum: 1, maximum: B.top, default: 10 })),
  threshold: Type.Optional(Type.Number({ exclusiveMinimum: 0, default: 3.5 })),
  segment: segment('A saved segment: its members only, or the one measured'),
  ...window,
});
/** `clientele concentration`. */
export const ConcentrationOptions = Type.Object({
  filter: Type.String({ description: 'dimension=value, e.g. category=Apparel' }),
  by: Type.Optional(Type.String({ default: 'region' })),
  period: Type.Optional(Type.String({ default: 'month' })),
  measure: Type.Optional(Type.String({ default: 'revenue' })),
  top: Type.Optional(Type.Integer({ minimum: 1, maximum: B.top, default: 20 })),
  ...window,
});
/** `clientele scan`. */
export const ScanOptions = Type.Object({
  measure: Type.Optional(Type.String({ default: 'customers' })),
  periods: Type.Optional(Type.Array(Type.String(), { maxItems: B.periods })),
  dimensions: Type.Optional(Type.Array(Type.String(), { maxItems: B.dimensions })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: B.rows, default: 25 })),
  top: Type.Optional(Type.Integer({ minimum: 1, maximum: B.top, default: 200 })),
  minSize: Type.Optional(Type.Integer({ minimum: 1, default: 30 })),
  fdr: Type.Optional(
    Type.Number({ exclusiveMinimum: 0, maximum: 0.5, default: 0.05, description: 'False discovery rate' }),
  ),
  ...window,
});
/** `clientele cohorts`. */
export const CohortOptions = Type.Object({
  by: Type.Optional(Type.String({ default: 'month' })),
  metric: Type.Optional(Type.String({ default: 'customers' })),
  segment: segment(),
  ...window,
});
/** `clientele funnel`. */
export const FunnelOptions = Type.Object({
  steps: Type.Array(Type.String({ maxLength: 200 }), { minItems: 2, maxItems: B.funnelSteps }),
  window: Type.Optional(Type.String({ default: '7d', description: 'Time from first step to last' })),
  by: Type.Optional(Type.String()),
  segment: segment(),
  from: window.from,
  to: window.to,
});
/** `clientele paths`. */
export const PathOptions = Type.Object({
  goal: Type.String({ minLength: 1 }),
  length: Type.Optional(Type.Integer({ minimum: 1, maximum: B.pathLength, default: 3 })),
  lookback: Type.Optional(Type.String({ default: '30d' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: B.rows, default: 10 })),
  segment: segment(),
  from: window.from,
  to: window.to,
});
/** `clientele anomalies`. */
export const AnomalyOptions = Type.Object({
  threshold: Type.Optional(Type.Number({ exclusiveMinimum: 0, default: 4 })),
  cardCustomers: Type.Optional(Type.Integer({ minimum: 2, default: 3 })),
  burstOrders: Type.Optional(Type.Integer({ minimum: 2, default: 3 })),
  burstWindow: Type.Optional(Type.String({ default: '1h' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: B.rows, default: 50 })),
  from: window.from,
  to: window.to,
});

const N = Type.Number();
const NN = Nullable(Type.Number());
const S = Type.String();
const SN = Nullable(Type.String());
const Strings = Type.Array(Type.String());

const BasketParameters = Obj({
  minSupport: N,
  minConfidence: N,
  level: S,
  maxLength: N,
  limit: NN,
  segment: SN,
});

/** An association rule: antecedent ⇒ consequent with its measures. */
export const RuleRow = Obj({
  antecedent: Strings,
  consequent: Strings,
  antecedentKeys: Strings,
  consequentKeys: Strings,
  support: NN,
  confidence: NN,
  lift: NN,
  leverage: NN,
  conviction: NN,
  count: N,
});

/** What `clientele basket --json` prints. */
export const BasketResult = Obj({
  itemsetCount: N,
  ruleCount: N,
  rules: Type.Array(RuleRow),
  baskets: N,
  parameters: BasketParameters,
});

/** What `clientele basket --customer … --json` prints. */
export const CrossSellResult = Obj({
  customer: S,
  purchased: Strings,
  recommendations: Type.Array(Obj({ item: S, key: S, score: NN, because: RuleRow })),
  ruleCount: N,
  parameters: BasketParameters,
});

/** What `clientele trend --json` prints. */
export const TrendResult = Obj({
  measure: S,
  by: S,
  dimension: SN,
  filter: SN,
  segment: SN,
  timeZone: S,
  periods: Strings,
  series: Type.Array(
    Obj({
      key: S,
      total: N,
      points: Type.Array(
        Obj({ period: S, value: N, change: NN, changePct: NN, expected: NN, partial: Type.Boolean() }),
      ),
      seasonality: Nullable(
        Obj({ model: S, period: N, figure: Type.Array(Obj({ position: N, factor: NN })), strength: NN }),
      ),
      note: SN,
      anomalies: Type.Array(
        Obj({
          period: S,
          value: N,
          expected: NN,
          difference: NN,
          z: NN,
          direction: Type.Union([Type.Literal('above'), Type.Literal('below')]),
        }),
      ),
    }),
  ),
  distinctValues: N,
  otherValues: N,
});

/** What `clientele concentration --json` prints. */
export const ConcentrationResult = Obj({
  filter: S,
  by: S,
  period: S,
  measure: S,
  rows: Type.Array(
    Obj({
      value: S,
      total: N,
      cells: Type.Array(Obj({ period: N, value: N, share: NN, expectedShare: NN, lift: NN })),
      peak: SN,
    }),
  ),
});

/** What `clientele scan --json` prints. */
export const ScanResult = Obj({
  measure: S,
  findings: Type.Array(
    Obj({
      dimensions: Type.Record(Type.String(), Type.String()),
      period: Type.Record(Type.String(), N),
      value: N,
      groupTotal: N,
      size: N,
      share: NN,
      expectedShare: NN,
      lift: NN,
      liftLower: NN,
      z: NN,
      pValue: N,
      qValue: N,
      comparisons: Type.Array(Obj({ against: S, share: NN, lift: NN, pValue: N })),
      sentence: S,
    }),
  ),
  cellsScored: N,
  cellsCredible: N,
  method: Obj({ test: S, crossings: S, multiplicity: S, bounds: S }),
  warnings: Type.Array(Obj({ code: S, message: S })),
  parameters: Obj({
    periods: Strings,
    dimensions: Strings,
    top: N,
    minSize: N,
    fdr: N,
    rows: Type.Union([Type.Literal('order lines'), Type.Literal('orders')]),
    timeZone: S,
  }),
});

/** What `clientele cohorts --json` prints. */
export const CohortResult = Obj({
  by: Type.Union([Type.Literal('month'), Type.Literal('week')]),
  metric: Type.Union([Type.Literal('customers'), Type.Literal('revenue')]),
  segment: SN,
  cohorts: Type.Array(
    Obj({
      cohort: S,
      size: N,
      values: Type.Array(N),
      rates: Type.Array(NN),
      perCustomer: Type.Array(NN),
    }),
  ),
  average: Type.Array(NN),
});

const FunnelStep = Obj({
  step: S,
  count: N,
  conversion: N,
  stepConversion: N,
  dropOff: N,
  dropOffRate: N,
  medianSecondsFromPrevious: NN,
});

/** What `clientele funnel --json` prints. */
export const FunnelResult = Obj({
  steps: Type.Array(FunnelStep),
  windowSeconds: N,
  by: SN,
  breakdown: Type.Array(Obj({ value: S, steps: Type.Array(FunnelStep) })),
});

/** What `clientele paths --json` prints. */
export const PathResult = Obj({
  goal: S,
  people: N,
  converters: N,
  paths: Type.Array(Obj({ path: Strings, people: N, share: N })),
  touchpoints: Type.Array(
    Obj({
      touchpoint: S,
      converters: N,
      nonConverters: N,
      converterShare: N,
      nonConverterShare: N,
      lift: NN,
      z: NN,
    }),
  ),
  byChannel: Type.Array(Obj({ channel: S, converters: N, medianDaysToConvert: NN, medianTouches: NN })),
});

/** What `clientele anomalies --json` prints. */
export const AnomalyResult = Obj({
  orders: Type.Array(Obj({ orderId: S, customer: SN, ts: S, revenue: NN, reasons: Strings })),
  customers: Type.Array(Obj({ customer: S, orders: N, revenue: NN, reasons: Strings })),
  cards: Type.Array(Obj({ cardHash: S, customers: Strings, orders: N })),
  parameters: Obj({ threshold: N, cardCustomers: N, burstOrders: N, burstWindowSeconds: N }),
});

export type BasketResult = Static<typeof BasketResult>;
export type TrendResult = Static<typeof TrendResult>;
export type CohortResult = Static<typeof CohortResult>;
export type FunnelResult = Static<typeof FunnelResult>;
export type PathResult = Static<typeof PathResult>;
export type ScanResult = Static<typeof ScanResult>;
export type AnomalyResult = Static<typeof AnomalyResult>;
