import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { REPORT_LANGS, Report, ReportQuery } from '../../contracts/reports.js';
import { ERRORS, OneOf, replies } from '../../contracts/shared.js';
import { printPdf, ReportCache, reportHtml } from '../../reports/index.js';
import type { Warehouse } from '../../store/index.js';
import { requestLocale } from '../locale.js';
import { rewarmAfterResolution } from '../rewarm.js';
import { sharedJobs } from '../shared-jobs.js';

/** The label of the report builds among a database's shared jobs (src/server/shared-jobs.ts). */
export const REPORT_JOBS = 'the report build';

/** `GET /v1/report.html` and `.pdf`: the report's query and the language of its words. */
const FileQuery = Type.Composite([
  ReportQuery,
  Type.Object({
    lang: Type.Optional(
      OneOf(REPORT_LANGS, {
        description: 'The language of the report (default: from Accept-Language, else en)',
      }),
    ),
  }),
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
  // Each build a shared job: a visitor who leaves does not cancel it (src/server/shared-jobs.ts).
  const jobs = sharedJobs(deps.db, REPORT_JOBS);
  app.addHook('onClose', () => jobs.stop('the server is stopping'));
  const reports = new ReportCache(deps.db, (key, build) => jobs.run(key, build));
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
    async (request) =>
      reports.get({
        ...options(request.query as { segments?: string; personas: boolean }),
        locale: requestLocale(request),
      }),
  );
  app.get(
    '/v1/report.html',
    {
      schema: {
        summary: 'The segment-by-segment report as one self-contained HTML page (charts as inline SVG)',
        tags,
        security,
        querystring: FileQuery,
        response: {
          200: { description: 'The report', content: { 'text/html': { schema: { type: 'string' } } } },
          ...ERRORS,
        },
      },
    },
    async (request, reply) => {
      const lang = requestLocale(request);
      const q = request.query as { segments?: string; personas: boolean };
      const html = reportHtml(await reports.get({ ...options(q), locale: lang }), { lang });
      // The page is data: it runs no script and loads nothing, whatever a segment or persona name holds.
      reply.header('content-security-policy', "default-src 'none'; img-src data:; style-src 'unsafe-inline'");
      reply.header('x-content-type-options', 'nosniff');
      reply.header('content-language', lang).header('vary', 'Accept-Language');
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );
  app.get(
    '/v1/report.pdf',
    {
      schema: {
        summary:
          'The segment-by-segment report as an A4 PDF, printed on the server by Chromium (one at a time; 503 CLT_ERR_REPORT_BROWSER without Chromium)',
        tags,
        security,
        querystring: FileQuery,
        response: {
          200: {
            description: 'The report',
            content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
          },
          ...ERRORS,
        },
      },
    },
    async (request, reply) => {
      const lang = requestLocale(request);
      const q = request.query as { segments?: string; personas: boolean };
      const html = reportHtml(await reports.get({ ...options(q), locale: lang }), { lang });
      const pdf = await printPdf(html);
      reply.header('content-language', lang).header('vary', 'Accept-Language');
      reply.header(
        'content-disposition',
        `attachment; filename="${lang === 'pl' ? 'raport' : 'report'}.pdf"`,
      );
      return reply.type('application/pdf').send(pdf);
    },
  );
}
