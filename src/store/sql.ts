/**
 * Fragments of SQL with their bound parameters, joined in text order so that each `?` meets its value
 * (Kysely's compiled query: text plus parameters, never a value inside the text).
 */
import type { SqlValue } from './warehouse.js';

/** A piece of SQL and the values of its `?` placeholders, in order. */
export interface Fragment {
  readonly text: string;
  readonly params: readonly SqlValue[];
}

/** One bound value. */
export function param(value: SqlValue): Fragment {
  return { text: '?', params: [value] };
}

/** SQL text written by the compiler itself (keywords, quoted schema identifiers), never a user's value. */
export function raw(text: string): Fragment {
  return { text, params: [] };
}

/** A double-quoted identifier; callers pass only names taken from the validated schema. */
export function identifier(name: string): Fragment {
  return raw(`"${name.replaceAll('"', '""')}"`);
}

/** Joins fragments with a separator. */
export function join(parts: readonly Fragment[], separator: string): Fragment {
  return {
    text: parts.map((p) => p.text).join(separator),
    params: parts.flatMap((p) => p.params),
  };
}

/** A template of SQL text whose holes are fragments. */
export function sql(strings: TemplateStringsArray, ...parts: readonly Fragment[]): Fragment {
  let text = strings[0] ?? '';
  const params: SqlValue[] = [];
  parts.forEach((part, i) => {
    text += part.text + (strings[i + 1] ?? '');
    params.push(...part.params);
  });
  return { text, params };
}

// Stands for the i-th fragment while a dialect function writes the text around it (a private-use character,
// never in SQL the code writes).
const MARK = /\uE000(\d+)\uE000/;

/**
 * A dialect construct over fragments: `build` (a Dialect function) receives stand-ins for the fragments'
 * text and the fragments take their places, their values in text order. E.g.
 * `construct((l, v) => dialect.listContains(l, v), list, expr)`.
 */
export function construct(build: (...exprs: string[]) => string, ...parts: readonly Fragment[]): Fragment {
  const pieces = build(...parts.map((_, i) => `\uE000${i}\uE000`)).split(MARK);
  let text = '';
  const params: SqlValue[] = [];
  pieces.forEach((piece, k) => {
    if (k % 2 === 0) text += piece;
    else {
      const part = parts[Number(piece)] as Fragment;
      text += part.text;
      params.push(...part.params);
    }
  });
  return { text, params };
}
