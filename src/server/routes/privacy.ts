import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { forgetPerson, type SuppressionList, subjectExport } from '../../privacy/index.js';
import type { Warehouse } from '../../store/index.js';

/** What the privacy routes need. */
export interface PrivacyDeps {
  readonly db: Warehouse;
  readonly adminToken: string;
  /** The erased people the tracking routes check events against; reloaded after an erasure. */
  readonly suppressions?: SuppressionList;
}

const ForgetBody = Type.Object(
  {
    identifier: Type.String({ minLength: 1, maxLength: 320, description: 'Any identifier of the person' }),
    dryRun: Type.Optional(Type.Boolean({ description: 'Say what would be removed; change nothing' })),
  },
  { additionalProperties: false },
);
const SubjectBody = Type.Object(
  { identifier: Type.String({ minLength: 1, maxLength: 320, description: 'Any identifier of the person' }) },
  { additionalProperties: false },
);

// The server holds the file open, so it cannot rewrite it.
const NOT_COMPACTED = {
  code: 'not_compacted',
  message:
    'the erased rows are gone from every table, but their bytes stay in the database file until it is rewritten: stop the server and run `clientele compact`',
};

/**
 * `POST /v1/admin/forget` (erasure, as `clientele forget`) and `POST /v1/admin/subject-export` (everything
 * held on a person, as `clientele subject-export`), behind the admin token. POST, so that identifiers stay
 * out of URLs and access logs. Who may call them, and their audit entries, are in src/security/routes.ts.
 */
export async function privacyRoutes(app: FastifyInstance, deps: PrivacyDeps): Promise<void> {
  const security = [{ adminToken: [] }];
  app.post(
    '/v1/admin/forget',
    {
      schema: {
        summary: 'Erase a person and suppress their return',
        tags: ['privacy'],
        security,
        body: ForgetBody,
      },
    },
    async (request) => {
      const body = request.body as { identifier: string; dryRun?: boolean };
      const result = await forgetPerson(deps.db, body.identifier, { dryRun: body.dryRun ?? false });
      if (!result.dryRun) {
        await deps.suppressions?.reload(deps.db);
        result.warnings.push(NOT_COMPACTED);
      }
      return result;
    },
  );
  app.post(
    '/v1/admin/subject-export',
    {
      schema: { summary: 'Everything held on a person', tags: ['privacy'], security, body: SubjectBody },
    },
    async (request) => subjectExport(deps.db, (request.body as { identifier: string }).identifier),
  );
}
