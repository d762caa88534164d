import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import {
  ActNameParams,
  ExperimentInput,
  ExperimentList,
  ExperimentReportView,
  ExperimentView,
  ReportQuery,
} from '../../contracts/activation.js';
import { replies } from '../../contracts/shared.js';
import { createExperiment, experimentReport, listExperiments } from '../../experiments/index.js';
import { speaker } from '../../i18n/index.js';
import type { Warehouse } from '../../store/index.js';
import { requestLocale } from '../locale.js';
import { typeBoxValidator } from '../validate.js';

/** The 95 % Wilson score interval of `k` successes in `n` (Wilson 1927), null without members. */
export function wilson(k: number, n: number, z = 1.959963984540054): [number | null, number | null] {
  if (n <= 0) return [null, null];
  const p = k / n;
  const d = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / d;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

// A figure the data cannot give (NaN, ±Infinity) is null in JSON, as the schema says.
function finite<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)),
  );
}

/** Experiments behind the role matrix (src/security/routes.ts): the list, create (as the CLI) and a report. */
export async function experimentRoutes(fastify: FastifyInstance, deps: { db: Warehouse }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(typeBoxValidator);
  const { db } = deps;
  const tags = ['activation'];
  const security = [{ adminToken: [] }];

  app.get(
    '/v1/experiments',
    { schema: { summary: 'Experiments', tags, security, response: replies(ExperimentList) } },
    async () => ({
      experiments: (await listExperiments(db)).map((e) => ({
        ...e,
        variants: [...e.variants],
        weights: [...e.weights],
      })),
    }),
  );
  app.post(
    '/v1/experiments',
    {
      schema: {
        summary:
          'Split a segment into variants (the first is the control), as `clientele experiments create`',
        tags,
        security,
        body: ExperimentInput,
        response: replies(ExperimentView, 201),
      },
    },
    async (request, reply) => {
      const e = await createExperiment(db, request.body);
      reply.code(201);
      return { ...e, variants: [...e.variants], weights: [...e.weights] };
    },
  );
  app.get(
    '/v1/experiments/:name/report',
    {
      schema: {
        summary:
          "An experiment's variants against the control: rates, lift, p-value, Bayes, mSPRT, sample size",
        tags,
        security,
        params: ActNameParams,
        querystring: ReportQuery,
        response: replies(ExperimentReportView),
      },
    },
    async (request) => {
      const q = request.query;
      const r = await experimentReport(
        db,
        request.params.name,
        {
          metric: q.metric,
          windowDays: q.windowDays,
          minimumEffect: q.minimumEffect,
        },
        speaker(requestLocale(request)),
      );
      return finite({
        ...r,
        variants: r.variants.map((v) => ({ ...v, rateInterval: wilson(v.conversions, v.n) })),
      });
    },
  );
}
