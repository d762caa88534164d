import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares two secrets in time that does not depend on where they differ. Both sides are hashed first,
 * so that their lengths are equal (timingSafeEqual needs that) and the length of the secret is not told.
 */
export function safeEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The SHA-256 of a high-entropy secret (an API token), as stored. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
