import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Warehouse } from '../store/index.js';

/**
 * Lets a server's memory settle after a burst. DuckDB's allocator keeps freed memory for reuse until a
 * task's peak passes `allocator_flush_threshold` (128 MB by default); a lower threshold and its background
 * thread hand it back to the system sooner. V8 collects its old generation only under pressure, so an idle
 * server would keep its peak heap for good; one full collection once the intake goes quiet returns it.
 * `bench/ingest.ts --overload` prints memory before, at the peak and settled.
 */
export async function settleMemorySettings(db: Warehouse): Promise<void> {
  await db.run(`SET allocator_flush_threshold = '${ALLOCATOR_FLUSH_THRESHOLD}'`);
  await db.run('SET allocator_background_threads = true');
}

/** The allocator's flush threshold for a server (bench/ingest.ts --overload: settled 291 MB against 371 MB at 128 MB). */
export const ALLOCATOR_FLUSH_THRESHOLD = '16MB';

let collect: (() => void) | null | undefined;

/** One full garbage collection, when the runtime allows it (a no-op where it does not). */
export function collectGarbage(): void {
  if (collect === undefined) {
    try {
      // The documented V8 flag, set at run time instead of on the command line `clientele` is started with.
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    }
  }
  collect?.();
}
