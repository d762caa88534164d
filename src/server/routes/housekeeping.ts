import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import {
  AuditHistory,
  AuditQuery,
  AuditRecorded,
  AuditResult,
  DataMap,
  DecisionResult,
  DedupeDecide,
  DedupeQuery,
  DedupeReview,
  DriftReport,
} from '../../contracts/housekeeping.js';
import { replies } from '../../contracts/shared.js';
import {
  AuditCache,
  buildDataMap,
  decidePair,
  findDuplicates,
  modelDrift,
  modelsWithRuns,
  TASKS,
  undoDecision,
} from '../../housekeeping/index.js';
import { join, param, raw, sql, type Warehouse } from '../../store/index.js';
import { requestLocale } from '../locale.js';
import { sharedJobs } from '../shared-jobs.js';

/** The label of the audits among a database's shared jobs (src/server/shared-jobs.ts). */
export const AUDIT_JOBS = 'the data-quality audit';

/** What the housekeeping routes need. */
export interface HousekeepingDeps {
  readonly db: Warehouse;
}

type Person = DedupeReview['pairs'][number]['people'][number];

// The two records of each pair as the imports wrote them (names split from full_name when missing).
async function people(db: Warehouse, ids: readonly string[]): Promise<Map<string, Person>> {
  if (!ids.length) return new Map();
  const d = db.dialect;
  const any = (e: string) => raw(d.anyValue(e));
  const last = `CASE WHEN strpos(trim(c.full_name), ' ') > 0 THEN ${d.regexpExtract('trim(c.full_name)', "'\\S+$'")} END`;
  const q = sql`SELECT c.customer_id, CAST(${any('rp.profile_id')} AS BIGINT) AS profile_id,
      ${any("coalesce(c.first_name, nullif(split_part(c.full_name, ' ', 1), ''))")} AS first_name,
      ${any(`coalesce(c.last_name, ${last})`)} AS last_name,
      ${any('c.email')} AS email, ${any('c.phone')} AS phone,
      CAST(${any('c.birth_date')} AS VARCHAR) AS birth_date, ${any('c.postal_code')} AS postal_code,
      ${any('c.city')} AS city
    FROM customers c JOIN record_profiles rp ON rp.record_table = 'customers' AND rp.row_key = c.row_key
    WHERE c.customer_id IN (${join(
      ids.map((id) => param(id)),
      ', ',
    )}) GROUP BY c.customer_id`;
  const rows = await db.all<Omit<Person, 'profileId'> & { profile_id: bigint }>(q.text, q.params);
  return new Map(
    rows.map(({ profile_id, ...r }) => [
      r.customer_id,
      {
        customer_id: r.customer_id,
        profileId: Number(profile_id),
        first_name: r.first_name,
        last_name: r.last_name,
        email: r.email,
        phone: r.phone,
        birth_date: r.birth_date,
        postal_code: r.postal_code,
        city: r.city,
      },
    ]),
  );
}

// Per source, its completeness (filled over rows × fields) and validity (valid over judged) in one audit.
function qualityOf(result: {
  sources: {
    kind: string;
    file: string;
    rows: number;
    fields: { filled: number; valid: number; invalid: number }[];
  }[];
}) {
  return result.sources.map((s) => {
    const filled = s.fields.reduce((a, f) => a + f.filled, 0);
    const valid = s.fields.reduce((a, f) => a + f.valid, 0);
    const judged = s.fields.reduce((a, f) => a + f.valid + f.invalid, 0);
    const cells = s.rows * s.fields.length;
    return {
      source: s.file,
      kind: s.kind,
      rows: s.rows,
      completeness: cells ? Math.round((filled / cells) * 1e4) / 1e4 : null,
      validity: judged ? Math.round((valid / judged) * 1e4) / 1e4 : null,
    };
  });
}

/**
 * Housekeeping over HTTP (docs/housekeeping.md): the data-quality audit and its recorded history, probable
 * duplicates to review with decisions on them, the data map, and drift of every model run twice or more.
 */
