/**
 * Migration 25: several servers on one PostgreSQL database (issue 18).
 * - PostgreSQL only: an index on `events.message_id`, which each event commit reads to skip the events
 *   another server stored first (src/events/sink.ts). DuckDB has one server per file, whose own window of
 *   messageIds suffices; an index there would only slow its bulk inserts.
 */
export const version = 25;
export const name = 'server_mode';

export const sql = '';

export const postgresSql = `CREATE INDEX IF NOT EXISTS events_message_id ON events (message_id)`;
