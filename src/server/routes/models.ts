import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ClienteleError } from '../../errors/index.js';
import {
  getRun,
  listRuns,
  runAliveChurn,
  runChurn,
  runClv,
  runLookalike,
  runRegress,
  runRfm,
  runValue,
} from '../../modeling/index.js';
import type { Warehouse } from '../../store/index.js';
import { rejectUnknownOptions } from '../options.js';

/** What the model routes need. */
export interface ModelDeps {
  readonly db: Warehouse;
  readonly adminToken: string;
}

// The bodies hold the CLI's options under the same names in camelCase (`--calibration-end` is
// `calibrationEnd`, `--features a,b` is `features: ["a", "b"]`); the answers are what `--json` prints.
const Day = (description: string) => Type.String({ format: 'date', description });
const Columns = (description: string) => Type.Array(Type.String({ minLength: 1 }), { description });
const Share = (description: string) => Type.Number({ minimum: 0.001, maximum: 0.999, description });

const RfmBody = Type.Object(
  {
    asOf: Type.Optional(Day('Day recency is counted to (default: the last order day)')),
    customers: Type.Optional(
      Type.Boolean({
        description: 'Include every customer’s scores (default true; false is --no-customers)',
      }),
    ),
  },
  { additionalProperties: false },
);
const ClvBody = Type.Object(
  {
    calibrationEnd: Type.Optional(Day('Last day of the calibration period (default: the last purchase day)')),
    observationEnd: Type.Optional(Day('Last day of the holdout (default: the last purchase day)')),
    unit: Type.Optional(
      Type.Union([Type.Literal('day'), Type.Literal('week'), Type.Literal('month')], {
        description: 'Time unit of the purchase model (default week)',
      }),
    ),
    horizonMonths: Type.Optional(
      Type.Integer({ minimum: 0, description: 'CLV horizon in months (default 12)' }),
    ),
    discountRate: Type.Optional(
      Type.Number({ minimum: 0, maximum: 0.99, description: 'Monthly discount rate (default 0.01)' }),
    ),
    pareto: Type.Optional(Type.Boolean({ description: 'Also fit Pareto/NBD as a second purchase model' })),
  },
  { additionalProperties: false },
);
const ChurnBody = Type.Object(
  {
    label: Type.Optional(Type.String({ minLength: 1, description: 'Trait holding the churn label' })),
    lapsedDays: Type.Optional(
      Type.Integer({ minimum: 1, description: 'Without a label: churned = no purchase in the last N days' }),
    ),
    positive: Type.Optional(Type.String({ description: 'Label value meaning churned (e.g. Yes)' })),
    features: Type.Optional(Columns('Features to use (default: every trait and metric but the label)')),
    model: Type.Optional(Type.Union([Type.Literal('logistic'), Type.Literal('gbt')])),
    timeColumn: Type.Optional(
      Type.String({ minLength: 1, description: 'Hold out the latest customers by this date column' }),
    ),
    testFrom: Type.Optional(Day('With timeColumn, the first day of the test part')),
  },
  {
    additionalProperties: false,
    description: 'Without label or lapsedDays: probability alive from purchases (non-contractual churn)',
  },
);
const RegressBody = Type.Object(
  {
    y: Type.String({ minLength: 1, description: 'The response: a trait or a metric' }),
    x: Columns('The regressors; categories enter one-hot'),
    logit: Type.Optional(Type.Boolean({ description: 'Logistic regression of a two-valued response' })),
    positive: Type.Optional(Type.String({ description: 'With logit, the response value that counts as 1' })),
  },
  { additionalProperties: false },
);
const LookalikeBody = Type.Object(
  {
    top: Type.Optional(Share('Share of buyers by revenue counted as the best (default 0.1)')),
    features: Type.Optional(Columns('Traits to compare on (default: every non-identifying trait)')),
    limit: Type.Optional(Type.Integer({ minimum: 1, description: 'Prospects to return (default 20)' })),
  },
  { additionalProperties: false },
);
const ValueBody = Type.Object(
  {
    by: Type.Optional(
      Type.Union([Type.Literal('net'), Type.Literal('revenue'), Type.Literal('clv')], {
        description: 'Rank customers by net (historic), revenue, or the latest clv run (default net)',
      }),
    ),
    top: Type.Optional(Share('Share of customers counted as the most valuable (default 0.1)')),
    limit: Type.Optional(Type.Integer({ minimum: 1, description: 'Trait contrasts to return (default 25)' })),
  },
  { additionalProperties: false },
);
const RunsQuery = Type.Object({
  model: Type.Optional(Type.String({ description: 'Only runs of this model (rfm, clv, churn, …)' })),
  limit: Type.Integer({ minimum: 1, maximum: 10_000, default: 100 }),
});
const RunParams = Type.Object({ id: Type.Integer({ minimum: 1, description: 'The run id' }) });