export async function housekeepingRoutes(fastify: FastifyInstance, deps: HousekeepingDeps): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const security = [{ adminToken: [] }];
  const tags = ['housekeeping'];
  const { db } = deps;
  // Audits by data state (src/housekeeping/audit-cache.ts), each computed once as a shared job: a visitor who
  // leaves does not cancel it, and everyone asking meanwhile awaits the same one.
  const jobs = sharedJobs(db, AUDIT_JOBS);
  app.addHook('onClose', () => jobs.stop('the server is stopping'));
  // Not warmed in the background: at 100,000 customers an audit is about 45 s of CPU, which after every
  // import would compete with the visitors for two cores; the first visitor of a new state waits for it.
  const audits = new AuditCache(db, (key, audit) => jobs.join(key, audit));
  // An instant as UTC ISO text on either engine.
  const utc = (e: string) => db.dialect.formatTime(`(${e}) AT TIME ZONE 'UTC'`, '%Y-%m-%dT%H:%M:%SZ');

  app.get(
    '/v1/housekeeping/audit',
    {
      schema: {
        summary: 'Data quality: completeness and validity per source and field, contacts, staleness, issues',
        tags,
        security,
        querystring: AuditQuery,
        response: replies(AuditResult),
      },
    },
    async (request) =>
      audits.get({
        ...(request.query.kind !== undefined && { kind: request.query.kind }),
        ...(request.query.staleAfter !== undefined && { staleAfter: request.query.staleAfter }),
        limit: 100,
        locale: requestLocale(request),
        // The web app's fixes name its screens; a script may ask for the command line's.
        asker: request.query.remedies ?? 'web',
      }),
  );

  app.get(
    '/v1/housekeeping/audit/history',
    {
      schema: {
        summary: 'Quality over time per source, from the recorded (scheduled) audits',
        tags,
        security,
        response: replies(AuditHistory),
      },
    },
    async () => {
      const rows = await db.all<{ at: string; result: string }>(
        `SELECT ${utc('audited_at')} AS at, CAST(result AS VARCHAR) AS result
         FROM audit_runs ORDER BY audited_at LIMIT 1000`,
      );
      return {
        runs: rows.length,
        points: rows.flatMap((r) =>
          qualityOf(JSON.parse(r.result) as Parameters<typeof qualityOf>[0]).map((p) => ({
            auditedAt: r.at,
            ...p,
          })),
        ),
      };
    },
  );

  app.post(
    '/v1/housekeeping/audit/runs',
    {
      schema: {
        summary: 'Runs the audit now and records it in the history (as the scheduled audit does)',
        tags,
        security,
        response: replies(AuditRecorded),
      },
    },
    async () => {
      const summary = (await TASKS.audit!(db)) as { sources: number; issues: number };
      const [at] = await db.all<{ at: string }>(`SELECT ${utc('max(audited_at)')} AS at FROM audit_runs`);
      return { auditedAt: at?.at ?? new Date().toISOString(), ...summary };
    },
  );

  app.get(
    '/v1/dedupe',
    {
      schema: {
        summary: 'Probable duplicates (Fellegi–Sunter) with both records, and the standing decisions',
        tags,
        security,
        querystring: DedupeQuery,
        response: replies(DedupeReview),
      },
    },
    async (request) => {
      const limit = request.query.limit ?? 50;
      const found = await findDuplicates(db, { threshold: request.query.threshold ?? 0.9 });
      const shown = found.pairs.slice(0, limit);
      const byId = await people(db, [...new Set(shown.flatMap((p) => [p.a, p.b]))]);
      const decisions = await db.all<{
        a: string;
        b: string;
        decision: 'accepted' | 'rejected';
        probability: number | null;
        decidedBy: string;
        decidedAt: string;
      }>(
        `SELECT a, b, decision, probability, decided_by AS "decidedBy",
           ${utc('decided_at')} AS "decidedAt"
         FROM dedupe_decisions WHERE undone_at IS NULL ORDER BY decided_at DESC LIMIT 100`,
      );
      return {
        pairs: shown.map((p) => ({
          ...p,
          people: [p.a, p.b].flatMap((id) => {
            const person = byId.get(id);
            return person ? [person] : [];
          }),
        })),
        total: found.pairs.length,
        records: found.records,
        candidates: found.candidates,
        threshold: found.threshold,
        decisions,
        warnings: found.warnings,
      };
    },
  );

  app.post(
    '/v1/dedupe/decisions',
    {
      schema: {
        summary: 'Accept (one person), reject (different people) or undo a decision on a pair',
        tags,
        security,
        body: DedupeDecide,
        response: replies(DecisionResult),
      },
    },
    async (request) => {
      const { a, b, decision } = request.body;
      if (decision === 'undone') return undoDecision(db, a, b);
      // The probability and agreements the person saw, kept with the decision.
      const seen = (await findDuplicates(db, { threshold: 0 })).pairs.find(
        (p) => (p.a === a && p.b === b) || (p.a === b && p.b === a),
      );
      return decidePair(db, a, b, decision, {
        probability: seen?.probability ?? null,
        agreements: seen?.agreements,
        by: request.principal?.name ?? 'web',
      });
    },
  );

  app.get(
    '/v1/map',
    {
      schema: {
        summary: 'The data map: sources, tables, fields, traits, models, segments and what feeds what',
        tags,
        security,
        response: replies(DataMap),
      },
    },
    async () => buildDataMap(db),
  );

  app.get(
    '/v1/models/drift',
    {
      schema: {
        summary: 'Drift of every model run twice or more: PSI per input and of the score, churn calibration',
        tags: ['models'],
        security,
        response: replies(DriftReport),
      },
    },
    async () => {
      const models = await modelsWithRuns(db);
      const drifts = [];
      for (const m of models) if (m.runs >= 2) drifts.push(await modelDrift(db, { model: m.model }));
      return { models: drifts, waiting: models.filter((m) => m.runs < 2) };
    },
  );
}
