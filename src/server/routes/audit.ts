import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { listAudit, verifyAudit } from '../../security/index.js';
import type { Warehouse } from '../../store/index.js';

const AuditQuery = Type.Object({
  since: Type.Optional(Type.String({ description: 'Entries from this date or time on (ISO 8601)' })),
  limit: Type.Integer({ minimum: 1, maximum: 100_000, default: 1000 }),
  verify: Type.Boolean({ default: false, description: 'Also walk the hash chain' }),
});

/** `GET /v1/audit`: the audit log (newest `limit` entries since `since`), admins only. */
export async function auditRoutes(app: FastifyInstance, deps: { db: Warehouse }): Promise<void> {
  app.get(
    '/v1/audit',
    {
      schema: {
        summary: 'The audit log, and optionally its verification',
        tags: ['admin'],
        querystring: AuditQuery,
      },
    },
    async (request) => {
      const q = request.query as { since?: string; limit: number; verify: boolean };
      const entries = await listAudit(deps.db, { ...(q.since && { since: q.since }), limit: q.limit });
      return { entries, ...(q.verify && { verification: await verifyAudit(deps.db) }) };
    },
  );
}
