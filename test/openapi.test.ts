import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type TSchema, TypeGuard } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { FastifyInstance } from 'fastify';
import { ErrorReply } from '../src/contracts/shared.js';
import { demoFiles, generateDemo } from '../src/demo/index.js';
import { createKey, EventWriter, loadSources } from '../src/events/index.js';
import { createExperiment } from '../src/experiments/index.js';
import { resolveIdentities } from '../src/identity/index.js';
import { importFile } from '../src/ingest/index.js';
import { savePlacement } from '../src/placements/index.js';
import { ROUTE_ACCESS } from '../src/security/index.js';
import { saveSegment } from '../src/segments/index.js';
import { type Answer, buildApp, type RouteSchema, routeSchemas } from '../src/server/index.js';
import { openWarehouse, type Warehouse } from '../src/store/index.js';
import { testLocation } from './helpers/engine.js';
import { ADMIN_TOKEN } from './helpers/server.js';
import { withTempDir } from './helpers/tmp.js';

// The OpenAPI document is the API's contract: every route is in it with a schema for its success answer, and
// every answer the routes really give on a small demo business matches the schema it declares. The answers
// are checked as the handlers returned them (before Fastify's serializer, which keeps only what the schema
// names and would hide a schema that leaves a field out) and as they went over the wire.

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

interface Call {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly payload?: unknown;
  /** The route as registered, when the URL fills in parameters. */
  readonly route?: string;
  readonly status?: number;
}

