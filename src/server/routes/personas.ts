import type { FastifyInstance } from 'fastify';
import {
  CardParams,
  PersonaListQuery as ListQuery,
  PersonaPatch as PatchBody,
  Persona,
  PersonaList,
  PersonasComputing,
  SegmentComparison,
  PersonaParams as SegmentParams,
  SegmentProfile,
} from '../../contracts/personas.js';
import { CompareQuery, NameParams } from '../../contracts/segments.js';
import { ERRORS, replies } from '../../contracts/shared.js';
import { speaker } from '../../i18n/index.js';
import {
  cachedPersonaFacts,
  compareSegments,
  computePersonaFacts,
  earlierPersonaFacts,
  editPersona,
  type PersonaOptions,
  personaHtml,
  personaJob,
  personaOf,
  personaPng,
  personaSvg,
  profileSegment,
  sayPersonas,
} from '../../portraits/index.js';
import type { Warehouse } from '../../store/index.js';
import { ensureAnalysed } from '../../voice/index.js';
import { requestLocale } from '../locale.js';
import { rewarmAfterResolution } from '../rewarm.js';
import { sharedJobs } from '../shared-jobs.js';

/** The label of the persona computations among a database's shared jobs (src/server/shared-jobs.ts). */
export const PERSONA_JOBS = 'the persona computation';

// How long a visitor is told to wait before asking again while personas are computed.
const RETRY_AFTER_SECONDS = 10;
// … and when earlier personas are shown meanwhile: asking again is a lookup, and the swap comes sooner.
const STALE_RETRY_AFTER_SECONDS = 3;

/** What the persona and segment-portrait routes need. */
export interface PersonaDeps {
  readonly db: Warehouse;
  readonly adminToken: string;
  /** Generate the personas asked for most recently again after every resolution (`clientele serve`). */
  readonly warm?: boolean;
  /**
   * How long `GET /v1/personas` waits for a computation before answering 202 "still computing" (default
   * 20 s, under the analytics deadline); the computation runs on in the background either way.
   */
  readonly waitMs?: number;
}

/**
 * Personas and segment portraits behind the role matrix (src/security/routes.ts): the personas of a clustering (or a prefix),
 * edits, cards as SVG, HTML or PNG, a segment's profile and two segments compared.
 */
