/**
 * When a failed delivery is tried again: exponential backoff with "equal jitter" (AWS Architecture Blog,
 * "Exponential Backoff And Jitter", 2015): half the capped exponential delay, plus a random share of the
 * other half, so that receivers coming back up are not hit by every sender at the same instant.
 */

/** How many tries a delivery gets and how far apart. */
export interface RetryPolicy {
  /** Tries in all, the first included; after the last failure the delivery is a dead letter. */
  readonly maxAttempts: number;
  /** The delay after the first failure, before jitter, in milliseconds. */
  readonly baseMs: number;
  /** The longest delay, in milliseconds. */
  readonly capMs: number;
}

/** Eight tries over about four hours: 2 s, 4 s, 8 s … capped at one hour. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseMs: 2_000, capMs: 3_600_000 };

/**
 * The wait after the `attempt`-th failed try (1-based), in milliseconds, with `random` in [0, 1): between
 * half and all of min(cap, base · 2^(attempt−1)).
 */
export function backoffMs(attempt: number, policy: RetryPolicy, random: number): number {
  const exp = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + (exp / 2) * random);
}
