import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { plainly } from '../../contracts/agree.js';
import {
  CreateBody,
  ExportQuery,
  MembersQuery,
  NameParams,
  PreviewBody,
  RefreshBody,
  SegmentDeleted,
  SegmentList,
  SegmentMembers,
  SegmentPreview,
  SegmentRefreshed,
  SegmentSaved,
  SegmentSummary,
} from '../../contracts/segments.js';
import { ERRORS, replies } from '../../contracts/shared.js';
import { NOTHING_AT_STAKE, revenueAtStake } from '../../reports/index.js';
import { seesPersonalData } from '../../security/index.js';
import {
  deleteSegment,
  exportSegment,
  formatSegment,
  getSegment,
  listSegments,
  previewSegment,
  refreshSegments,
  type SegmentNode,
  saveSegment,
  segmentMembers,
} from '../../segments/index.js';
import type { Warehouse } from '../../store/index.js';
import { typeBoxValidator } from '../validate.js';

/** What the segment routes need. */
export interface SegmentDeps {
  readonly db: Warehouse;
  readonly adminToken: string;
}

/**
 * Segments behind the role matrix (src/security/routes.ts): the live count while a rule is edited, saving (materialized with
 * entered/exited history), the list with sizes over time, members, refresh, export and delete.
 */
export async function segmentRoutes(fastify: FastifyInstance, deps: SegmentDeps): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(typeBoxValidator);
  const { db } = deps;
  const tags = ['segments'];
  const security = [{ adminToken: [] }];
  app.get(
    '/v1/segments',
    {
      schema: {
        summary: 'Saved segments with sizes over time',
        tags,
        security,
        response: replies(SegmentList),
      },
    },
    () => plainly(listSegments(db)),
  );
  app.post(
    '/v1/segments/preview',
    {
      schema: {
        summary: 'How many profiles a rule selects now (the live count)',
        tags,
        security,
        body: PreviewBody,
        response: replies(SegmentPreview),
      },
    },
    (request) => previewSegment(db, ruleText(request.body)),
  );
  app.post(
    '/v1/segments',
    {
      schema: {
        summary: 'Save a segment (or change its rule) and materialize its members',
        tags,
        security,
        body: CreateBody,
        response: replies(SegmentSaved, 201),
      },
    },
    async (request, reply) => {
      reply.code(201);
      return saveSegment(db, request.body.name, ruleText(request.body));
    },
  );
  app.post(
    '/v1/segments/refresh',
    {
      schema: {
        summary: 'Re-evaluate saved rule segments now',
        tags,
        security,
        body: RefreshBody,
        response: replies(SegmentRefreshed),
      },
    },
    (request) => {
      const names = request.body?.names;
      return plainly(refreshSegments(db, names ? { names } : {}));
    },
  );
  app.get(
    '/v1/segments/:name',
    {
      schema: {
        summary: 'One saved segment with its size over time',
        tags,
        security,
        params: NameParams,
        response: replies(SegmentSummary),
      },
    },
    // With what the churn model puts at stake among the members (the report's figure, src/reports/at-stake.ts).
    async (request) => {
      const segment = await getSegment(db, request.params.name);
      const atStake = (await revenueAtStake(db, [segment.name])).get(segment.name) ?? NOTHING_AT_STAKE;
      return plainly(Promise.resolve({ ...segment, atStake }));
    },
  );
  app.delete(
    '/v1/segments/:name',
    {
      schema: {
        summary: 'Delete a saved segment and its history',
        tags,
        security,
        params: NameParams,
        response: replies(SegmentDeleted),
      },
    },
    (request) => deleteSegment(db, request.params.name),
  );
  app.get(
    '/v1/segments/:name/members',
    {
      schema: {
        summary: "A saved segment's current members: profile id, customer ids, main traits",
        tags,
        security,
        params: NameParams,
        querystring: MembersQuery,
        response: replies(SegmentMembers),
      },
    },
    // The members are rows straight from SQL; the contract names their columns and the OpenAPI test checks them.
    async (request) =>
      (await segmentMembers(
        db,
        request.params.name,
        request.query.limit,
        request.query.purpose,
        request.query.sort,
      )) as never,
  );
  app.get(
    '/v1/segments/:name/export',
    {
      schema: {
        summary: "A saved segment's members as a CSV or Parquet file",
        tags,
        security,
        params: NameParams,
        querystring: ExportQuery,
        response: {
          200: {
            description: 'The file',
            content: {
              'text/csv': { schema: { type: 'string' } },
              'application/vnd.apache.parquet': { schema: { type: 'string', format: 'binary' } },
            },
          },
          ...ERRORS,
        },
      },
    },
    async (request, reply) => {
      const { name } = request.params;
      const { format, purpose } = request.query;
      const dir = await mkdtemp(join(tmpdir(), 'clientele-export-'));
      const path = join(dir, `segment.${format}`);
      try {
        // Without the pii scope the file holds masked personal fields, as the API's answers do.
        await exportSegment(db, name, { format, path, purpose, mask: !seesPersonalData(request.principal) });
      } catch (e) {
        await rm(dir, { recursive: true, force: true });
        throw e;
      }
      const stream = createReadStream(path);
      stream.on('close', () => void rm(dir, { recursive: true, force: true }));
      reply
        .header(
          'content-type',
          format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.apache.parquet',
        )
        .header('content-disposition', `attachment; filename="${name}.${format}"`);
      return reply.send(stream as never);
    },
  );
}

// The rule's text form: as sent, or written from the tree the web app's builder sends (the same text the
// parser reads back, so a rule has one stored form whichever way it came).
function ruleText(body: { where: string } | { tree: unknown }): string {
  return 'where' in body ? body.where : formatSegment(body.tree as SegmentNode);
}
