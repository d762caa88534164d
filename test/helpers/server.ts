import type { FastifyInstance } from 'fastify';
import {
  createKey,
  type EventLimits,
  EventWriter,
  loadSources,
  type WriterOptions,
} from '../../src/events/index.js';
import { buildApp, type QueryDeadlines, type Timeouts } from '../../src/server/index.js';
import { openWarehouse, type Warehouse } from '../../src/store/index.js';
import { withTestDatabase } from './engine.js';

/** An Event API app on a fresh database, with one write key. */
export interface TestApi {
  readonly app: FastifyInstance;
  readonly db: Warehouse;
  readonly writer: EventWriter;
  readonly key: string;
  /** Every key created, by source name (the first is `key`). */
  readonly keys: Record<string, string>;
  /** `Authorization` header value for the key. */
  readonly auth: string;
  readonly dir: string;
}

/** Options of a test app. */
export interface TestApiOptions {
  readonly writer?: Partial<WriterOptions>;
  readonly limits?: EventLimits;
  readonly timeouts?: Timeouts;
  readonly deadlines?: QueryDeadlines;
  /** Source names to create keys for; `['test']` by default. */
  readonly sources?: readonly string[];
}

export const ADMIN_TOKEN = 'test-admin-token';

/**
 * Runs `fn` with an app (for inject or listen) on a fresh database of the engine under test
 * (CLIENTELE_TEST_ENGINE, test/helpers/engine.ts) and closes app, writer and database afterwards.
 */
export async function withApi<T>(fn: (api: TestApi) => Promise<T>, options: TestApiOptions = {}): Promise<T> {
  return withTestDatabase(async ({ location, dir }) => {
    const db = await openWarehouse(location);
    const keys: Record<string, string> = {};
    for (const name of options.sources ?? ['test']) keys[name] = (await createKey(db, name)).key;
    const key = Object.values(keys)[0]!;
    const writer = await EventWriter.create(db, options.writer);
    const app = await buildApp({
      db,
      writer,
      sources: await loadSources(db),
      adminToken: ADMIN_TOKEN,
      limits: options.limits,
      timeouts: options.timeouts,
      ...(options.deadlines && { deadlines: options.deadlines }),
    });
    try {
      return await fn({ app, db, writer, key, keys, auth: basic(key), dir });
    } finally {
      await app.close();
      await writer.close();
      await db.close();
    }
  });
}

/** The Basic auth header the Segment and RudderStack clients send for `key`. */
export function basic(key: string): string {
  return `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
}
