/**
 * Reports kept by the state they were computed from: a report reads every saved segment's portrait and its
 * persona, seconds of work at 100,000 customers, while its inputs change only with the data. The key moves
 * when any input moves (the persona cache's key: resolved data, definitions, the newest model run, what
 * customers wrote, each segment's version (src/segments/version.ts: definition, creation, members); and the segments' size history and people's
 * persona edits), so a stale report is never read.
 */
import { createHash } from 'node:crypto';
import type { Report } from '../contracts/reports.js';
import { personaCacheKey } from '../portraits/index.js';
import { remember, type Warehouse } from '../store/index.js';
import { buildReport, type ReportOptions } from './build.js';

const KEEP = 8;

/** The key of the report with `options` over the data as it is now. */
export async function reportStateKey(db: Warehouse, options: ReportOptions): Promise<string> {
  const names = (await db.all<{ name: string }>('SELECT name FROM segments ORDER BY name')).map(
    (r) => r.name,
  );
  const [more] = await db.all<Record<string, string | number | null>>(
    `SELECT (SELECT count(*) FROM segment_sizes) AS sizes, (SELECT CAST(max(measured_at) AS VARCHAR) FROM segment_sizes) AS measured,
       (SELECT count(*) FROM persona_edits) AS edits, (SELECT CAST(max(edited_at) AS VARCHAR) FROM persona_edits) AS edited,
       (SELECT count(*) FROM profiles) AS profiles, (SELECT CAST(max(refreshed_at) AS VARCHAR) FROM profiles) AS refreshed,
       (SELECT count(*) FROM orders) AS orders`,
  );
  const personas = await personaCacheKey(db, names, { report: options.segments ?? '' });
  return createHash('sha256')
    .update(
      JSON.stringify([
        personas,
        more,
        options.segments ?? '',
        options.personas ?? true,
        options.locale ?? 'en',
      ]),
    )
    .digest('hex');
}

/** Reports by state and options, the latest few; the options asked most recently can be computed again. */
export class ReportCache {
  readonly #db: Warehouse;
  readonly #run: (key: string, build: () => Promise<Report>) => Promise<Report>;
  readonly #answers = new Map<string, Promise<Report>>();
  #recent: string[] = [JSON.stringify({ personas: true })];

  /**
   * `run` runs a report's build (by default in the caller's scope); the server runs it as a shared job outside
   * any request (src/server/shared-jobs.ts), so a build that outlasts its visitor (a minute and more at 100,000
   * customers) is not cancelled when they leave and still reaches the cache.
   */
  constructor(db: Warehouse, run?: (key: string, build: () => Promise<Report>) => Promise<Report>) {
    this.#db = db;
    this.#run = run ?? ((_key, build) => build());
  }

  /** The report with `options` for the data as it is now: from the cache, or computed and kept. */
  async get(options: Omit<ReportOptions, 'now'>): Promise<Report> {
    const asked = JSON.stringify({
      ...(options.segments !== undefined && { segments: options.segments }),
      personas: options.personas ?? true,
      // The report's sentences are in its language, so each language is an answer of its own.
      ...(options.locale !== undefined && { locale: options.locale }),
    });
    this.#recent = [...this.#recent.filter((k) => k !== asked), asked].slice(-3);
    const key = await reportStateKey(this.#db, options);
    return remember(this.#answers, key, KEEP, () => this.#run(key, () => buildReport(this.#db, options)));
  }

  /** The reports asked for most recently, computed for the data as it is now (after a data change). */
  async rewarm(): Promise<void> {
    for (const asked of [...this.#recent].reverse())
      await this.get(JSON.parse(asked) as ReportOptions).catch(() => undefined);
  }
}
