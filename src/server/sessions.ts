import { randomBytes } from 'node:crypto';
import type { Principal } from '../security/index.js';
import { secretHash } from '../security/index.js';

/** The session cookie's name. */
export const SESSION_COOKIE = 'clientele_session';

/** A session ends after this long without a request. */
export const SESSION_IDLE_MS = 8 * 3600_000;
/** And after this long in any case. */
export const SESSION_MAX_MS = 24 * 3600_000;

interface Session {
  readonly principal: Principal;
  readonly createdAt: number;
  lastSeenAt: number;
}

/**
 * The web app's sessions, in the server's memory: a restart signs everyone out (as it changes the admin
 * token). Only the hash of a session id is kept, so a heap dump does not hand out live sessions.
 */
export class SessionStore {
  readonly #sessions = new Map<string, Session>();

  /** Starts a session for `principal` and returns its id (the cookie's value). */
  create(principal: Principal, now = Date.now()): string {
    this.#sweep(now);
    const id = randomBytes(32).toString('base64url');
    this.#sessions.set(secretHash(id), { principal, createdAt: now, lastSeenAt: now });
    return id;
  }

  /** The live session of `id`, its idle clock restarted; undefined when unknown or expired. */
  get(id: string, now = Date.now()): { principal: Principal; createdAt: number } | undefined {
    const key = secretHash(id);
    const s = this.#sessions.get(key);
    if (!s) return undefined;
    if (now - s.lastSeenAt > SESSION_IDLE_MS || now - s.createdAt > SESSION_MAX_MS) {
      this.#sessions.delete(key);
      return undefined;
    }
    s.lastSeenAt = now;
    return s;
  }

  /** Ends the session of `id`. */
  delete(id: string): void {
    this.#sessions.delete(secretHash(id));
  }

  #sweep(now: number): void {
    for (const [k, s] of this.#sessions) {
      if (now - s.lastSeenAt > SESSION_IDLE_MS || now - s.createdAt > SESSION_MAX_MS)
        this.#sessions.delete(k);
    }
  }
}

/** The value of cookie `name` in a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
