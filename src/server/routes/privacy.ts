import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { plain, plainly } from '../../contracts/agree.js';
import { ForgetBody, ForgetResult, SubjectBody, SubjectExport } from '../../contracts/privacy.js';
import { replies } from '../../contracts/shared.js';
import { forgetPerson, type SuppressionList, subjectExport } from '../../privacy/index.js';
import type { Warehouse } from '../../store/index.js';

/** What the privacy routes need. */
export interface PrivacyDeps {
  readonly db: Warehouse;
  readonly adminToken: string;
  /** The erased people the tracking routes check events against; reloaded after an erasure. */
  readonly suppressions?: SuppressionList;
}

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
export async function privacyRoutes(fastify: FastifyInstance, deps: PrivacyDeps): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const security = [{ adminToken: [] }];
  app.post(
    '/v1/admin/forget',
    {
      schema: {
        summary: 'Erase a person and suppress their return',
        tags: ['privacy'],
        security,
        body: ForgetBody,
        response: replies(ForgetResult),
      },
    },
    async (request) => {
      const body = request.body;
      const result = await forgetPerson(deps.db, body.identifier, { dryRun: body.dryRun ?? false });
      if (!result.dryRun) {
        await deps.suppressions?.reload(deps.db);
        result.warnings.push(NOT_COMPACTED);
      }
      return plain(result);
    },
  );
  app.post(
    '/v1/admin/subject-export',
    {
      schema: {
        summary: 'Everything held on a person',
        tags: ['privacy'],
        security,
        body: SubjectBody,
        response: replies(SubjectExport),
      },
    },
    async (request) => plainly(subjectExport(deps.db, request.body.identifier)),
  );
}
