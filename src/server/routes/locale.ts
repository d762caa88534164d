import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { replies } from '../../contracts/shared.js';
import { orderCurrencies } from '../../reports/currency.js';
import type { Warehouse } from '../../store/index.js';

const Locale = Type.Object({
  currency: Type.String({
    description:
      'ISO 4217 code money is shown in: the most common currency of the orders, USD without orders',
  }),
  currencies: Type.Array(Type.Object({ code: Type.String(), orders: Type.Integer() }), {
    description: 'Every currency the orders carry, the most common first',
  }),
});

/** `GET /v1/locale`: what the web app needs to format money (the shop's currency), read from the orders. */
export async function localeRoutes(app: FastifyInstance, deps: { db: Warehouse }): Promise<void> {
  app.get(
    '/v1/locale',
    {
      schema: {
        summary: "The shop's currency, for formatting money",
        tags: ['overview'],
        response: replies(Locale),
      },
    },
    async () => {
      const rows = await orderCurrencies(deps.db);
      return { currency: rows[0]?.code ?? 'USD', currencies: rows };
    },
  );
}
