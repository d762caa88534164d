import { type TObject, type TProperties, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import {
  anomalies,
  basketRules,
  cohorts,
  concentration,
  crossSell,
  funnel,
  paths,
  scan,
  trend,
} from '../../mining/index.js';
import type { Warehouse } from '../../store/index.js';
import { rejectUnknownOptions } from '../options.js';

/** What the mining routes need. */
export interface MiningDeps {
  readonly db: Warehouse;
  readonly adminToken: string;
}

/**
 * The complexity budget of mining requests, checked by the schema before any query: each funnel step and
 * path position is one more pass over the events, each scan dimension multiplies the cells, and itemsets
 * grow combinatorially with their length. Over a limit is a 400 naming it.
 */
const BUDGET = {
  funnelSteps: 20,
  pathLength: 10,
  itemsetLength: 6,
  dimensions: 8,
  periods: 12,
  top: 1000,
  rows: 10_000,
};

const day = (description: string) => Type.Optional(Type.String({ description, format: 'date' }));
const window = {
  from: day('First day (YYYY-MM-DD)'),
  to: day('Last day (YYYY-MM-DD)'),
  tz: Type.Optional(Type.String({ description: 'IANA time zone periods are read in; default UTC' })),
};
const basket = {
  minSupport: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
  minConfidence: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  level: Type.Optional(Type.Union([Type.Literal('product'), Type.Literal('category')])),
  maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: BUDGET.itemsetLength })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: BUDGET.rows })),
  segment: Type.Optional(
    Type.String({ minLength: 1, description: 'A saved segment: only its current members' }),
  ),
};

const BODIES = {
  basket: Type.Object(basket),
  recommend: Type.Object({ customer: Type.String({ minLength: 1 }), ...basket }),
  trend: Type.Object({
    measure: Type.Optional(Type.String()),
    by: Type.Optional(Type.String()),
    dimension: Type.Optional(Type.String()),
    filter: Type.Optional(Type.String({ description: 'dimension=value, e.g. category=Apparel' })),
    top: Type.Optional(Type.Integer({ minimum: 1, maximum: BUDGET.top })),
    threshold: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    segment: Type.Optional(
      Type.String({ minLength: 1, description: 'A saved segment: its members only, or the one measured' }),
    ),
    ...window,
  }),
  concentration: Type.Object({
    filter: Type.String({ description: 'dimension=value, e.g. category=Apparel' }),
    by: Type.Optional(Type.String()),
    period: Type.Optional(Type.String()),
    measure: Type.Optional(Type.String()),
    top: Type.Optional(Type.Integer({ minimum: 1, maximum: BUDGET.top })),
    ...window,
  }),
  scan: Type.Object({
    measure: Type.Optional(Type.String()),
    periods: Type.Optional(Type.Array(Type.String(), { maxItems: BUDGET.periods })),
    dimensions: Type.Optional(Type.Array(Type.String(), { maxItems: BUDGET.dimensions })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: BUDGET.rows })),
    top: Type.Optional(Type.Integer({ minimum: 1, maximum: BUDGET.top })),
    minSize: Type.Optional(Type.Integer({ minimum: 1 })),
    fdr: Type.Optional(
      Type.Number({ exclusiveMinimum: 0, maximum: 0.5, description: 'False discovery rate; default 0.05' }),
    ),
    ...window,
  }),
  cohorts: Type.Object({
    by: Type.Optional(Type.String()),
    metric: Type.Optional(Type.String()),
    segment: Type.Optional(
      Type.String({ minLength: 1, description: 'A saved segment: only its current members' }),
    ),
    ...window,
  }),
  funnel: Type.Object({
    steps: Type.Array(Type.String({ maxLength: 200 }), { minItems: 2, maxItems: BUDGET.funnelSteps }),
    window: Type.Optional(Type.String({ description: 'Time from first step to last, e.g. 7d' })),
    by: Type.Optional(Type.String()),
    segment: Type.Optional(
      Type.String({ minLength: 1, description: 'A saved segment: only its current members' }),
    ),
    from: window.from,
    to: window.to,
  }),
  paths: Type.Object({
    goal: Type.String({ minLength: 1 }),
    length: Type.Optional(Type.Integer({ minimum: 1, maximum: BUDGET.pathLength })),
    lookback: Type.Optional(Type.String()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: BUDGET.rows })),
    segment: Type.Optional(
      Type.String({ minLength: 1, description: 'A saved segment: only its current members' }),
    ),
    from: window.from,
    to: window.to,
  }),
  anomalies: Type.Object({
    threshold: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    cardCustomers: Type.Optional(Type.Integer({ minimum: 2 })),
    burstOrders: Type.Optional(Type.Integer({ minimum: 2 })),
    burstWindow: Type.Optional(Type.String()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: BUDGET.rows })),
    from: window.from,
    to: window.to,
  }),
};

/**
 * The mining commands over HTTP, behind the role matrix (src/security/routes.ts): the body holds the CLI's options (camelCase)
 * and the answer is the command's `--json` output.
 */
export async function miningRoutes(app: FastifyInstance, deps: MiningDeps): Promise<void> {
  const { db } = deps;
  const route = <T extends TProperties>(
    path: string,
    summary: string,
    body: TObject<T>,
    run: (b: never) => Promise<unknown>,
  ) =>
    app.post(
      `/v1/mining/${path}`,
      {
        schema: { summary, tags: ['mining'], security: [{ adminToken: [] }], body },
        preValidation: rejectUnknownOptions(body.properties, 'CLT_ERR_MINING_BAD_OPTION'),
      },
      async (request) => run((request.body ?? {}) as never),
    );
  route('basket', 'Frequent itemsets and association rules over placed orders', BODIES.basket, (b) =>
    basketRules(db, b),
  );
  route(
    'basket/recommend',
    'Cross-sell for one customer from the rules and their purchases',
    BODIES.recommend,
    ({ customer, ...options }: { customer: string }) => crossSell(db, customer, options),
  );
  route(
    'trend',
    'A measure by day, week or month, with change, decomposition and anomalies',
    BODIES.trend,
    (b) => trend(db, b),
  );
  route('concentration', "A product's or category's shares by period per region", BODIES.concentration, (b) =>
    concentration(db, b),
  );
  route(
    'scan',
    'Concentrations that survive false discovery rate control, ranked by the lift bound',
    BODIES.scan,
    (b) => scan(db, b),
  );
  route('cohorts', 'Retention by acquisition cohort', BODIES.cohorts, (b) => cohorts(db, b));
  route('funnel', 'Conversion and drop-off per step', BODIES.funnel, (b) => funnel(db, b));
  route('paths', 'Sequences before a goal event and the touchpoints of converters', BODIES.paths, (b) =>
    paths(db, b),
  );
  route('anomalies', 'Unusual orders and customers, each with its reason', BODIES.anomalies, (b) =>
    anomalies(db, b),
  );
}
