import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Static, TObject, TSchema } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { plainly } from '../../contracts/agree.js';
import {
  AnomalyOptions,
  AnomalyResult,
  BasketOptions,
  BasketResult,
  CohortOptions,
  CohortResult,
  ConcentrationOptions,
  ConcentrationResult,
  CrossSellResult,
  FunnelOptions,
  FunnelResult,
  PathOptions,
  PathResult,
  RecommendOptions,
  ScanOptions,
  ScanResult,
  TrendOptions,
  TrendResult,
} from '../../contracts/mining.js';
import { replies } from '../../contracts/shared.js';
import { type Speaker, speaker } from '../../i18n/index.js';
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
import { requestLocale } from '../locale.js';
import { rejectUnknownOptions } from '../options.js';

/** What the mining routes need. */
export interface MiningDeps {
  readonly db: Warehouse;
  readonly adminToken: string;
}

/**
 * The mining commands over HTTP, behind the role matrix (src/security/routes.ts): the body holds the CLI's options (camelCase)
 * and the answer is the command's `--json` output.
 */
export async function miningRoutes(fastify: FastifyInstance, deps: MiningDeps): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = deps;
  const route = <B extends TObject, R extends TSchema>(
    path: string,
    summary: string,
    body: B,
    answer: R,
    run: (b: Static<B>, s: Speaker) => Promise<Static<R>>,
  ) =>
    app.post(
      `/v1/mining/${path}`,
      {
        schema: {
          summary,
          tags: ['mining'],
          security: [{ adminToken: [] }],
          body,
          response: replies(answer),
        },
        preValidation: rejectUnknownOptions(body.properties, 'CLT_ERR_MINING_BAD_OPTION'),
      },
      // The type provider cannot see through the generic schemas here; `run` is checked against them instead.
      (async (request: FastifyRequest) =>
        run((request.body ?? {}) as Static<B>, speaker(requestLocale(request)))) as never,
    );
  route(
    'basket',
    'Frequent itemsets and association rules over placed orders',
    BasketOptions,
    BasketResult,
    (b) => plainly(basketRules(db, b)),
  );
  route(
    'basket/recommend',
    'Cross-sell for one customer from the rules and their purchases',
    RecommendOptions,
    CrossSellResult,
    ({ customer, ...options }) => plainly(crossSell(db, customer, options)),
  );
  route(
    'trend',
    'A measure by day, week or month, with change, decomposition and anomalies',
    TrendOptions,
    TrendResult,
    (b, s) => plainly(trend(db, b, s)),
  );
  route(
    'concentration',
    "A product's or category's shares by period per region",
    ConcentrationOptions,
    ConcentrationResult,
    (b, s) => plainly(concentration(db, b, s)),
  );
  route(
    'scan',
    'Concentrations that survive false discovery rate control, ranked by the lift bound',
    ScanOptions,
    ScanResult,
    (b, s) => plainly(scan(db, b, s)),
  );
  route('cohorts', 'Retention by acquisition cohort', CohortOptions, CohortResult, (b) =>
    plainly(cohorts(db, b)),
  );
  route('funnel', 'Conversion and drop-off per step', FunnelOptions, FunnelResult, (b) =>
    plainly(funnel(db, b)),
  );
  route(
    'paths',
    'Sequences before a goal event and the touchpoints of converters',
    PathOptions,
    PathResult,
    (b) => plainly(paths(db, b)),
  );
  route(
    'anomalies',
    'Unusual orders and customers, each with its reason',
    AnomalyOptions,
    AnomalyResult,
    (b, s) => plainly(anomalies(db, b, s)),
  );
}
