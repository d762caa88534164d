import { onSurface, type Surface } from '../errors/option.js';

/** One entry of a `warnings` array said again (a {code, message} warning or a sentence); itself when unchanged. */
export type SayWarning = (warning: unknown) => unknown;

/**
 * `value` with every entry of every `warnings` array in it (to depth 8) passed through `say`. It copies only
 * what it changes and never touches the value it was given, which may be a cached answer other readers share.
 * Its own module, free of catalogues, so the CLI's output boundary can load it at no cost.
 */
export function sayWarningsIn<T>(value: T, say: SayWarning): T {
  return walk(value, 0, say) as T;
}

function walk(value: unknown, depth: number, say: SayWarning): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const next = value.map((item) => walk(item, depth + 1, say));
    return next.some((item, i) => item !== value[i]) ? next : value;
  }
  // Only plain objects: a Buffer, a Date or a stream is sent as it is.
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  // The copy is made at the first change only: most answers hold no warning deep down, and walking a long
  // list of rows must not copy every row.
  let out: Record<string, unknown> | undefined;
  const entries = Object.entries(value);
  for (let i = 0; i < entries.length; i++) {
    const [k, v] = entries[i]!;
    let next: unknown;
    if (k === 'warnings' && Array.isArray(v)) {
      const said = v.map(say);
      next = said.some((w, j) => w !== v[j]) ? said : v;
    } else next = walk(v, depth + 1, say);
    if (next !== v && !out) out = Object.fromEntries(entries.slice(0, i));
    if (out) out[k] = next;
  }
  return out ?? value;
}

/**
 * A warning (or a reading given as a sentence) with the options it names said for `surface`
 * (`{--tracking-url}`: `trackingUrl` in an API answer, `--tracking-url` on the command line).
 */
export function warningOnSurface(w: unknown, surface: Surface, message?: string): unknown {
  if (typeof w === 'string') return onSurface(w, surface);
  if (!w || typeof w !== 'object') return w;
  const given = (w as { message?: unknown }).message;
  const base = message ?? given;
  if (typeof base !== 'string') return w;
  const said = onSurface(base, surface);
  return said !== given ? { ...w, message: said } : w;
}
