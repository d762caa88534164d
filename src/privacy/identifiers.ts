import { DEFAULT_NORMALIZE } from '../identity/normalize.js';
import { normalizeIdentifier } from '../identity/rules.js';
import type { IdentifierType } from '../identity/types.js';
import { blindIndex } from './blind-index.js';
import type { InstanceKey } from './key.js';

/** One normalized identifier of a person. */
export interface Identifier {
  readonly type: IdentifierType;
  readonly value: string;
}

/**
 * Says whether a normalized identifier is one being looked for: a person's own (erasure, subject export)
 * or a suppressed one (known only by its blind index).
 */
export interface IdentifierMatcher {
  has(type: IdentifierType, value: string): boolean;
  /** Whether a phone's last seven digits could be one looked for (a cheap gate before libphonenumber); absent: always. */
  readonly phoneTail?: (digits: string) => boolean;
}

export { blindIndex };

const tail = (digits: string) => digits.slice(-7);

/** A matcher for a person's identifiers, known in clear. */
export function knownMatcher(identifiers: readonly Identifier[]): IdentifierMatcher {
  const set = new Set(identifiers.map((i) => `${i.type}\u0000${i.value}`));
  const tails = new Set(identifiers.filter((i) => i.type === 'phone').map((i) => tail(i.value)));
  return {
    has: (type, value) => set.has(`${type}\u0000${value}`),
    phoneTail: (digits) => tails.has(tail(digits)),
  };
}

/** A matcher for suppressed identifiers, known only by their blind indexes. */
export function blindMatcher(key: InstanceKey, indexes: ReadonlySet<string>): IdentifierMatcher {
  return { has: (type, value) => indexes.size > 0 && indexes.has(blindIndex(key, type, value)) };
}

/** Whether a raw value read as identifier `type` is one the matcher looks for. */
export function rawMatches(matcher: IdentifierMatcher, type: IdentifierType, raw: string): boolean {
  if (type === 'phone' && matcher.phoneTail && !matcher.phoneTail(raw.replace(/\D/g, ''))) return false;
  const value = normalizeIdentifier(type, raw, DEFAULT_NORMALIZE);
  return value !== null && matcher.has(type, value);
}

const ID_TYPES: readonly IdentifierType[] = ['user_id', 'customer_id', 'anonymous_id'];
const HANDLE_TYPES: readonly IdentifierType[] = ['twitter', 'facebook', 'instagram', 'linkedin'];

/**
 * Whether free text (a reject's raw record and reason, a CSV or JSON line) holds one of the identifiers:
 * it is cut at field separators and quotes, and each piece is tried as each kind of identifier.
 */
export function textHolds(text: string, matcher: IdentifierMatcher): boolean {
  const pieces = new Set<string>();
  for (const part of text.split(/[,;\t|"{}[\]\r\n]+/)) {
    const trimmed = part.trim();
    if (trimmed === '' || trimmed.length > 320) continue;
    pieces.add(trimmed);
    // Whitespace-separated records and reasons ("the email 'a@b.c' is …") hold identifiers between spaces.
    for (const word of trimmed.split(/\s+/)) pieces.add(word.replace(/^['(`]+|['`).:]+$/g, ''));
  }
  for (const piece of pieces) {
    if (piece === '') continue;
    if (piece.includes('@') && rawMatches(matcher, 'email', piece)) return true;
    if (/\d{6}/.test(piece.replace(/\D/g, '')) && rawMatches(matcher, 'phone', piece)) return true;
    for (const type of ID_TYPES) if (matcher.has(type, piece)) return true;
    for (const type of HANDLE_TYPES) if (rawMatches(matcher, type, piece)) return true;
  }
  return false;
}
