import { evaluateAlerts } from '../alerts/index.js';
import { syncAudienceIfStale } from '../destinations/index.js';
import { ensureCurrent, isStale } from '../identity/index.js';
import { runJourneys } from '../journeys/index.js';
import { flushOutbox } from '../outbox/index.js';
import { exclusively, isCancelled, type Warehouse } from '../store/index.js';
import { promoteSocialEvents } from '../voice/social-events.js';

/** What the activation loop of `clientele serve` does each tick. */
export interface ActivationOptions {
  /** Milliseconds between ticks (default 1000). */
  readonly everyMs?: number;
  /** Milliseconds between journey runs (default 10,000): triggers and waits are minutes and days, not seconds. */
  readonly journeysEveryMs?: number;
  readonly onError?: (error: unknown) => void;
}

/**
 * The server's activation loop: each tick turns social events into social records, evaluates alerts over
 * what arrived (once profiles caught up), syncs the audiences whose segment was refreshed since their last
 * sync, advances the active journeys (every ten seconds) and delivers what the outbox has due. One tick at a
 * time; a failing receiver only costs its own delivery a try.
 */
export function startActivation(db: Warehouse, options: ActivationOptions = {}): { stop(): Promise<void> } {
  const every = options.everyMs ?? 1_000;
  const journeysEvery = options.journeysEveryMs ?? 10_000;
  let running: Promise<void> | undefined;
  let stopped = false;
  let journeysAt = 0;
  const tick = () => {
    if (running || stopped) return;
    running = (async () => {
      try {
        // Several servers on one PostgreSQL database: one of them runs a tick at a time (src/store/lease.ts).
        await exclusively(db, 'activation', async () => {
          const journeys = Date.now() - journeysAt >= journeysEvery;
          if (journeys) journeysAt = Date.now();
          await activateOnce(db, { budgetMs: every * 5, journeys });
        });
      } catch (error) {
        // A tick cut short by the stop (a resolution it waited for, cancelled by the stopping server) failed
        // for no reason of its own.
        if (!(stopped && isCancelled(error))) options.onError?.(error);
      } finally {
        running = undefined;
      }
    })();
  };
  const timer = setInterval(tick, every);
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

/** One tick of the loop (also what a test drives). */
export async function activateOnce(
  db: Warehouse,
  options: { readonly budgetMs?: number; readonly journeys?: boolean } = {},
): Promise<void> {
  // Social events that arrived become social records first: the alerts below read them as such. They are
  // few, and a social alert is about a person known by a handle: profiles catch up before it fires.
  if ((await promoteSocialEvents(db)) > 0) {
    // A resolution already running (the background refresh) began before these rows: wait for it, then one
    // that includes them.
    await ensureCurrent(db);
    if (await isStale(db)) await ensureCurrent(db);
  }
  const [counts] = await db.all<{ alerts: number; audiences: number; pending: number; journeys: number }>(
    `SELECT (SELECT count(*)::INTEGER FROM alerts) AS alerts, (SELECT count(*)::INTEGER FROM audiences) AS audiences,
       (SELECT count(*)::INTEGER FROM outbox WHERE status = 'pending') AS pending,
       (SELECT count(*)::INTEGER FROM journeys WHERE state = 'active') AS journeys`,
  );
  const stale = counts?.alerts || counts?.audiences ? await isStale(db) : true;
  // Alerts without a segment need no profiles: API events are looked at within a tick, not at the next
  // background resolution; those with a segment wait until profiles caught up.
  if (counts?.alerts) await evaluateAlerts(db, stale ? { withoutSegmentOnly: true } : {});
  if (counts?.audiences && !stale) {
    const moved = await db.all<{ name: string }>(
      `SELECT a.name FROM audiences a JOIN segments s ON s.name = a.segment
       WHERE a.synced_at IS NULL OR s.refreshed_at > a.synced_at ORDER BY a.name`,
    );
    for (const a of moved) await syncAudienceIfStale(db, a.name);
  }
  // Journeys enter and move people (their destination steps land in the outbox, delivered just below).
  if (counts?.journeys && (options.journeys ?? true)) await runJourneys(db);
  await flushOutbox(db, { budgetMs: options.budgetMs ?? 5_000, timeoutMs: 5_000 });
}