// Valid inputs for every GET route and the main POST routes, in an order where each finds what it needs.
const CALLS: readonly Call[] = [
  { method: 'GET', url: '/health' },
  { method: 'GET', url: '/v1/session' },
  { method: 'GET', url: '/v1/admin/keys' },
  { method: 'POST', url: '/v1/admin/keys', payload: { name: 'web' } },
  { method: 'POST', url: '/v1/admin/keys/web/rotate', route: '/v1/admin/keys/:name/rotate' },
  { method: 'POST', url: '/v1/admin/keys/web/revoke', route: '/v1/admin/keys/:name/revoke' },
  { method: 'GET', url: '/v1/events?limit=5' },
  { method: 'GET', url: '/v1/audit?limit=5' },
  { method: 'GET', url: '/v1/profiles?limit=5' },
  { method: 'GET', url: '/v1/profiles/1?explain=true&timeline=5', route: '/v1/profiles/:id' },
  { method: 'GET', url: '/v1/profiles/1/timeline?timeline=5', route: '/v1/profiles/:id/timeline' },
  { method: 'POST', url: '/v1/identity/resolve', payload: {} },
  { method: 'GET', url: '/v1/rejects?limit=5' },
  { method: 'GET', url: '/v1/overview' },
  { method: 'GET', url: '/v1/value/summary' },
  { method: 'POST', url: '/v1/segments/preview', payload: { where: 'orders >= 2' } },
  { method: 'POST', url: '/v1/segments', payload: { name: 'repeat', where: 'orders >= 2' }, status: 201 },
  { method: 'POST', url: '/v1/segments', payload: { name: 'once', where: 'orders = 1' }, status: 201 },
  { method: 'GET', url: '/v1/segments' },
  { method: 'GET', url: '/v1/segments/repeat', route: '/v1/segments/:name' },
  { method: 'GET', url: '/v1/segments/repeat/members?limit=5', route: '/v1/segments/:name/members' },
  { method: 'GET', url: '/v1/segments/repeat/profile', route: '/v1/segments/:name/profile' },
  { method: 'GET', url: '/v1/segments/compare?a=repeat&b=once' },
  { method: 'POST', url: '/v1/segments/refresh', payload: {} },
  {
    method: 'POST',
    url: '/v1/journeys',
    payload: {
      name: 'welcome',
      trigger: { kind: 'segment', segment: 'repeat' },
      steps: [
        { id: 'wait', kind: 'wait', duration: '1d', until: '10:00' },
        { id: 'tag', kind: 'tag', add: 'welcomed' },
      ],
    },
    status: 201,
  },
  { method: 'GET', url: '/v1/journeys' },
  { method: 'POST', url: '/v1/journeys/welcome/pause', route: '/v1/journeys/:name/pause' },
  { method: 'POST', url: '/v1/journeys/welcome/resume', route: '/v1/journeys/:name/resume' },
  {
    method: 'PUT',
    url: '/v1/journeys/welcome',
    route: '/v1/journeys/:name',
    payload: {
      name: 'welcome',
      trigger: { kind: 'segment', segment: 'repeat' },
      steps: [{ id: 'wait', kind: 'wait', duration: '2d' }],
    },
  },
  { method: 'DELETE', url: '/v1/journeys/welcome', route: '/v1/journeys/:name' },
  { method: 'GET', url: '/v1/overview?segment=repeat' },
  { method: 'POST', url: '/v1/models/rfm', payload: { customers: false } },
  { method: 'POST', url: '/v1/models/clv', payload: {} },
  { method: 'POST', url: '/v1/models/churn', payload: {} },
  { method: 'POST', url: '/v1/models/churn', payload: { lapsedDays: 180 } },
  { method: 'POST', url: '/v1/models/regress', payload: { y: 'revenue', x: ['orders'] } },
  { method: 'POST', url: '/v1/models/lookalike', payload: { limit: 5 } },
  { method: 'POST', url: '/v1/models/value', payload: {} },
  { method: 'GET', url: '/v1/models/runs?limit=3' },
  { method: 'GET', url: '/v1/value/summary' },
  { method: 'GET', url: '/v1/profiles/1/scores', route: '/v1/profiles/:id/scores' },
  { method: 'GET', url: '/v1/models/runs/1', route: '/v1/models/runs/:id' },
  { method: 'POST', url: '/v1/mining/basket', payload: { level: 'category', minSupport: 0.01 } },
  { method: 'POST', url: '/v1/mining/trend', payload: {} },
  { method: 'POST', url: '/v1/mining/cohorts', payload: {} },
  { method: 'POST', url: '/v1/mining/scan', payload: {} },
  { method: 'POST', url: '/v1/mining/anomalies', payload: {} },
  { method: 'POST', url: '/v1/mining/concentration', payload: { filter: 'category=Toys & Baby' } },
  { method: 'POST', url: '/v1/mining/funnel', payload: { steps: ['Product Viewed', 'Product Added'] } },
  { method: 'POST', url: '/v1/mining/paths', payload: { goal: 'Product Added' } },
  {
    method: 'POST',
    url: '/v1/segments/preview',
    payload: { tree: { kind: 'compare', field: 'orders', op: '>=', value: 3 } },
  },
  {
    method: 'POST',
    url: '/v1/segments',
    payload: {
      name: 'tree',
      tree: { kind: 'and', children: [{ kind: 'compare', field: 'orders', op: '>=', value: 1 }] },
    },
    status: 201,
  },
  { method: 'GET', url: '/v1/personas?segments=repeat' },
  { method: 'POST', url: '/v1/admin/subject-export', payload: { identifier: '1' } },
  // Acting on it (issue 16): a webhook nobody answers (its deliveries fail and wait in the outbox).
  {
    method: 'POST',
    url: '/v1/destinations',
    payload: { name: 'hook', type: 'webhook', url: 'http://127.0.0.1:9/hook?token=x', secret: 's' },
    status: 201,
  },
  { method: 'POST', url: '/v1/destinations/hook/test', route: '/v1/destinations/:name/test' },
  {
    method: 'POST',
    url: '/v1/audiences',
    payload: { name: 'aud', segment: 'repeat', to: 'hook' },
    status: 201,
  },
  { method: 'POST', url: '/v1/audiences/aud/sync', route: '/v1/audiences/:name/sync' },
  { method: 'GET', url: '/v1/destinations' },
  { method: 'GET', url: '/v1/audiences' },
  { method: 'GET', url: '/v1/outbox' },
  {
    method: 'POST',
    url: '/v1/campaigns/preview',
    payload: {
      segment: 'repeat',
      subject: 'Hi {{ first_name }}',
      template: '<p>{{ nope }} {{ discount_code }}</p>',
    },
  },
  {
    method: 'POST',
    url: '/v1/campaigns',
    payload: { name: 'winback', segment: 'repeat', subject: 'Hi', template: '<p>Hello {{ first_name }}</p>' },
    status: 201,
  },
  { method: 'GET', url: '/v1/campaigns' },
  { method: 'POST', url: '/v1/campaigns/winback/dry-run', route: '/v1/campaigns/:name/dry-run' },
  {
    method: 'POST',
    url: '/v1/experiments',
    payload: { name: 'exp2', segment: 'repeat', variants: ['control', 'offer'], holdout: 5 },
    status: 201,
  },
  { method: 'GET', url: '/v1/experiments' },
  {
    method: 'POST',
    url: '/v1/placements',
    payload: { name: 'banner', rules: [{ if: 'orders >= 2', experiment: 'exp2' }, { variant: 'plain' }] },
    status: 201,
  },
  { method: 'GET', url: '/v1/experiments/exp/report', route: '/v1/experiments/:name/report' },
  { method: 'GET', url: '/v1/placements' },
  {
    method: 'POST',
    url: '/v1/placements/hero/try',
    payload: { localHour: 23, device: 'mobile' },
    route: '/v1/placements/:name/try',
  },
  { method: 'DELETE', url: '/v1/audiences/aud', route: '/v1/audiences/:name' },
  { method: 'DELETE', url: '/v1/destinations/hook', route: '/v1/destinations/:name' },
  { method: 'GET', url: '/v1/housekeeping/audit?staleAfter=18m' },
  { method: 'POST', url: '/v1/housekeeping/audit/runs' },
  { method: 'GET', url: '/v1/housekeeping/audit/history' },
  { method: 'GET', url: '/v1/dedupe?threshold=0.5&limit=5' },
  { method: 'GET', url: '/v1/map' },
  { method: 'POST', url: '/v1/models/rfm', payload: { customers: false } },
  { method: 'GET', url: '/v1/models/drift' },
  { method: 'DELETE', url: '/v1/segments/once', route: '/v1/segments/:name' },
];

