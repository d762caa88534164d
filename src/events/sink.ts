/**
 * Where the event writer's batches go, one engine each: the one place the Event API's storage differs.
 * DuckDB reads a spooled JSON Lines file natively (one parse instead of a binding call per value);
 * PostgreSQL takes the batch as one JSON parameter, inside the writer's transaction, so nothing is spooled.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { duckdbDialect, postgresDialect } from '../store/dialect.js';
import type { Warehouse } from '../store/index.js';
import { EVENT_COLUMNS } from './normalize.js';

/** What one commit writes: `events` lines and `rejects` lines, each a JSON object keyed by column. */
export interface SinkBatch {
  readonly lines: readonly string[];
  readonly rejectLines: readonly string[];
}

/** An engine's way of storing the writer's batches. */
export interface EventSink {
  /**
   * Writes a batch inside `tx` (the caller's transaction). Returns the messageIds that were stored when
   * some were found already stored (another server wrote them), or null when every event was stored.
   */
  write(tx: Warehouse, batch: SinkBatch, n: number): Promise<ReadonlySet<string> | null>;
  /** Why the engine cannot read these event lines, or null when it can (the write's own SELECT, not stored). */
  probe(lines: readonly string[], n: number): Promise<string | null>;
  /** Removes what the sink keeps beside the database (the spool folder). */
  close(): Promise<void>;
}

/** The sink for `db`'s engine. */
export async function eventSink(db: Warehouse): Promise<EventSink> {
  return db.dialect.name === 'postgres' ? new PostgresSink(db) : DuckDBSink.create(db);
}

const EVENT_FIELDS = [...Object.keys(EVENT_COLUMNS), 'source_row'];
const REJECT_FIELDS = ['import_id', 'kind', 'file', 'source_row', 'field', 'reason_code', 'reason', 'raw'];

// The content hash, as the importer's is over the source line: here over the stored values, in SQL, so that
// it runs on the engine's threads instead of the server's one JavaScript thread.
const HASHED = [
  'message_id',
  'type',
  'event',
  'user_id',
  'anonymous_id',
  'group_id',
  'previous_id',
  'channel',
];
const rowHash = (a: string, epochMicros: string) =>
  `md5(concat_ws(chr(31), ${HASHED.map((c) => a + c).join(', ')}, ${epochMicros}, ${['properties', 'traits', 'context', 'extra'].map((c) => `CAST(${a}${c} AS VARCHAR)`).join(', ')}))`;

const EVENT_SPEC = `{${Object.entries({ ...EVENT_COLUMNS, source_row: 'BIGINT' })
  .map(([c, t]) => `'${c}': '${t}'`)
  .join(', ')}}`;
const REJECT_TYPES: Record<string, string> = {
  import_id: 'BIGINT',
  kind: 'VARCHAR',
  file: 'VARCHAR',
  source_row: 'BIGINT',
  field: 'VARCHAR',
  reason_code: 'VARCHAR',
  reason: 'VARCHAR',
  raw: 'VARCHAR',
};
const REJECT_SPEC = `{${REJECT_FIELDS.map((c) => `'${c}': '${REJECT_TYPES[c]}'`).join(', ')}}`;

function selectEventsSql(file: string): string {
  return `SELECT ${EVENT_FIELDS.join(', ')}, ${rowHash('', 'epoch_us(ts)')} AS row_hash
    FROM read_ndjson(${duckdbDialect.literal(file)}, columns = ${EVENT_SPEC}, format = 'newline_delimited')`;
}

/** The statement that stores a spooled JSON Lines file of events on DuckDB (bench/ingest.ts times it alone). */
export function insertEventsSql(file: string): string {
  return `INSERT INTO events (${EVENT_FIELDS.join(', ')}, row_hash) ${selectEventsSql(file)}`;
}

class DuckDBSink implements EventSink {
  private probes = 0;

  private constructor(
    private readonly db: Warehouse,
    private readonly spool: string,
  ) {}

  static async create(db: Warehouse): Promise<DuckDBSink> {
    return new DuckDBSink(db, await mkdtemp(join(tmpdir(), 'clientele-spool-')));
  }

