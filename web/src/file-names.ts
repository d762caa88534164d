import { createElement, type ReactNode } from 'react';

// Plain TypeScript (no JSX), so the unit tests under Node load it as it is.

/**
 * A reading with the file's own column names (`birth_date`, `customer's email`) shown as written, like the
 * columns table's. The names come with the reading (the summary's `notes`), never guessed from its quotes: a
 * name may hold an apostrophe itself.
 */
export function fileNames(text: string, columns: readonly string[]): ReactNode[] {
  const names = [...new Set(columns)].filter(Boolean).sort((a, b) => b.length - a.length);
  if (!names.length) return [text];
  const out: ReactNode[] = [];
  let rest = text;
  while (rest) {
    // The earliest name in what is left (the longest where two start together), with the quotes around it.
    let at = -1;
    let found = '';
    for (const name of names) {
      const i = rest.indexOf(name);
      if (i >= 0 && (at < 0 || i < at)) {
        at = i;
        found = name;
      }
    }
    if (at < 0) {
      out.push(rest);
      break;
    }
    const quoted = at > 0 && rest[at - 1] === "'" && rest[at + found.length] === "'";
    const before = rest.slice(0, quoted ? at - 1 : at);
    if (before) out.push(before);
    out.push(createElement('span', { key: out.length, className: 'raw' }, found));
    rest = rest.slice(at + found.length + (quoted ? 1 : 0));
  }
  return out;
}
