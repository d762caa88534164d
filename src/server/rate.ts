import type { FastifyRequest } from 'fastify';
import { ClienteleError } from '../errors/index.js';

/** How many requests one address may make in a window. */
export interface RateLimit {
  readonly requests: number;
  readonly windowMs: number;
}

/**
 * An `onRequest` hook that answers 429 (`CLT_ERR_API_RATE_LIMITED`, with Retry-After) once an address has
 * made `requests` calls in the current fixed window. For public routes that write (tracking pixels and
 * links), so one client cannot fill the database. Counts live in memory and reset with the window.
 */
export function perAddressLimit(limit: RateLimit) {
  let windowStart = 0;
  let counts = new Map<string, number>();
  return async (request: FastifyRequest): Promise<void> => {
    const now = Date.now();
    if (now - windowStart >= limit.windowMs) {
      windowStart = now;
      counts = new Map();
    }
    const n = (counts.get(request.ip) ?? 0) + 1;
    counts.set(request.ip, n);
    if (n > limit.requests) {
      throw new ClienteleError(
        'CLT_ERR_API_RATE_LIMITED',
        `more than ${limit.requests} requests from ${request.ip} in ${Math.round(limit.windowMs / 1000)} s`,
        { retryAfterSeconds: Math.max(1, Math.ceil((windowStart + limit.windowMs - now) / 1000)) },
      );
    }
  };
}
