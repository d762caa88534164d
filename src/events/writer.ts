import { ClienteleError } from '../errors/index.js';
import { outsideQueryScope, type Warehouse } from '../store/index.js';
import type { Source } from './keys.js';
import type { EventRow, NormalizedEvent, RejectedEvent } from './normalize.js';
import { type EventSink, eventSink, type OpenWrite } from './sink.js';
import { toWellFormed } from './values.js';
import { MessageIdWindow } from './window.js';

/** How the writer batches, bounds its queue and remembers messageIds. */
export interface WriterOptions {
  /** Events and rejects waiting or being written; beyond this, submissions are refused (HTTP 429). */
  readonly maxQueue: number;
  /** A write starts as soon as this many rows wait, without waiting for `maxDelayMs`. */
  readonly maxBatch: number;
  /** How long the first waiting row waits for others to share its transaction. */
  readonly maxDelayMs: number;
  /** How many recent messageIds are remembered for dropping repeats. */
  readonly dedupeWindow: number;
  /** How far back the window is filled from the API's own `events` when the writer starts. */
  readonly dedupeSeedHours: number;
  /**
   * After writes, once nothing more has come for this long, the database is checkpointed (0: never): the
   * events written since the last checkpoint stop being held in memory as the WAL's row groups, so the
   * server's memory settles after a burst instead of staying at its peak until the WAL reaches its limit.
   */
  readonly idleCheckpointMs: number;
}

/** Defaults chosen on a 2-core machine (bench/ingest.ts). */
export const DEFAULT_WRITER_OPTIONS: WriterOptions = {
  maxQueue: 200_000,
  maxBatch: 20_000,
  maxDelayMs: 5,
  dedupeWindow: 1_000_000,
  dedupeSeedHours: 24,
  idleCheckpointMs: 5_000,
};

/** An event that passed every check but that the engine refused to store; it went to `rejects`. */
export interface UnstorableEvent {
  /** Its place among the records of its submission. */
  readonly index: number;
  readonly messageId: string;
  readonly reason: string;
}

/** What became of a submission once it is durable. */
export interface SubmitResult {
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: number;
  /** Present only when the engine refused some of its events (they are counted in `rejected`). */
  readonly unstorable?: readonly UnstorableEvent[];
}

// One request's share of a batch: its counts change if one of its events turns out to be unstorable.
interface Submission {
  accepted: number;
  rejected: number;
  /** Events found stored already when written (another server stored them first). */
  duplicates: number;
  readonly importId: number;
  /** The `file` of its rejects, JSON-encoded. */
  readonly file: string;
  readonly unstorable: UnstorableEvent[];
}

interface Counts {
  read: number;
  accepted: number;
  rejected: number;
  duplicates: number;
}

class Batch {
  rows: EventRow[] = [];
  rejectLines: string[] = [];
  ids: string[] = [];
  // Parallel to `rows`: whose each row is, its source's import_id, its source_row and its place in its
  // submission.
  owners: Submission[] = [];
  importIds: number[] = [];
  sourceRows: number[] = [];
  positions: number[] = [];
  // On an engine with an appender, the write its events go to as they come (then they leave `rows`).
  open: OpenWrite | null = null;
  appended = 0;
  appendedIds: string[] = [];
  readonly counts = new Map<number, Counts>();
  settled = false;
  readonly done: Promise<void>;
  resolve!: () => void;
  fail!: (error: unknown) => void;

  constructor() {
    this.done = new Promise<void>((resolve, reject) => {
      this.resolve = resolve;
      this.fail = reject;
    });
    // A failed write is reported through each submission's own promise; this keeps Node from calling it unhandled.
    this.done.catch(() => undefined);
  }

  get size(): number {
    return this.appended + this.rows.length + this.rejectLines.length;
  }

  count(importId: number): Counts {
    let c = this.counts.get(importId);
    if (!c) {
      c = { read: 0, accepted: 0, rejected: 0, duplicates: 0 };
      this.counts.set(importId, c);
    }
    return c;
  }
}

const COMMITTED = (() => {
  const b = new Batch();
  b.settled = true;
  b.resolve();
  return b;
})();

