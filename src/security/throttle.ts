/**
 * Slows password guessing: failed sign-ins are counted per client address and per user name, and after a
 * few the next attempt must wait, longer each time (OWASP's authentication guidance: throttle, do not lock
 * the account for good, which would let anyone lock anyone out). A success clears the name's count.
 * In memory: one server process holds the database, and a restart forgets only the waiting.
 */

/** Failures allowed within the window before attempts must wait. */
export const FREE_FAILURES = 5;
/** How long failures are remembered. */
export const FAILURE_WINDOW_MS = 15 * 60_000;
const FIRST_WAIT_MS = 1_000;
const LONGEST_WAIT_MS = 15 * 60_000;
// Bounds memory whatever the attacker sends: the oldest entries go first.
const MAX_KEYS = 10_000;

interface Failures {
  count: number;
  first: number;
  until: number;
}

export class SignInThrottle {
  readonly #failures = new Map<string, Failures>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Milliseconds the attempt must wait (0 when it may go ahead), the longest over its keys. */
  waitFor(keys: readonly string[]): number {
    const now = this.#now();
    let wait = 0;
    for (const key of keys) {
      const f = this.#failures.get(key);
      if (!f) continue;
      if (now - f.first > FAILURE_WINDOW_MS && now >= f.until) {
        this.#failures.delete(key);
        continue;
      }
      wait = Math.max(wait, f.until - now);
    }
    return wait;
  }

  /** Counts a failed attempt against each key; past the free ones, doubles the wait each time. */
  failed(keys: readonly string[]): void {
    const now = this.#now();
    for (const key of keys) {
      let f = this.#failures.get(key);
      if (!f || now - f.first > FAILURE_WINDOW_MS) f = { count: 0, first: now, until: 0 };
      f.count += 1;
      if (f.count >= FREE_FAILURES) {
        const wait = Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** (f.count - FREE_FAILURES));
        f.until = now + wait;
      }
      this.#failures.delete(key);
      this.#failures.set(key, f);
    }
    while (this.#failures.size > MAX_KEYS) {
      const oldest = this.#failures.keys().next().value;
      if (oldest === undefined) break;
      this.#failures.delete(oldest);
    }
  }

  /** Clears a key after a successful sign-in. */
  succeeded(key: string): void {
    this.#failures.delete(key);
  }
}
