import type { FastifyInstance } from 'fastify';
import { AuditLog, AuditQuery } from '../../contracts/admin.js';
import { replies } from '../../contracts/shared.js';
import { listAudit, verifyAudit } from '../../security/index.js';
import type { Warehouse } from '../../store/index.js';

/** `GET /v1/audit`: the audit log (newest `limit` entries since `since`), admins only. */
export async function auditRoutes(app: FastifyInstance, deps: { db: Warehouse }): Promise<void> {
  app.get(
    '/v1/audit',
    {
      schema: {
        summary: 'The audit log, and optionally its verification',
        tags: ['admin'],
        querystring: AuditQuery,
        response: replies(AuditLog),
      },
    },
    async (request) => {
      const q = request.query as { since?: string; limit: number; verify: boolean };
      const entries = await listAudit(deps.db, { ...(q.since && { since: q.since }), limit: q.limit });
      return { entries, ...(q.verify && { verification: await verifyAudit(deps.db) }) };
    },
  );
}