/**
 * The models over the warehouse behind the role matrix (src/security/routes.ts): one POST per model, with the CLI's options as
 * the body and its `--json` answer, and the run log with each run's model card.
 */
export async function modelRoutes(app: FastifyInstance, deps: ModelDeps): Promise<void> {
  const security = [{ adminToken: [] }];
  // Fastify's validator strips unknown properties; a misspelt option must fail as it does on the CLI.
  const post = (summary: string, body: { properties: Record<string, unknown> }) => ({
    schema: { summary, tags: ['models'], security, body },
    preValidation: rejectUnknownOptions(body.properties, 'CLT_ERR_MODEL_BAD_OPTION'),
  });
  const { db } = deps;

  app.post(
    '/v1/models/rfm',
    post('RFM quintiles and named tiers for every buyer', RfmBody),
    async (request) => {
      const b = (request.body ?? {}) as Static<typeof RfmBody>;
      return runRfm(db, {
        ...(b.asOf !== undefined && { asOf: b.asOf }),
        perCustomer: b.customers ?? true,
      });
    },
  );
  app.post(
    '/v1/models/clv',
    post('BG/NBD + Gamma-Gamma lifetime value, with a holdout check', ClvBody),
    async (request) => {
      const b = (request.body ?? {}) as Static<typeof ClvBody>;
      return runClv(db, {
        unit: b.unit ?? 'week',
        horizonMonths: b.horizonMonths ?? 12,
        discountRate: b.discountRate ?? 0.01,
        ...(b.pareto && { paretoNbd: true }),
        ...(b.calibrationEnd !== undefined && { calibrationEnd: b.calibrationEnd }),
        ...(b.observationEnd !== undefined && { observationEnd: b.observationEnd }),
      });
    },
  );
  app.post(
    '/v1/models/churn',
    post('A churn classifier on a label or a lapse; probability alive without', ChurnBody),
    async (request) => {
      const b = (request.body ?? {}) as Static<typeof ChurnBody>;
      if (b.label === undefined && b.lapsedDays === undefined) return runAliveChurn(db);
      return runChurn(db, {
        ...(b.label !== undefined && { label: b.label }),
        ...(b.lapsedDays !== undefined && { lapsedDays: b.lapsedDays }),
        ...(b.timeColumn !== undefined && { timeColumn: b.timeColumn }),
        ...(b.testFrom !== undefined && { testFrom: b.testFrom }),
        model: b.model ?? 'logistic',
        ...(b.positive !== undefined && { positive: b.positive }),
        ...(b.features !== undefined && { features: b.features }),
      });
    },
  );
  app.post(
    '/v1/models/regress',
    post('OLS or logit of one trait or metric on others', RegressBody),
    async (request) => {
      const b = request.body as Static<typeof RegressBody>;
      return runRegress(db, {
        y: b.y,
        x: b.x,
        ...(b.logit && { logit: true }),
        ...(b.positive !== undefined && { positive: b.positive }),
      });
    },
  );
  app.post(
    '/v1/models/lookalike',
    post('Prospects ranked by resemblance to the best customers', LookalikeBody),
    async (request) => {
      const b = (request.body ?? {}) as Static<typeof LookalikeBody>;
      return runLookalike(db, {
        topShare: b.top ?? 0.1,
        limit: b.limit ?? 20,
        ...(b.features !== undefined && { features: b.features }),
      });
    },
  );
  app.post(
    '/v1/models/value',
    post('Historic value, acquisition cost, and what the most valuable share', ValueBody),
    async (request) => {
      const b = (request.body ?? {}) as Static<typeof ValueBody>;
      return runValue(db, { by: b.by ?? 'net', topShare: b.top ?? 0.1, limit: b.limit ?? 25 });
    },
  );
  app.get(
    '/v1/models/runs',
    {
      schema: {
        summary: 'The recorded model runs, newest first, with their model cards',
        tags: ['models'],
        security,
        querystring: RunsQuery,
      },
    },
    async (request) => {
      const q = request.query as Static<typeof RunsQuery>;
      const runs = await listRuns(db, { limit: q.limit, ...(q.model !== undefined && { model: q.model }) });
      return { runs };
    },
  );
  app.get(
    '/v1/models/runs/:id',
    {
      schema: {
        summary: 'One recorded run with its model card',
        tags: ['models'],
        security,
        params: RunParams,
      },
    },
    async (request) => {
      const { id } = request.params as Static<typeof RunParams>;
      const run = await getRun(db, id);
      if (run) return run;
      throw new ClienteleError('CLT_ERR_MODEL_RUN_NOT_FOUND', `no model run ${id}`, { runId: id });
    },
  );
}