/** An engine message without the server's file paths (the spool folder is nobody's business but ours). */
export function withoutPaths(message: string): string {
  return message
    .replace(/"(?:[A-Za-z]:)?[\\/][^"]*"/g, '"<file>"')
    .replace(/(?:[A-Za-z]:)?\/(?:[^\s/"',:]+\/)+[^\s"',:]*/g, '<file>')
    .trim();
}

/**
 * The durable, batching writer behind the Event API. Submissions from many requests share one
 * transaction (group commit); a submission's promise settles after COMMIT, so an acknowledged event
 * survives a crash. How the rows reach the engine is the sink's business (src/events/sink.ts).
 */
export class EventWriter {
  private current = new Batch();
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private inFlight = 0;
  private closed = false;
  // The idle CHECKPOINT while it runs.
  private checkpointing: Promise<void> | null = null;
  private sequence = 0;
  private idleTimer: NodeJS.Timeout | null = null;
  private writtenSinceCheckpoint = false;
  private readonly window: MessageIdWindow<Batch>;
  // Each source numbers its records in order of arrival, as a file numbers its rows: `source_row`.
  private readonly lastRow = new Map<number, number>();

  private constructor(
    private readonly db: Warehouse,
    private readonly sink: EventSink,
    readonly options: WriterOptions,
  ) {
    this.window = new MessageIdWindow(options.dedupeWindow);
  }

  /** Starts a writer on `db`, remembering the messageIds stored within the last `dedupeSeedHours`. */
  static async create(db: Warehouse, options: Partial<WriterOptions> = {}): Promise<EventWriter> {
    const o = { ...DEFAULT_WRITER_OPTIONS, ...options };
    const writer = new EventWriter(db, await eventSink(db), o);
    const recent = await db.all<{ id: string }>(
      // Only what came over the API: the window catches clients' retries, and a file import of millions of
      // events must not make every start sort them (zone maps skip the imports' row groups).
      `SELECT message_id AS id FROM events WHERE message_id IS NOT NULL
         AND import_id IN (SELECT import_id FROM api_keys)
         AND imported_at >= current_timestamp - ${db.dialect.seconds('CAST(? AS BIGINT)')}
       ORDER BY imported_at DESC LIMIT ?`,
      [o.dedupeSeedHours * 3600, o.dedupeWindow],
    );
    for (let i = recent.length - 1; i >= 0; i--) writer.window.set(recent[i]!.id, COMMITTED);
    const numbered = await db.all<{ import_id: number; last: number }>(
      `SELECT import_id, max(source_row) AS last FROM (
         SELECT import_id, source_row FROM events WHERE import_id IN (SELECT import_id FROM api_keys)
         UNION ALL SELECT import_id, source_row FROM rejects WHERE import_id IN (SELECT import_id FROM api_keys)
       ) AS numbered GROUP BY import_id`,
    );
    for (const r of numbered) writer.lastRow.set(r.import_id, r.last ?? 0);
    return writer;
  }

  /** Rows waiting or being written. */
  get pending(): number {
    return this.current.size + this.inFlight;
  }

  /**
   * Queues a request's records, events and rejects in the order they came; resolves once they are
   * committed. Throws CLT_ERR_API_OVERLOADED at once when the queue is full, so that the caller can answer
   * 429 instead of the queue growing.
   */
  submit(source: Source, records: readonly (NormalizedEvent | RejectedEvent)[]): Promise<SubmitResult> {
    if (this.closed) throw new ClienteleError('CLT_ERR_API_WRITE_FAILED', 'the server is shutting down');
    const n = records.length;
    if (this.pending > 0 && this.pending + n > this.options.maxQueue) {
      throw new ClienteleError(
        'CLT_ERR_API_OVERLOADED',
        `the write queue is full (${this.pending} rows waiting, limit ${this.options.maxQueue})`,
        { retryAfterSeconds: 1 },
      );
    }
    const batch = this.current;
    const counts = batch.count(source.importId);
    const mine: Submission = {
      accepted: 0,
      rejected: 0,
      duplicates: 0,
      importId: source.importId,
      file: JSON.stringify(`api:${source.name}`),
      unstorable: [],
    };
    // Every record takes the next number, repeats included, as every record of a file has its row number.
    let row = this.lastRow.get(source.importId) ?? 0;
    const prefix = `{"import_id":${source.importId},"source_row":`;
    const file = mine.file;
    // A repeat answers when the write carrying its first copy has committed, not before.
    const waits = new Set<Batch>();
    let accepted = 0;
    let duplicates = 0;
    let rejected = 0;
    for (let index = 0; index < records.length; index++) {
      const r = records[index]!;
      row++;
      if (!r.ok) {
        batch.rejectLines.push(
          `${prefix}${row},"kind":"events","file":${file},"field":${JSON.stringify(r.field)},"reason_code":"${r.code}","reason":${JSON.stringify(r.reason)},"raw":${JSON.stringify(r.raw)}}`,
        );
        rejected++;
        continue;
      }
      const seen = this.window.get(r.messageId);
      if (seen) {
        duplicates++;
        if (!seen.settled) waits.add(seen);
        continue;
      }
      this.window.set(r.messageId, batch);
      batch.ids.push(r.messageId);
      batch.rows.push(r.row);
      batch.owners.push(mine);
      batch.importIds.push(source.importId);
      batch.sourceRows.push(row);
      batch.positions.push(index);
      accepted++;
    }
    this.lastRow.set(source.importId, row);
    counts.read += n;
    counts.accepted += accepted;
    counts.rejected += rejected;
    counts.duplicates += duplicates;
    mine.accepted = accepted;
    mine.rejected = rejected;
    mine.duplicates = duplicates;
    if (accepted || rejected) waits.add(batch);
    if (accepted && this.sink.open) this.appendSoon(batch);
    this.schedule();
    // Read once the writes have settled: an event the engine refused moves from accepted to rejected.
    const result = (): SubmitResult =>
      mine.unstorable.length
        ? {
            accepted: mine.accepted,
            duplicates: mine.duplicates,
            rejected: mine.rejected,
            unstorable: mine.unstorable,
          }
        : { accepted: mine.accepted, duplicates: mine.duplicates, rejected: mine.rejected };
    return waits.size ? Promise.all([...waits].map((b) => b.done)).then(result) : Promise.resolve(result());
  }

  /** Writes what is queued and stops taking submissions. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    while (this.flushing || this.current.size || this.current.counts.size) {
      if (this.flushing) await this.flushing.catch(() => undefined);
      else await this.flush().catch(() => undefined);
    }
    await this.checkpointing;
    await this.sink.close();
  }

  // Each write pushes the checkpoint back: it runs once the intake has been quiet for idleCheckpointMs.
  private armIdleCheckpoint(): void {
    // PostgreSQL checkpoints on its own schedule (and CHECKPOINT needs a privileged role there).
    if (!this.options.idleCheckpointMs || this.closed || this.db.dialect.name !== 'duckdb') return;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.closed || this.flushing || this.current.size || !this.writtenSinceCheckpoint) return;
      this.writtenSinceCheckpoint = false;
      // Outside any request's scope: no request's deadline may cancel it. A failure (another transaction
      // open, say) only means the engine checkpoints later on its own.
      // Kept, so that close() waits for it: the database must not be closed under a running CHECKPOINT.
      this.checkpointing = outsideQueryScope(() =>
        this.db
          .run('CHECKPOINT')
          .catch(() => undefined)
          .then(() => {
            this.checkpointing = null;
            if (!this.closed) this.onIdle();
          }),
      );
    }, this.options.idleCheckpointMs);
    this.idleTimer.unref();
  }

  // Commits serve every request in the group, so no one request's deadline or disconnect may cancel them:
  // they run outside any query scope, whichever request's submission started the timer.
  private schedule(): void {
    outsideQueryScope(() => this.scheduleNow());
  }

  private scheduleNow(): void {
    if (this.flushing) return;
    if (this.current.size >= this.options.maxBatch) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      void this.flush().catch(() => undefined);
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.flush().catch(() => undefined);
      }, this.options.maxDelayMs);
    }
  }

  // The batch's events go to its open write as soon as it is open (now, when it is), so that the server
  // does not keep them while the group commit waits: kept, they survived young-generation collections and
  // were copied (the HTTP path spent more time collecting garbage than anything else, bench/ingest.ts).
  // The write opens once the one before it has committed: a transaction begun earlier could not update the
  // sources' counts (`imports`) that one updated (DuckDB refuses it as a conflict), so meanwhile the events
  // wait here.
  private appendSoon(batch: Batch): void {
    if (this.flushing) return;
    if (!batch.open) {
      const open = this.sink.open!();
      batch.open = open;
      open.opened.then(
        () => this.drain(batch),
        () => undefined,
      );
    }
    if (batch.open.ready) this.drain(batch);
  }

  private drain(batch: Batch): void {
    const open = batch.open;
    if (!open?.ready || batch.rows.length === 0) return;
    const refused = open.append(batch);
    if (refused.length) this.setAside(batch, new Map(refused.map((r) => [r.index, r.reason])));
    batch.appended += batch.rows.length;
    for (const id of batch.ids) batch.appendedIds.push(id);
    batch.rows = [];
    batch.ids = [];
    batch.owners = [];
    batch.importIds = [];
    batch.sourceRows = [];
    batch.positions = [];
  }

  private flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    const batch = this.current;
    this.current = new Batch();
    this.inFlight = batch.size;
    this.flushing = this.write(batch).finally(() => {
      this.flushing = null;
      this.inFlight = 0;
      if (this.current.rows.length && this.sink.open && !this.closed) this.appendSoon(this.current);
      if (this.current.size || this.current.counts.size) this.schedule();
    });
    return this.flushing;
  }

  /** Called once the intake has gone quiet after writes and the database was checkpointed. */
  onIdle: () => void = () => undefined;

  /** Called with each write that failed, with the engine's own message (the server logs it). */
  onError: (error: unknown) => void = () => undefined;

  private async write(batch: Batch): Promise<void> {
    const n = ++this.sequence;
    try {
      const open = batch.open
        ? await batch.open.opened.then(
            () => batch.open,
            () => null,
          )
        : null;
      if (open) {
        // The events are in the open write already (but those that came while it opened): what is left is
        // to write the rejects and the counts in its transaction, and commit.
        this.drain(batch);
        await open.commit((tx) => this.commitIn(tx, batch, n));
      } else
        try {
          await this.commit(batch, n);
        } catch (error) {
          // One event the engine refuses must not fail everyone's writes: find the lines it cannot read,
          // set them aside as rejects, and commit the rest once more.
          this.onError(error);
          if (!(await this.setAsideUnreadable(batch, n))) throw error;
          await this.commit(batch, n);
        }
      // The queue has room again before anyone hears of the commit, so that their next request fits.
      this.inFlight = 0;
      batch.settled = true;
      batch.resolve();
      this.writtenSinceCheckpoint = true;
      this.armIdleCheckpoint();
    } catch (error) {
      this.onError(error);
      for (const id of batch.ids) this.window.forget(id, batch);
      for (const id of batch.appendedIds) this.window.forget(id, batch);
      this.inFlight = 0;
      batch.settled = true;
      // The engine's message names the spool file; the client hears what happened, the log the details.
      batch.fail(
        new ClienteleError(
          'CLT_ERR_API_WRITE_FAILED',
          'the events could not be committed to the database; none of this request was stored',
        ),
      );
      throw error;
    } finally {
      batch.rows = [];
      batch.rejectLines = [];
      batch.ids = [];
      batch.owners = [];
      batch.importIds = [];
      batch.sourceRows = [];
      batch.positions = [];
      batch.appendedIds = [];
      batch.open = null;
    }
  }

  private async commit(batch: Batch, n: number): Promise<void> {
    await this.db.transaction((tx) => this.commitIn(tx, batch, n));
  }

  // The batch's writes in `tx`: its events still held (all of them, but on an open write), its rejects, and
  // the counts of its sources.
  private async commitIn(tx: Warehouse, batch: Batch, n: number): Promise<void> {
    {
      const stored = await this.sink.write(tx, batch, n);
      // Events another server stored first are duplicates, as if this server's window had known them.
      if (stored) this.countStoredElsewhere(batch, stored);
      for (const [importId, c] of batch.counts) {
        await tx.run(
          `UPDATE imports SET rows_read = rows_read + ?, rows_accepted = rows_accepted + ?,
             rows_rejected = rows_rejected + ?, rows_duplicate = rows_duplicate + ?,
             finished_at = current_timestamp, seconds = ${this.db.dialect.epochSeconds('current_timestamp - started_at')}
           WHERE import_id = ?`,
          [c.read, c.accepted, c.rejected, c.duplicates, importId],
        );
      }
    }
  }

  // Moves the batch's events missing from `stored` from accepted to duplicates, once (a retried commit
  // finds them gone from the batch).
  private countStoredElsewhere(batch: Batch, stored: ReadonlySet<string>): void {
    const keep: boolean[] = batch.ids.map((id) => stored.has(id));
    batch.ids.forEach((_, i) => {
      if (keep[i]) return;
      const owner = batch.owners[i]!;
      owner.accepted--;
      owner.duplicates++;
      const c = batch.count(owner.importId);
      c.accepted--;
      c.duplicates++;
    });
    const kept = (_: unknown, i: number) => keep[i]!;
    batch.rows = batch.rows.filter(kept);
    batch.ids = batch.ids.filter(kept);
    batch.owners = batch.owners.filter(kept);
    batch.importIds = batch.importIds.filter(kept);
    batch.sourceRows = batch.sourceRows.filter(kept);
    batch.positions = batch.positions.filter(kept);
  }

  // Why the engine cannot store these events, or null when it can (written, then undone).
  private async probe(batch: Batch, from: number, to: number, n: number): Promise<string | null> {
    const events = {
      rows: batch.rows.slice(from, to),
      importIds: batch.importIds.slice(from, to),
      sourceRows: batch.sourceRows.slice(from, to),
    };
    const reason = await this.sink.probe(events, n);
    return reason === null ? null : withoutPaths(reason);
  }

  // Bisects the batch's events for those the engine refuses (a handful of probes per bad one) and moves
  // them to the rejects; false when every one is stored (the failure lies elsewhere).
  private async setAsideUnreadable(batch: Batch, n: number): Promise<boolean> {
    const bad = new Map<number, string>();
    const search = async (from: number, to: number): Promise<void> => {
      const reason = await this.probe(batch, from, to, n);
      if (reason === null) return;
      if (to - from === 1) {
        bad.set(from, reason);
        return;
      }
      const mid = (from + to) >> 1;
      await search(from, mid);
      await search(mid, to);
    };
    // Nothing can be stored (the table is gone, say): no event is to blame.
    if (batch.rows.length === 0 || (await this.probe(batch, 0, 0, n)) !== null) return false;
    await search(0, batch.rows.length);
    if (bad.size === 0) return false;
    this.setAside(batch, bad);
    return true;
  }

  // Moves the batch's events at the places of `bad` (with the engine's reasons) to the rejects.
  private setAside(batch: Batch, bad: ReadonlyMap<number, string>): void {
    const keep = (_: unknown, i: number) => !bad.has(i);
    for (const [i, engine] of bad) {
      const owner = batch.owners[i]!;
      const messageId = batch.ids[i]!;
      const reason = `the database refused to store this event: ${withoutPaths(engine)}`;
      this.window.forget(messageId, batch);
      owner.accepted--;
      owner.rejected++;
      owner.unstorable.push({ index: batch.positions[i]!, messageId, reason });
      const c = batch.count(owner.importId);
      c.accepted--;
      c.rejected++;
      batch.rejectLines.push(
        `{"import_id":${owner.importId},"source_row":${batch.sourceRows[i]},"kind":"events","file":${owner.file},"field":null,"reason_code":"unstorable","reason":${JSON.stringify(toWellFormed(reason))},"raw":null}`,
      );
    }
    batch.rows = batch.rows.filter(keep);
    batch.ids = batch.ids.filter(keep);
    batch.owners = batch.owners.filter(keep);
    batch.importIds = batch.importIds.filter(keep);
    batch.sourceRows = batch.sourceRows.filter(keep);
    batch.positions = batch.positions.filter(keep);
  }
}
