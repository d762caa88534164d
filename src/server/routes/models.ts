import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Static, TObject, TSchema } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { plainly } from '../../contracts/agree.js';
import {
  CHURN_DEFAULTS,
  ChurnOptions,
  ChurnResult,
  CLV_DEFAULTS,
  ClvOptions,
  ClvResult,
  LOOKALIKE_DEFAULTS,
  LookalikeOptions,
  LookalikeResult,
  ModelRun,
  RegressOptions,
  RegressResult,
  RFM_DEFAULTS,
  RfmOptions,
  RfmResult,
  RunList,
  RunParams,
  RunsQuery,
  VALUE_DEFAULTS,
  ValueOptions,
  ValueResult,
} from '../../contracts/models.js';
import { replies } from '../../contracts/shared.js';
import { ClienteleError } from '../../errors/index.js';
import { type Speaker, speaker } from '../../i18n/index.js';
import { sayCard } from '../../modeling/card.js';
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
import { requestLocale } from '../locale.js';
import { rejectUnknownOptions } from '../options.js';

/** What the model routes need. */
export interface ModelDeps {
  readonly db: Warehouse;
  readonly adminToken: string;
}

/**
 * The models over the warehouse behind the role matrix (src/security/routes.ts): one POST per model, with the CLI's options as
 * the body and its `--json` answer, and the run log with each run's model card.
 */
export async function modelRoutes(fastify: FastifyInstance, deps: ModelDeps): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const security = [{ adminToken: [] }];
  // A misspelt option fails naming the option (CLT_ERR_MODEL_BAD_OPTION), as it does on the CLI.
  const post = <B extends TObject, R extends TSchema>(summary: string, body: B, answer: R) => ({
    schema: { summary, tags: ['models'], security, body, response: replies(answer) },
    preValidation: rejectUnknownOptions(body.properties, 'CLT_ERR_MODEL_BAD_OPTION'),
  });
  const { db } = deps;

  app.post(
    '/v1/models/rfm',
    post('RFM quintiles and named tiers for every buyer', RfmOptions, RfmResult),
    async (request) => {
      const b = request.body ?? {};
      return plainly(
        runRfm(db, {
          ...(b.asOf !== undefined && { asOf: b.asOf }),
          perCustomer: b.customers ?? RFM_DEFAULTS.customers,
        }),
      );
    },
  );
  app.post(
    '/v1/models/clv',
    post('BG/NBD + Gamma-Gamma lifetime value, with a holdout check', ClvOptions, ClvResult),
    async (request) => {
      const b = request.body ?? {};
      return plainly(
        runClv(db, {
          unit: b.unit ?? CLV_DEFAULTS.unit,
          horizonMonths: b.horizonMonths ?? CLV_DEFAULTS.horizonMonths,
          discountRate: b.discountRate ?? CLV_DEFAULTS.discountRate,
          ...(b.pareto && { paretoNbd: true }),
          ...(b.calibrationEnd !== undefined && { calibrationEnd: b.calibrationEnd }),
          ...(b.observationEnd !== undefined && { observationEnd: b.observationEnd }),
        }),
      );
    },
  );
  app.post(
    '/v1/models/churn',
    post('A churn classifier on a label or a lapse; probability alive without', ChurnOptions, ChurnResult),
    async (request) => {
      const b = request.body ?? {};
      if (b.label === undefined && b.lapsedDays === undefined) return plainly(runAliveChurn(db));
      return plainly(
        runChurn(db, {
          ...(b.label !== undefined && { label: b.label }),
          ...(b.lapsedDays !== undefined && { lapsedDays: b.lapsedDays }),
          ...(b.timeColumn !== undefined && { timeColumn: b.timeColumn }),
          ...(b.testFrom !== undefined && { testFrom: b.testFrom }),
          model: b.model ?? CHURN_DEFAULTS.model,
          ...(b.positive !== undefined && { positive: b.positive }),
          ...(b.features !== undefined && { features: b.features }),
        }),
      );
    },
  );
  app.post(
    '/v1/models/regress',
    post('OLS or logit of one trait or metric on others', RegressOptions, RegressResult),
    async (request) => {
      const b = request.body;
      return plainly(
        runRegress(db, {
          y: b.y,
          x: b.x,
          ...(b.logit && { logit: true }),
          ...(b.positive !== undefined && { positive: b.positive }),
        }),
      );
    },
  );
  app.post(
    '/v1/models/lookalike',
    post('Prospects ranked by resemblance to the best customers', LookalikeOptions, LookalikeResult),
    async (request) => {
      const b = request.body ?? {};
      return plainly(
        runLookalike(db, {
          topShare: b.top ?? LOOKALIKE_DEFAULTS.top,
          limit: b.limit ?? LOOKALIKE_DEFAULTS.limit,
          ...(b.features !== undefined && { features: b.features }),
        }),
      );
    },
  );
  app.post(
    '/v1/models/value',
    post('Historic value, acquisition cost, and what the most valuable share', ValueOptions, ValueResult),
    async (request) => {
      const b = request.body ?? {};
      return plainly(
        runValue(db, {
          by: b.by ?? VALUE_DEFAULTS.by,
          topShare: b.top ?? VALUE_DEFAULTS.top,
          limit: b.limit ?? VALUE_DEFAULTS.limit,
        }),
      );
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
        response: replies(RunList),
      },
    },
    async (request) => {
      const q = request.query;
      const runs = await listRuns(db, { limit: q.limit, ...(q.model !== undefined && { model: q.model }) });
      const s = speaker(requestLocale(request));
      // The run log keeps parameters, metrics and card as JSON; the contract says what they hold.
      return { runs: runs.map((r) => saidRun(r, s)) as Static<typeof ModelRun>[] };
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
        response: replies(ModelRun),
      },
    },
    async (request) => {
      const { id } = request.params;
      const run = await getRun(db, id);
      if (run) return saidRun(run, speaker(requestLocale(request))) as Static<typeof ModelRun>;
      throw new ClienteleError('CLT_ERR_MODEL_RUN_NOT_FOUND', `no model run ${id}`, { runId: id });
    },
  );
}

/** A run with its card said in the reader's language (src/modeling/card.ts). */
function saidRun<R extends { readonly card: unknown }>(run: R, s: Speaker): R {
  const card = run.card;
  return card && typeof card === 'object' ? { ...run, card: sayCard(card, s) } : run;
}
