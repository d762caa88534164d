import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { PURPOSES, type Purpose } from '../../privacy/consent.js';
import { seesPersonalData } from '../../security/index.js';
import {
  deleteSegment,
  exportSegment,
  getSegment,
  listSegments,
  previewSegment,
  refreshSegments,
  saveSegment,
  segmentMembers,
} from '../../segments/index.js';
import type { Warehouse } from '../../store/index.js';

/** What the segment routes need. */
export interface SegmentDeps {
  readonly db: Warehouse;
  readonly adminToken: string;
}

// Members for an activation: only those who consented to this purpose (docs/privacy.md).
const PurposeQuery = Type.Union(
  PURPOSES.map((p) => Type.Literal(p)),
  { description: 'Only members who consented to this purpose' },
);

const Where = Type.String({
  minLength: 1,
  maxLength: 20_000,
  description: "The rule in the text form, e.g. country = 'DE' and orders >= 2 (docs/segments.md)",
});
const Name = Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,100}$', description: 'The segment name' });
const NameParams = Type.Object({ name: Type.String() });

/**
 * Segments behind the role matrix (src/security/routes.ts): the live count while a rule is edited, saving (materialized with
 * entered/exited history), the list with sizes over time, members, refresh, export and delete.
 */
export async function segmentRoutes(app: FastifyInstance, deps: SegmentDeps): Promise<void> {
  const { db } = deps;
  const tags = ['segments'];
  const security = [{ adminToken: [] }];
  app.get(
    '/v1/segments',
    { schema: { summary: 'Saved segments with sizes over time', tags, security } },
    () => listSegments(db),
  );
  app.post(
    '/v1/segments/preview',
    {
      schema: {
        summary: 'How many profiles a rule selects now (the live count)',
        tags,
        security,
        body: Type.Object({ where: Where }, { additionalProperties: false }),
      },
    },
    (request) => previewSegment(db, (request.body as { where: string }).where),
  );
  app.post(
    '/v1/segments',
    {
      schema: {
        summary: 'Save a segment (or change its rule) and materialize its members',
        tags,
        security,
        body: Type.Object({ name: Name, where: Where }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const body = request.body as { name: string; where: string };
      reply.code(201);
      return saveSegment(db, body.name, body.where);
    },
  );
  app.post(
    '/v1/segments/refresh',
    {
      schema: {
        summary: 'Re-evaluate saved rule segments now',
        tags,
        security,
        body: Type.Optional(
          Type.Object({ names: Type.Optional(Type.Array(Type.String())) }, { additionalProperties: false }),
        ),
      },
    },
    (request) => {
      const names = (request.body as { names?: string[] } | undefined)?.names;
      return refreshSegments(db, names ? { names } : {});
    },
  );
  app.get(
    '/v1/segments/:name',
    { schema: { summary: 'One saved segment with its size over time', tags, security, params: NameParams } },
    (request) => getSegment(db, (request.params as { name: string }).name),
  );
  app.delete(
    '/v1/segments/:name',
    { schema: { summary: 'Delete a saved segment and its history', tags, security, params: NameParams } },
    (request) => deleteSegment(db, (request.params as { name: string }).name),
  );
  app.get(
    '/v1/segments/:name/members',
    {
      schema: {
        summary: "A saved segment's current members: profile id, customer ids, main traits",
        tags,
        security,
        params: NameParams,
        querystring: Type.Object({
          limit: Type.Integer({ minimum: 1, maximum: 100_000, default: 1000 }),
          purpose: Type.Optional(PurposeQuery),
        }),
      },
    },
    (request) =>
      segmentMembers(
        db,
        (request.params as { name: string }).name,
        (request.query as { limit: number }).limit,
        (request.query as { purpose?: Purpose }).purpose,
      ),
  );
  app.get(
    '/v1/segments/:name/export',
    {
      schema: {
        summary: "A saved segment's members as a CSV or Parquet file",
        tags,
        security,
        params: NameParams,
        querystring: Type.Object({
          format: Type.Union([Type.Literal('csv'), Type.Literal('parquet')], { default: 'csv' }),
          purpose: Type.Optional(PurposeQuery),
        }),
      },
    },
    async (request, reply) => {
      const { name } = request.params as { name: string };
      const { format, purpose } = request.query as { format: 'csv' | 'parquet'; purpose?: Purpose };
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
      return reply.send(stream);
    },
  );
}
