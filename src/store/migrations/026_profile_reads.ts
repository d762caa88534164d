/**
 * Migration 26: one profile read fast on both engines (issues 13 and 18; src/profiles/rows.ts).
 * - `profile_rows.rid` may be NULL: PostgreSQL has no row id, so its profile index holds row keys alone.
 * - PostgreSQL only: b-tree indexes that find one person's rows: profile_rows and record_profiles by
 *   profile, the record tables a profile page reads by row key, and identity nodes by value (finding the
 *   profile an identifier names). DuckDB finds them through the profile-sorted index and row ids instead; an
 *   ART index there would slow the bulk loads that rewrite these tables.
 */
export const version = 26;
export const name = 'profile_reads';

export const sql = 'ALTER TABLE profile_rows ALTER COLUMN rid DROP NOT NULL';

export const postgresSql = `
  ALTER TABLE profile_rows ALTER COLUMN rid DROP NOT NULL;
  CREATE INDEX IF NOT EXISTS profile_rows_profile ON profile_rows (profile_id);
  CREATE INDEX IF NOT EXISTS record_profiles_profile ON record_profiles (profile_id);
  CREATE INDEX IF NOT EXISTS identity_nodes_value ON identity_nodes (value);
  CREATE INDEX IF NOT EXISTS customers_row_key ON customers (row_key);
  CREATE INDEX IF NOT EXISTS events_row_key ON events (row_key);
  CREATE INDEX IF NOT EXISTS messages_row_key ON messages (row_key);
  CREATE INDEX IF NOT EXISTS orders_row_key ON orders (row_key);
  CREATE INDEX IF NOT EXISTS order_items_row_key ON order_items (row_key);
  CREATE INDEX IF NOT EXISTS feedback_row_key ON feedback (row_key);
  CREATE INDEX IF NOT EXISTS sales_notes_row_key ON sales_notes (row_key);
`;