  async write(tx: Warehouse, batch: SinkBatch, n: number): Promise<null> {
    const eventsFile = join(this.spool, `events-${n}.ndjson`);
    const rejectsFile = join(this.spool, `rejects-${n}.ndjson`);
    try {
      if (batch.lines.length) {
        await writeFile(eventsFile, batch.lines.join('\n'));
        await tx.run(insertEventsSql(eventsFile));
      }
      if (batch.rejectLines.length) {
        await writeFile(rejectsFile, batch.rejectLines.join('\n'));
        await tx.run(
          `INSERT INTO rejects (${REJECT_FIELDS.join(', ')})
           SELECT * FROM read_ndjson(${duckdbDialect.literal(rejectsFile)}, columns = ${REJECT_SPEC}, format = 'newline_delimited')`,
        );
      }
      return null;
    } finally {
      await rm(eventsFile, { force: true });
      await rm(rejectsFile, { force: true });
    }
  }

  async probe(lines: readonly string[], n: number): Promise<string | null> {
    const file = join(this.spool, `probe-${n}-${++this.probes}.ndjson`);
    try {
      await writeFile(file, lines.join('\n'));
      await this.db.all(`SELECT count(*) AS n, count(row_hash) AS h FROM (${selectEventsSql(file)})`);
      return null;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    } finally {
      await rm(file, { force: true });
    }
  }

  async close(): Promise<void> {
    await rm(this.spool, { recursive: true, force: true });
  }
}

// Held for the length of each event commit, by every server on the database ('CltE' as a number): commits
// take turns, so each one's check for messageIds already stored sees every commit before it, and two
// servers given the same event (a client's retry to another server) store it once.
const EVENTS_LOCK = 0x436c7445;

// The batch as rows, read from one JSON array parameter with the columns' types spelled out (as DuckDB's
// read_ndjson is given them): a probe then tells a line PostgreSQL cannot read from a table that is gone.
const PG_INCOMING = `jsonb_to_recordset(CAST(? AS JSONB)) AS i(${Object.entries({
  ...EVENT_COLUMNS,
  source_row: 'BIGINT',
})
  .map(([c, t]) => `${c} ${postgresDialect.ddl(t)}`)
  .join(', ')})`;

class PostgresSink implements EventSink {
  constructor(private readonly db: Warehouse) {}

  async write(tx: Warehouse, batch: SinkBatch): Promise<ReadonlySet<string> | null> {
    let stored: Set<string> | null = null;
    if (batch.lines.length) {
      await tx.run('SELECT pg_advisory_xact_lock(?)', [EVENTS_LOCK]);
      const rows = await tx.all<{ message_id: string }>(
        `INSERT INTO events (${EVENT_FIELDS.join(', ')}, row_hash)
         SELECT ${EVENT_FIELDS.map((f) => `i.${f}`).join(', ')}, ${rowHash('i.', 'CAST(EXTRACT(EPOCH FROM i.ts) * 1000000 AS BIGINT)')}
         FROM ${PG_INCOMING}
         WHERE NOT EXISTS (
           SELECT 1 FROM events e WHERE e.message_id = i.message_id
             AND e.import_id IN (SELECT import_id FROM api_keys))
         RETURNING message_id`,
        [`[${batch.lines.join(',')}]`],
      );
      if (rows.length < batch.lines.length) stored = new Set(rows.map((r) => r.message_id));
    }
    if (batch.rejectLines.length) {
      await tx.run(
        `INSERT INTO rejects (${REJECT_FIELDS.join(', ')})
         SELECT ${REJECT_FIELDS.join(', ')} FROM jsonb_to_recordset(CAST(? AS JSONB))
           AS r(${REJECT_FIELDS.map((c) => `${c} ${REJECT_TYPES[c]}`).join(', ')})`,
        [`[${batch.rejectLines.join(',')}]`],
      );
    }
    return stored;
  }

  async probe(lines: readonly string[]): Promise<string | null> {
    try {
      await this.db.all(`SELECT count(*) AS n FROM ${PG_INCOMING}`, [`[${lines.join(',')}]`]);
      return null;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  async close(): Promise<void> {}
}