/** The schemas of the answers a route declares, by status. */
function responses(route: RouteSchema): Record<string, TSchema> {
  return ((route.schema as { response?: Record<string, TSchema> } | undefined)?.response ?? {}) as Record<
    string,
    TSchema
  >;
}

function problems(schema: TSchema, value: unknown): string[] {
  return [...Value.Errors(schema, value)]
    .slice(0, 8)
    .map((e) => `${e.path || '/'}: ${e.message} (${JSON.stringify(e.value)?.slice(0, 80)})`);
}

describe('the OpenAPI document and the real answers', () => {
  let cleanup: () => Promise<void>;
  let app: FastifyInstance;
  let db: Warehouse;
  let writer: EventWriter;
  const answers: Answer[] = [];

  before(async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    let ready: () => void = () => {};
    const opened = new Promise<void>((r) => {
      ready = r;
    });
    const done = withTempDir(async (dir) => {
      const data = join(dir, 'demo');
      await generateDemo({ customers: 300, seed: 13, outDir: data, workers: 0 });
      db = await openWarehouse(await testLocation(dir, 'demo.duckdb'));
      for (const { kind, path } of await demoFiles(data)) await importFile(db, path, { kind });
      await resolveIdentities(db);
      await createKey(db, 'test');
      await saveSegment(db, 'everyone', 'orders >= 0');
      await createExperiment(db, { name: 'exp', segment: 'everyone', variants: ['control', 'offer'] });
      await savePlacement(db, 'hero', [{ if: 'local_hour >= 22', variant: 'night' }, { variant: 'day' }]);
      writer = await EventWriter.create(db);
      app = await buildApp({
        db,
        writer,
        sources: await loadSources(db),
        adminToken: ADMIN_TOKEN,
        onAnswer: (a) => answers.push(a),
      });
      ready();
      await held;
    });
    cleanup = async () => {
      await app?.close();
      await writer?.close();
      await db?.close();
      release();
      await done;
    };
    await Promise.race([opened, done]);
  });
  after(() => cleanup());

  it('GET /docs/json is an OpenAPI 3 document naming every route with a schema for its success answer', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs/json' });
    assert.equal(res.statusCode, 200);
    const doc = res.json() as {
      openapi: string;
      info: { title: string; version: string };
      paths: Record<
        string,
        Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>
      >;
    };
    assert.match(doc.openapi, /^3\.\d+\.\d+$/);
    assert.ok(doc.info.title && doc.info.version);
    const missing: string[] = [];
    for (const key of Object.keys(ROUTE_ACCESS)) {
      const [method, url] = key.split(' ') as [string, string];
      if (url.startsWith('/docs') || url === '/*') continue;
      const path = url.replace(/:([A-Za-z]+)/g, '{$1}');
      const operation = doc.paths[path]?.[method.toLowerCase()];
      if (!operation) {
        missing.push(`${key}: not in the document`);
        continue;
      }
      // A redirect's success is its 3xx (the tracked links of e-mails).
      const success = Object.entries(operation.responses ?? {}).filter(([status]) =>
        /^[23]\d\d$/.test(status),
      );
      if (success.length === 0) missing.push(`${key}: no 2xx response`);
      for (const [status, r] of success) {
        const content = r.content ?? {};
        // A 204 and a redirect have no body; a file download names its media type without a JSON schema.
        if (!/^(204|3\d\d)$/.test(status) && Object.values(content).every((c) => c.schema === undefined))
          missing.push(`${key}: ${status} has no schema`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it('every route declares its success answer and the error shape with TypeBox schemas', () => {
    const bad: string[] = [];
    for (const route of routeSchemas(app)) {
      if (route.url.startsWith('/docs') || route.url === '/*' || route.url === '/') continue;
      const r = responses(route);
      const key = `${route.method} ${route.url}`;
      if (!Object.keys(r).some((s) => /^[23]\d\d$/.test(s))) bad.push(`${key}: no 2xx`);
      if (!Object.keys(r).some((s) => /^[45]\d\d$|^4xx$|^default$/.test(s)))
        bad.push(`${key}: no error shape`);
      for (const [status, schema] of Object.entries(r)) {
        // A file download names its media types (`content`) instead of a JSON answer.
        const file = typeof schema === 'object' && schema !== null && 'content' in schema;
        if (!file && !TypeGuard.IsSchema(schema)) bad.push(`${key} ${status}: not a TypeBox schema`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it('every real answer matches the schema its route declares, before and after serialization', async () => {
    const dump = process.env.CLT_DUMP_ANSWERS;
    if (dump) await mkdir(dump, { recursive: true });
    const routes = new Map(routeSchemas(app).map((r) => [`${r.method} ${r.url}`, r]));
    const failures: string[] = [];
    for (const call of CALLS) {
      answers.length = 0;
      const res = await app.inject({
        method: call.method,
        url: call.url,
        headers: admin,
        ...(call.payload !== undefined && { payload: call.payload as object }),
      });
      const path = call.route ?? call.url.split('?')[0]!;
      const key = `${call.method} ${path}`;
      if (res.statusCode !== (call.status ?? 200)) {
        failures.push(`${call.method} ${call.url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
        continue;
      }
      const answer = answers.at(-1);
      assert.ok(answer, `${key}: the handler's answer was seen`);
      // What the handler returned, as JSON would carry it (dates as strings, undefined left out).
      const raw = JSON.parse(JSON.stringify(answer.payload));
      if (dump)
        await writeFile(
          join(dump, `${key.replace(/[^A-Za-z0-9]+/g, '_')}.json`),
          JSON.stringify(raw, null, 1),
        );
      const route = routes.get(key);
      const schema = route && responses(route)[String(res.statusCode)];
      if (!schema) {
        failures.push(`${key}: no schema for ${res.statusCode}`);
        continue;
      }
      for (const p of problems(schema, raw)) failures.push(`${key} (returned): ${p}`);
      for (const p of problems(schema, res.json())) failures.push(`${key} (sent): ${p}`);
    }
    assert.deepEqual(failures, []);
  });

  it('a missing route answers a not-found code, and a missing segment CLT_ERR_SEGMENT_NOT_FOUND wherever it is named', async () => {
    const cases: [Call, string][] = [
      [{ method: 'GET', url: '/v1/nothing-here' }, 'CLT_ERR_API_NOT_FOUND'],
      [{ method: 'GET', url: '/v1/segments/nope' }, 'CLT_ERR_SEGMENT_NOT_FOUND'],
      [{ method: 'GET', url: '/v1/segments/nope/members' }, 'CLT_ERR_SEGMENT_NOT_FOUND'],
      [{ method: 'GET', url: '/v1/segments/nope/profile' }, 'CLT_ERR_SEGMENT_NOT_FOUND'],
      [{ method: 'GET', url: '/v1/segments/compare?a=nope&b=repeat' }, 'CLT_ERR_SEGMENT_NOT_FOUND'],
      [{ method: 'GET', url: '/v1/overview?segment=nope' }, 'CLT_ERR_SEGMENT_NOT_FOUND'],
      [
        { method: 'POST', url: '/v1/mining/cohorts', payload: { segment: 'nope' } },
        'CLT_ERR_SEGMENT_NOT_FOUND',
      ],
      [
        { method: 'POST', url: '/v1/segments/preview', payload: { where: "in segment 'nope'" } },
        'CLT_ERR_SEGMENT_NOT_FOUND',
      ],
      [{ method: 'GET', url: '/v1/models/runs/9999' }, 'CLT_ERR_MODEL_RUN_NOT_FOUND'],
      [{ method: 'GET', url: '/v1/profiles/nobody@nowhere.example' }, 'CLT_ERR_PROFILE_NOT_FOUND'],
    ];
    const wrong: string[] = [];
    for (const [call, code] of cases) {
      const res = await app.inject({
        method: call.method,
        url: call.url,
        headers: admin,
        ...(call.payload !== undefined && { payload: call.payload as object }),
      });
      const body = res.json();
      if (res.statusCode !== 404 || body.error?.code !== code)
        wrong.push(
          `${call.method} ${call.url}: ${res.statusCode} ${body.error?.code} (expected 404 ${code})`,
        );
      for (const p of problems(ErrorReply, body)) wrong.push(`${call.method} ${call.url}: ${p}`);
    }
    assert.deepEqual(wrong, []);
  });
});
