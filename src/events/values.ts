/**
 * Checks of one event's values before it is encoded, so that nothing the engine would refuse reaches the
 * shared group commit: well-formed Unicode (a lone UTF-16 surrogate such as `"\ud800"` is valid JSON but
 * not UTF-8, and DuckDB's JSON reader refuses the whole spool file for it), bounded nesting and size, and
 * numbers that survived parsing. The walk is iterative, so no input can overflow the stack.
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

/** True when `text` has no lone UTF-16 surrogate (String.prototype.isWellFormed, which TS's ES2023 lib lacks). */
export function isWellFormed(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c >= 0xdc00) return false;
    const next = text.charCodeAt(i + 1);
    if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
    i++;
  }
  return true;
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

const step = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;

const shown = (path: string) => (path === '' ? 'the event' : path);

/**
 * The first problem of `value` (a parsed JSON document), or null. Numbers must be finite (JSON.parse turns
 * `1e400` into Infinity) and within ±2^53: beyond that they were rounded while parsing (send such ids as
 * strings), and no count, amount or score of a customer is that large.
 */
export function checkValue(value: unknown, limits: ValueLimits): ValueProblem | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 1 }];
  let count = 0;
  while (stack.length > 0) {
    const item = stack.pop()!;
    const v = item.value;
    if (++count > limits.maxValues) {
      return {
        code: 'too_many_values',
        path: '',
        reason: `has more than ${limits.maxValues} values (keys, strings, numbers, objects)`,
      };
    }
    if (typeof v === 'string') {
      if (!isWellFormed(v)) {
        return {
          code: 'malformed_unicode',
          path: item.path,
          reason: `${shown(item.path)} holds a lone UTF-16 surrogate (not valid Unicode)`,
        };
      }
    } else if (typeof v === 'number') {
      if (!Number.isFinite(v) || Math.abs(v) > Number.MAX_SAFE_INTEGER) {
        return {
          code: 'number_out_of_range',
          path: item.path,
          reason: Number.isFinite(v)
            ? `${shown(item.path)} is beyond ±2^53 (9007199254740991) and lost digits when read; send it as a string`
            : `${shown(item.path)} is a number too large for a double`,
        };
      }
    } else if (typeof v === 'object' && v !== null) {
      if (item.depth > limits.maxDepth) {
        return {
          code: 'too_deep',
          path: item.path,
          reason: `${shown(item.path)} nests objects or arrays deeper than ${limits.maxDepth} levels`,
        };
      }
      if (Array.isArray(v)) {
        for (let i = v.length - 1; i >= 0; i--)
          stack.push({ value: v[i], path: step(item.path, i), depth: item.depth + 1 });
      } else {
        for (const key of Object.keys(v)) {
          const path = step(item.path, key);
          if (!isWellFormed(key)) {
            return {
              code: 'malformed_unicode',
              path: toWellFormed(path),
              reason: `the key ${JSON.stringify(toWellFormed(path))} holds a lone UTF-16 surrogate (not valid Unicode)`,
            };
          }
          stack.push({ value: (v as Record<string, unknown>)[key], path, depth: item.depth + 1 });
        }
      }
    }
  }
  return null;
}
