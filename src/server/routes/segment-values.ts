import type { FastifyInstance } from 'fastify';
import { FieldParams, FieldValues, FieldValuesQuery } from '../../contracts/segment-values.js';
import { replies } from '../../contracts/shared.js';
import { fieldValues } from '../../segments/index.js';
import type { Warehouse } from '../../store/index.js';

/** The segment builder's value pickers: a field's most common values by prefix, from the data. */
export async function segmentValueRoutes(app: FastifyInstance, deps: { db: Warehouse }): Promise<void> {
  app.get(
    '/v1/segments/fields/:field/values',
    {
      schema: {
        summary: "A field's most common values starting with a prefix (the builder's autocomplete)",
        tags: ['segments'],
        security: [{ adminToken: [] }],
        params: FieldParams,
        querystring: FieldValuesQuery,
        response: replies(FieldValues),
      },
    },
    async (request) => {
      const { field } = request.params as { field: string };
      const q = request.query as { prefix: string; limit: number };
      return { field, values: await fieldValues(deps.db, field, { prefix: q.prefix, limit: q.limit }) };
    },
  );
}
