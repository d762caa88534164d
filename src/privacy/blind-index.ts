import { createHmac } from 'node:crypto';
import type { InstanceKey } from './key.js';

// Its own file so that opening a database (fields.ts) does not load identifier normalization and libphonenumber.

/** The keyed blind index of an identifier: HMAC-SHA256 under the instance key, hex. */
export function blindIndex(key: InstanceKey, type: string, value: string): string {
  return createHmac('sha256', key.index).update(`${type}\u0000${value}`).digest('hex');
}
