import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { REPORT_LANGS, Report, ReportQuery } from '../../contracts/reports.js';
import { ERRORS, OneOf, replies } from '../../contracts/shared.js';
import { ReportCache, reportHtml } from '../../reports/index.js';
import type { Warehouse } from '../../store/index.js';
import { rewarmAfterResolution } from '../rewarm.js';

/** `GET /v1/report.html`: the report's query and the language of its words. */
const HtmlQuery = Type.Composite([
  ReportQuery,
  Type.Object({ lang: OneOf(REPORT_LANGS, { default: 'en', description: 'The language of the report' }) }),
]);

/**
 * The segment-by-segment report (src/reports): its figures as JSON for the web app's Reports page, and the
 * same report as the self-contained HTML file `clientele report --out FILE.html` writes.
 */
export async function reportRoutes(
  app: FastifyInstance,
  deps: { db: Warehouse; warm?: boolean },
): Promise<void> {
  // Reports by database state: computed once per state (and, under `clientele serve`, again after every
  // resolution for the options asked most recently), then read.
  const reports = new ReportCache(deps.db);
  if (deps.warm) rewarmAfterResolution(app, deps.db, 'the report re-warm', () => reports.rewarm());
  const security = [{ adminToken: [] }];
  const tags = ['segments'];
  const options = (q: { segments?: string; personas: boolean }) => ({
    ...(q.segments !== undefined && { segments: q.segments }),
    personas: q.personas,
  });
  app.get(
    '/v1/report',
    {
      schema: {
        summary:
          'The segment-by-segment report: size and trend, revenue and revenue at stake, value, traits, persona',
        tags,
        security,
        querystring: ReportQuery,
        response: replies(Report),
      },
    },
    async (request) => reports.get(options(request.query as { segments?: string; personas: boolean })),
  );
  app.get(
    '/v1/report.html',
    {
      schema: {
        summary: 'The segment-by-segment report as one self-contained HTML page (charts as inline SVG)',
        tags,
        security,
        querystring: HtmlQuery,
        response: {
          200: { description: 'The report', content: { 'text/html': { schema: { type: 'string' } } } },
          ...ERRORS,
        },
      },
    },
    async (request, reply) => {
      const q = request.query as { segments?: string; personas: boolean; lang: 'en' | 'pl' };
      const html = reportHtml(await reports.get(options(q)), { lang: q.lang });
      // The page is data: it runs no script and loads nothing, whatever a segment or persona name holds.
      reply.header('content-security-policy', "default-src 'none'; img-src data:; style-src 'unsafe-inline'");
      reply.header('x-content-type-options', 'nosniff');
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );
}