export async function personaRoutes(app: FastifyInstance, deps: PersonaDeps): Promise<void> {
  const security = [{ adminToken: [] }];
  // The option sets asked for most recently, newest last: after a data change they are generated again in
  // the background, so the gallery reads the persona cache (src/portraits/personas/cache.ts) at once.
  let recent: string[] = [];
  const jobs = sharedJobs(deps.db, PERSONA_JOBS);
  const waitMs = deps.waitMs ?? 20_000;
  app.addHook('onClose', () => jobs.stop('the server is stopping'));
  // After a resolution and after a segment refresh that moved anyone (the upkeep's, POST /v1/segments/refresh):
  // both change the personas' key.
  if (deps.warm)
    rewarmAfterResolution(
      app,
      deps.db,
      'the persona re-warm',
      async () => {
        // Texts that arrived without an import (the Event API's social posts, campaigns' messages) are scored
        // here, in the background, rather than by the next persona or voice reader.
        await ensureAnalysed(deps.db, 'all');
        for (const asked of [...recent].reverse()) {
          const job = await personaJob(deps.db, JSON.parse(asked) as PersonaOptions).catch(() => undefined);
          // Through the shared jobs, so a visitor asking meanwhile joins this computation instead of a second.
          if (job && !(await cachedPersonaFacts(deps.db, job)))
            await jobs.join(job.key, () => computePersonaFacts(deps.db, job)).catch(() => undefined);
        }
      },
      { segments: true },
    );
  app.get(
    '/v1/personas',
    {
      schema: {
        summary: 'Personas of segments, with the figure behind each statement',
        tags: ['personas'],
        security,
        querystring: ListQuery,
        response: { ...replies(PersonaList), 202: PersonasComputing },
      },
    },
    async (request, reply) => {
      const q = request.query as { segments?: string; byStage: boolean; tz?: string };
      const options: PersonaOptions = {
        ...(q.segments !== undefined && { segments: q.segments }),
        ...(q.byStage && { byStage: true }),
        ...(q.tz !== undefined && { timeZone: q.tz }),
      };
      const asked = JSON.stringify(options);
      recent = [...recent.filter((k) => k !== asked), asked].slice(-3);
      // The cache keeps figures, not sentences: one warm-up serves every language.
      const said = { ...options, locale: requestLocale(request) };
      const job = await personaJob(deps.db, said);
      const cached = await cachedPersonaFacts(deps.db, job);
      if (cached) return sayPersonas(deps.db, cached, said);
      // Computed once per key outside this request's scope: a visitor who leaves does not cancel it, the
      // result reaches the cache, and everyone asking meanwhile awaits the same job.
      // Waiting stops (and the job runs on) when the visitor leaves or the server stops.
      const computing = jobs.join(job.key, () => computePersonaFacts(deps.db, job));
      // Answered 202 before it ended: its failure is told to whoever asks next, not thrown unhandled here.
      computing.catch(() => undefined);
      // Personas of the same question from an earlier state of the data or segments: shown at once, labelled
      // as such (never as the current figures), while the current ones are computed.
      const earlier = await earlierPersonaFacts(deps.db, job);
      if (earlier) {
        const asOf = earlier.computedAt.toISOString();
        reply.header('Retry-After', String(STALE_RETRY_AFTER_SECONDS));
        return reply.status(202).send({
          code: 'CLT_INFO_PERSONAS_COMPUTING' as const,
          message: speaker(said.locale).t('persona.computingEarlier', {
            date: speaker(said.locale).date(earlier.computedAt),
            seconds: STALE_RETRY_AFTER_SECONDS,
          }),
          retryAfterSeconds: STALE_RETRY_AFTER_SECONDS,
          stale: true as const,
          asOf,
          personas: await sayPersonas(deps.db, earlier.generated, said),
        });
      }
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), waitMs);
      });
      const facts = await Promise.race([computing, late]).finally(() => clearTimeout(timer));
      if (facts !== 'late') return sayPersonas(deps.db, facts, said);
      reply.header('Retry-After', String(RETRY_AFTER_SECONDS));
      return reply.status(202).send({
        code: 'CLT_INFO_PERSONAS_COMPUTING' as const,
        message: speaker(said.locale).t('persona.computing', { seconds: RETRY_AFTER_SECONDS }),
        retryAfterSeconds: RETRY_AFTER_SECONDS,
      });
    },
  );
  app.patch(
    '/v1/personas/:segment',
    {
      schema: {
        summary: "Edit a segment's persona (edits survive regeneration)",
        tags: ['personas'],
        security,
        params: SegmentParams,
        body: PatchBody,
        response: replies(Persona),
      },
    },
    async (request) => {
      const { segment } = request.params as { segment: string };
      const body = request.body as {
        name?: string | null;
        summary?: string | null;
        notes?: string | null;
        overrides?: Record<string, unknown>;
      };
      await editPersona(deps.db, segment, body);
      return personaOf(deps.db, segment, { locale: requestLocale(request) });
    },
  );
  app.get(
    '/v1/personas/:segment/card.:format',
    {
      schema: {
        summary: 'A persona card as SVG, HTML or PNG',
        tags: ['personas'],
        security,
        params: CardParams,
        response: {
          200: {
            description: 'The card',
            content: {
              'image/svg+xml': { schema: { type: 'string' } },
              'text/html': { schema: { type: 'string' } },
              'image/png': { schema: { type: 'string', format: 'binary' } },
            },
          },
          ...ERRORS,
        },
      },
    },
    async (request, reply) => {
      const { segment, format } = request.params as { segment: string; format: 'svg' | 'html' | 'png' };
      const locale = requestLocale(request);
      const persona = await personaOf(deps.db, segment, { locale });
      const s = speaker(locale);
      // The card is data, not a page of ours: no scripts, no outside resources, whatever it holds.
      reply.header('content-security-policy', "default-src 'none'; img-src data:; style-src 'unsafe-inline'");
      reply.header('x-content-type-options', 'nosniff');
      reply.header('content-language', locale).header('vary', 'Accept-Language');
      if (format === 'svg') return reply.type('image/svg+xml; charset=utf-8').send(personaSvg(persona, s));
      if (format === 'html') return reply.type('text/html; charset=utf-8').send(personaHtml(persona, s));
      return reply.type('image/png').send(personaPng(persona, { speaker: s }));
    },
  );
  app.get(
    '/v1/segments/:name/profile',
    {
      schema: {
        summary: "A segment's profile: size, value, distributions, distinguishing features, trend",
        tags: ['segments'],
        security,
        params: NameParams,
        response: replies(SegmentProfile),
      },
    },
    async (request) => profileSegment(deps.db, (request.params as { name: string }).name),
  );
  app.get(
    '/v1/segments/compare',
    {
      schema: {
        summary: 'Two segments side by side and the features that differ most',
        tags: ['segments'],
        security,
        querystring: CompareQuery,
        response: replies(SegmentComparison),
      },
    },
    async (request) => {
      const q = request.query as { a: string; b: string };
      return compareSegments(deps.db, q.a, q.b);
    },
  );
}
