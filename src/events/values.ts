/**
 * Checks of one event's values before it is encoded, so that nothing the engine would refuse reaches the
 * shared group commit: well-formed Unicode (a lone UTF-16 surrogate such as `"\ud800"` is valid JSON but
 * not UTF-8, and DuckDB's JSON reader refuses the whole spool file for it), bounded nesting and size, and
 * numbers that survived parsing. The walk stops at the depth limit, so no input can overflow the stack.
 */

/** How deep and how large one event may be. */
export interface ValueLimits {
  /** Objects and arrays nested deeper than this are refused (the event itself is depth 1). */
  readonly maxDepth: number;
  /** At most this many values (keys, strings, numbers, objects…) in one event. */
  readonly maxValues: number;
}

/** What is wrong with a value, and where (a JSONPath-like trail such as `properties.items[3].price`). */
export interface ValueProblem {
  readonly code: 'malformed_unicode' | 'too_deep' | 'too_many_values' | 'number_out_of_range';
  readonly path: string;
  readonly reason: string;
}

// With the `u` flag a valid pair is one astral code point, so only a lone surrogate is category Cs.
const LONE_SURROGATE = /\p{Cs}/u;

/** True when `text` has no lone UTF-16 surrogate (String.prototype.isWellFormed, which TS's ES2023 lib lacks). */
export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** `text` with every lone surrogate replaced by U+FFFD, for text the server itself stores or echoes. */
export function toWellFormed(text: string): string {
  if (isWellFormed(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += text[i]! + text[i + 1]!;
        i++;
        continue;
      }
      out += '\ufffd';
    } else if (c >= 0xdc00 && c <= 0xdfff) out += '\ufffd';
    else out += text[i]!;
  }
  return out;
}

/** `text` cut to at most `n` UTF-16 units without splitting a surrogate pair. */
export function cut(text: string, n: number): string {
  if (text.length <= n) return text;
  const last = text.charCodeAt(n - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? n - 1 : n);
}

const shown = (path: string) => (path === '' ? 'the event' : path);

type Found = { code: ValueProblem['code']; keys: (string | number)[] };

/**
 * The first problem of `value` (a parsed JSON document), or null. Numbers must be finite (JSON.parse turns
 * `1e400` into Infinity) and within ±2^53: beyond that they were rounded while parsing (send such ids as
 * strings), and no count, amount or score of a customer is that large.
 */
export function checkValue(value: unknown, limits: ValueLimits): ValueProblem | null {
  const budget = { values: limits.maxValues };
  const found = visit(value, 1, limits.maxDepth, budget);
  if (found === null) return null;
  // The path is built only for the answer: the walk itself allocates nothing per value.
  const path = toWellFormed(
    found.keys
      .reverse()
      .reduce<string>((p, k) => (typeof k === 'number' ? `${p}[${k}]` : p === '' ? k : `${p}.${k}`), ''),
  );
  const reason =
    found.code === 'malformed_unicode'
      ? `${shown(path)} holds a lone UTF-16 surrogate (not valid Unicode)`
      : found.code === 'too_deep'
        ? `${shown(path)} nests objects or arrays deeper than ${limits.maxDepth} levels`
        : found.code === 'too_many_values'
          ? `has more than ${limits.maxValues} values (keys, strings, numbers, objects)`
          : `${shown(path)} is a number beyond ±2^53 (9007199254740991) or too large for a double; send it as a string`;
  return { code: found.code, path: found.code === 'too_many_values' ? '' : path, reason };
}

// Recursive, but never deeper than `maxDepth`: it stops there, so no input can overflow the stack.
function visit(v: unknown, depth: number, maxDepth: number, budget: { values: number }): Found | null {
  if (--budget.values < 0) return { code: 'too_many_values', keys: [] };
  if (typeof v === 'string') return isWellFormed(v) ? null : { code: 'malformed_unicode', keys: [] };
  if (typeof v === 'number') {
    return Number.isFinite(v) && Math.abs(v) <= Number.MAX_SAFE_INTEGER
      ? null
      : { code: 'number_out_of_range', keys: [] };
  }
  if (typeof v !== 'object' || v === null) return null;
  if (depth > maxDepth) return { code: 'too_deep', keys: [] };
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const found = visit(v[i], depth + 1, maxDepth, budget);
      if (found) {
        found.keys.push(i);
        return found;
      }
    }
    return null;
  }
  for (const key in v) {
    if (!isWellFormed(key)) return { code: 'malformed_unicode', keys: [key] };
    const found = visit((v as Record<string, unknown>)[key], depth + 1, maxDepth, budget);
    if (found) {
      found.keys.push(key);
      return found;
    }
  }
  return null;
}
