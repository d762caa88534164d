/**
 * Identifiers that are unique by construction and look random: keyed bijections of (person index,
 * counter), so no run ever needs a set of used ids and chunks can be generated independently.
 */
import { hash32, roundKeys, scramble48, scramble48With, seedOf } from './prng.js';

const MOD = 1_000_000_000;

/** Persons supported by the id scheme; duplicate records take numbers from this offset up. */
export const MAX_PERSONS = 500_000_000;

// A keyed bijection on [0, 10^9): a 4-round Feistel network on 30 bits, cycle-walked back into range.
function permute(i: number, key: number): number {
  let x = i;
  do {
    let left = x >>> 15;
    let right = x & 0x7fff;
    for (let round = 0; round < 4; round++) {
      const next = left ^ (hash32(right ^ hash32(key + round)) & 0x7fff);
      left = right;
      right = next;
    }
    x = left * 0x8000 + right;
  } while (x >= MOD);
  return x;
}

/** Id of person `index`'s main record, e.g. `C048213907`. */
export function customerId(seed: number, index: number): string {
  return `C${String(permute(index, seedOf(seed, 1))).padStart(9, '0')}`;
}

/** Id of person `index`'s duplicate record. */
export function duplicateId(seed: number, index: number): string {
  return customerId(seed, index + MAX_PERSONS);
}

const KEYS = new Map<number, readonly number[]>();
function keysFor(seed: number, salt: number): readonly number[] {
  const id = seedOf(seed, salt);
  let keys = KEYS.get(id);
  if (!keys) {
    keys = roundKeys(id);
    KEYS.set(id, keys);
  }
  return keys;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).toUpperCase().padStart(2, '0'));

/** A 48-bit keyed id of `(index, counter)` with `bits` bits for the counter, as 12 hex digits. */
function scrambled(
  prefix: string,
  seed: number,
  salt: number,
  index: number,
  counter: number,
  bits: number,
): string {
  const x = index * 2 ** bits + counter;
  const y = scramble48With(x, keysFor(seed, salt));
  const high = Math.floor(y / 0x1000000);
  const low = y % 0x1000000;
  return `${prefix}${HEX[high >>> 16]}${HEX[(high >>> 8) & 255]}${HEX[high & 255]}${HEX[low >>> 16]}${HEX[(low >>> 8) & 255]}${HEX[low & 255]}`;
}

/** Order ids: up to 4,096 orders per person. */
export const orderId = (seed: number, index: number, k: number): string =>
  scrambled('O', seed, 2, index, k, 12);
/** Message (send) ids: up to 16,384 sends per person. */
export const messageId = (seed: number, index: number, k: number): string =>
  scrambled('M', seed, 3, index, k, 14);
/** Feedback ids: up to 4,096 per person. */
export const feedbackId = (seed: number, index: number, k: number): string =>
  scrambled('F', seed, 4, index, k, 12);
/** Sales note ids: up to 256 per person. */
export const noteId = (seed: number, index: number, k: number): string =>
  scrambled('N', seed, 5, index, k, 8);

/** Social post ids: up to 256 per person. */
export const socialId = (seed: number, index: number, k: number): string =>
  scrambled('S', seed, 7, index, k, 8);

/** The relay address a marketplace passes on instead of the buyer's own, one per person. */
export const relayEmail = (seed: number, index: number): string =>
  `mp${scramble48(index, seedOf(seed, 6)).toString(36)}@relay.marketplace.example`;
