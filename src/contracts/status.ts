import { type Static, Type } from '@sinclair/typebox';
import { Nullable, Obj } from './shared.js';

const N = Type.Number();

/** What `clientele status --json` prints: the database's tables and money figures. */
export const StoreStatus = Obj({
  database: Type.String(),
  engine: Type.Union([Type.Literal('duckdb'), Type.Literal('postgresql')], {
    description: 'The engine holding the data: DuckDB in-process, or a PostgreSQL server (docs/scale.md)',
  }),
  tables: Type.Record(Type.String(), N, { description: 'Rows per importable kind' }),
  imports: N,
  rejects: N,
  customers: N,
  prospects: N,
  orders: Type.Number({ description: 'Rows of the orders table, whatever their status' }),
  placedOrders: N,
  revenue: N,
  customerRevenue: Type.Number({ description: 'Revenue of placed orders whose customer is known' }),
  unattributedOrders: N,
  grossRevenue: N,
  returns: N,
  netRevenue: N,
  firstOrder: Nullable(Type.String()),
  lastOrder: Nullable(Type.String()),
  profiles: N,
});

export type StoreStatus = Static<typeof StoreStatus>;
