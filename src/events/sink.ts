/**
 * Where the event writer's batches go, one engine each: the one place the Event API's storage differs.
 * DuckDB takes the rows through its appender, value by value as normalizeEvent made them (no JSON line
 * written and parsed again: its INSERT from read_ndjson cost more per event than the appender); PostgreSQL
 * takes the batch as one JSON parameter, inside the writer's transaction. Rejects, few, are read from a
 * spooled JSON Lines file on DuckDB.
 */
import { hash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { duckdbDialect, postgresDialect } from '../store/dialect.js';
import { outsideQueryScope, type Warehouse } from '../store/index.js';
import type { TableAppender } from '../store/warehouse.js';
import { EVENT_COLUMNS, EVENT_ROW_COLUMNS, type EventRow, eventLine } from './normalize.js';

/** Events to store: their rows, and beside each its source's import_id and its source_row. */
export interface SinkEvents {
  readonly rows: readonly EventRow[];
  readonly importIds: readonly number[];
  readonly sourceRows: readonly number[];
}

/** What one commit writes: events, and `rejects` lines (each a JSON object keyed by column). */
export interface SinkBatch extends SinkEvents {
  readonly rejectLines: readonly string[];
}

/** An engine's way of storing the writer's batches. */
export interface EventSink {
  /**
   * Writes a batch inside `tx` (the caller's transaction). Returns the messageIds that were stored when
   * some were found already stored (another server wrote them), or null when every event was stored.
   */
  write(tx: Warehouse, batch: SinkBatch, n: number): Promise<ReadonlySet<string> | null>;
  /** Why the engine cannot store these events, or null when it can (written as the write does, then undone). */
  probe(events: SinkEvents, n: number): Promise<string | null>;
  /** A write left open for events to be appended as they come, when the engine has an appender. */
  open?(): OpenWrite;
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
/** The row hash in SQL over `events` columns read through alias `a` (with its dot), ts as epoch microseconds. */
export const rowHashSql = (a: string, epochMicros: string) =>
  `md5(concat_ws(chr(31), ${HASHED.map((c) => a + c).join(', ')}, ${epochMicros}, ${['properties', 'traits', 'context', 'extra'].map((c) => `CAST(${a}${c} AS VARCHAR)`).join(', ')}))`;

/** A PostgreSQL TIMESTAMPTZ as epoch microseconds, as the row hash reads it there. */
export const PG_EPOCH_US = (ts: string) => `CAST(EXTRACT(EPOCH FROM ${ts}) * 1000000 AS BIGINT)`;

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
  return `SELECT ${EVENT_FIELDS.join(', ')}, ${rowHashSql('', 'epoch_us(ts)')} AS row_hash
    FROM read_ndjson(${duckdbDialect.literal(file)}, columns = ${EVENT_SPEC}, format = 'newline_delimited')`;
}

/** The statement that stores a spooled JSON Lines file of events on DuckDB (bench/ingest.ts times it alone). */
export function insertEventsSql(file: string): string {
  return `INSERT INTO events (${EVENT_FIELDS.join(', ')}, row_hash) ${selectEventsSql(file)}`;
}

// The columns the appender fills, by index (its `order` maps the table's columns onto them).
const APPENDED = [...EVENT_ROW_COLUMNS, 'import_id', 'source_row', 'row_hash'];
const TS = APPENDED.indexOf('ts');
const IMPORT_ID = APPENDED.indexOf('import_id');
const SOURCE_ROW = APPENDED.indexOf('source_row');
const ROW_HASH = APPENDED.indexOf('row_hash');
const TEXTS = EVENT_ROW_COLUMNS as readonly (keyof EventRow)[];

const SEPARATOR = String.fromCharCode(31);

/**
 * The row's content hash, as the SQL of `rowHash` computes it over the stored values (concat_ws skips
 * NULLs): the JSON columns are stored as this text, and ts to the millisecond, so its microseconds are
 * the milliseconds and three zeros.
 */
export function eventRowHash(r: EventRow): string {
  let s = r.message_id;
  if (r.type !== null) s += SEPARATOR + r.type;
  if (r.event !== null) s += SEPARATOR + r.event;
  if (r.user_id !== null) s += SEPARATOR + r.user_id;
  if (r.anonymous_id !== null) s += SEPARATOR + r.anonymous_id;
  if (r.group_id !== null) s += SEPARATOR + r.group_id;
  if (r.previous_id !== null) s += SEPARATOR + r.previous_id;
  if (r.channel !== null) s += SEPARATOR + r.channel;
  s += SEPARATOR + (r.tsMs === 0 ? '0' : `${r.tsMs}000`);
  if (r.properties !== null) s += SEPARATOR + r.properties;
  if (r.traits !== null) s += SEPARATOR + r.traits;
  if (r.context !== null) s += SEPARATOR + r.context;
  if (r.extra !== null) s += SEPARATOR + r.extra;
  return hash('md5', s, 'hex');
}

class DuckDBSink implements EventSink {
  private constructor(
    private readonly db: Warehouse,
    private readonly spool: string,
  ) {}

  static async create(db: Warehouse): Promise<DuckDBSink> {
    return new DuckDBSink(db, await mkdtemp(join(tmpdir(), 'clientele-spool-')));
  }

  async write(tx: Warehouse, batch: SinkBatch, n: number): Promise<null> {
    if (batch.rows.length) await appendEvents(tx, batch);
    if (batch.rejectLines.length) {
      const rejectsFile = join(this.spool, `rejects-${n}.ndjson`);
      try {
        await writeFile(rejectsFile, batch.rejectLines.join('\n'));
        await tx.run(
          `INSERT INTO rejects (${REJECT_FIELDS.join(', ')})
           SELECT * FROM read_ndjson(${duckdbDialect.literal(rejectsFile)}, columns = ${REJECT_SPEC}, format = 'newline_delimited')`,
        );
      } finally {
        await rm(rejectsFile, { force: true });
      }
    }
    return null;
  }

  open(): OpenWrite {
    return new DuckDBOpenWrite(this.db);
  }

  async probe(events: SinkEvents): Promise<string | null> {
    const undo = new Error('probe: undone');
    try {
      await this.db.transaction(async (tx) => {
        await appendEvents(tx, events);
        throw undo;
      });
      return null;
    } catch (error) {
      if (error === undo) return null;
      return error instanceof Error ? error.message : String(error);
    }
  }

  async close(): Promise<void> {
    await rm(this.spool, { recursive: true, force: true });
  }
}

// The events through DuckDB's appender, in `tx`: flushed into its transaction, durable at its COMMIT.
async function appendEvents(tx: Warehouse, events: SinkEvents): Promise<void> {
  const appender = await tx.openAppender!('events', APPENDED);
  closeAfter(appender, () => fill(appender, events));
}

// Runs `fill`, then closes the appender (flushing its rows into the transaction); when either throws, the
// appender's rows are dropped and it is closed before the error goes on, so no half-filled row is written.
function closeAfter(appender: TableAppender, fill: () => void): void {
  try {
    fill();
    appender.close();
  } catch (error) {
    try {
      appender.clear();
      appender.close();
    } catch {}
    throw error;
  }
}

// Gives the appender every row of `events` (throws on a value the engine refuses).
function fill(out: TableAppender, events: SinkEvents): void {
  for (let i = 0; i < events.rows.length; i++) fillRow(out, events, i);
}

function fillRow(out: TableAppender, events: SinkEvents, i: number): void {
  const r = events.rows[i]!;
  const order = out.order;
  for (let p = 0; p < order.length; p++) {
    const k = order[p]!;
    if (k < 0) out.default();
    else if (k === TS) out.text(r.ts);
    else if (k === IMPORT_ID) out.int(events.importIds[i]!);
    else if (k === SOURCE_ROW) out.int(events.sourceRows[i]!);
    else if (k === ROW_HASH) out.text(eventRowHash(r));
    else out.text(r[TEXTS[k]!] as string | null);
  }
  out.endRow();
}

/** An event the engine refused while it was appended: its place in the events given, and why. */
export interface Refused {
  readonly index: number;
  readonly reason: string;
}

/**
 * A write whose events reach the engine as they come (DuckDB's appender, in a transaction left open until
 * the commit), so that the server keeps no event in its memory while the group commit waits for others.
 */
export interface OpenWrite {
  /** Whether the transaction and its appender are open; until then, the writer keeps the events. */
  readonly ready: boolean;
  /** Settles once open (rejects when it could not open: the writer then writes its events the usual way). */
  readonly opened: Promise<void>;
  /** Appends events now (once `ready`); those the engine refused are left out and named. */
  append(events: SinkEvents): Refused[];
  /** Flushes, runs `rest` in the transaction (rejects, counts), and commits; rejects when any of it failed. */
  commit(rest: (tx: Warehouse) => Promise<void>): Promise<void>;
}

class DuckDBOpenWrite implements OpenWrite {
  ready = false;
  readonly opened: Promise<void>;
  private appender: TableAppender | null = null;
  private failure: unknown = null;
  private finish!: (rest: (tx: Warehouse) => Promise<void>) => void;
  private readonly done: Promise<void>;

  constructor(db: Warehouse) {
    let opened!: () => void;
    let failed!: (error: unknown) => void;
    this.opened = new Promise<void>((resolve, reject) => {
      opened = resolve;
      failed = reject;
    });
    this.opened.catch(() => undefined);
    const gate = new Promise<(tx: Warehouse) => Promise<void>>((resolve) => {
      this.finish = resolve;
    });
    // Outside any request's scope: the transaction serves every request of the group.
    this.done = outsideQueryScope(() =>
      db.transaction(async (tx) => {
        const appender = await tx.openAppender!('events', APPENDED);
        this.appender = appender;
        this.ready = true;
        opened();
        const rest = await gate;
        this.ready = false;
        closeAfter(appender, () => {
          if (this.failure) throw this.failure;
        });
        await rest(tx);
      }),
    );
    this.done.catch((error: unknown) => failed(error));
  }

  append(events: SinkEvents): Refused[] {
    const appender = this.appender!;
    const refused: Refused[] = [];
    let skip: Set<number> | undefined;
    for (;;) {
      let at = -1;
      try {
        for (let i = 0; i < events.rows.length; i++) {
          if (skip?.has(i)) continue;
          at = i;
          fillRow(appender, events, i);
        }
        break;
      } catch (error) {
        // The rows given since the last flush (this call's) are dropped, and given again without this one.
        appender.clear();
        refused.push({ index: at, reason: error instanceof Error ? error.message : String(error) });
        skip ??= new Set();
        skip.add(at);
      }
    }
    try {
      appender.flush();
    } catch (error) {
      // Rows the engine took but cannot keep: the transaction fails at its commit, and every event with it.
      this.failure ??= error;
    }
    return refused;
  }

  commit(rest: (tx: Warehouse) => Promise<void>): Promise<void> {
    this.finish(rest);
    return this.done;
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
    if (batch.rows.length) {
      await tx.run('SELECT pg_advisory_xact_lock(?)', [EVENTS_LOCK]);
      const rows = await tx.all<{ message_id: string }>(
        `INSERT INTO events (${EVENT_FIELDS.join(', ')}, row_hash)
         SELECT ${EVENT_FIELDS.map((f) => `i.${f}`).join(', ')}, ${rowHashSql('i.', PG_EPOCH_US('i.ts'))}
         FROM ${PG_INCOMING}
         WHERE NOT EXISTS (
           SELECT 1 FROM events e WHERE e.message_id = i.message_id
             AND e.import_id IN (SELECT import_id FROM api_keys))
         RETURNING message_id`,
        [jsonArray(batch)],
      );
      if (rows.length < batch.rows.length) stored = new Set(rows.map((r) => r.message_id));
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

  async probe(events: SinkEvents): Promise<string | null> {
    try {
      await this.db.all(`SELECT count(*) AS n FROM ${PG_INCOMING}`, [jsonArray(events)]);
      return null;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  async close(): Promise<void> {}
}

// The events as one JSON array of objects keyed by column, import_id and source_row first.
function jsonArray(events: SinkEvents): string {
  const out: string[] = [];
  for (let i = 0; i < events.rows.length; i++) {
    out.push(
      `{"import_id":${events.importIds[i]},"source_row":${events.sourceRows[i]},${eventLine(events.rows[i]!).slice(1)}`,
    );
  }
  return `[${out.join(',')}]`;
}
