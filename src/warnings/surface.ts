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
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'warnings' && Array.isArray(v)) {
      const next = v.map(say);
      out[k] = next.some((w, i) => w !== v[i]) ? next : v;
    } else out[k] = walk(v, depth + 1, say);
    if (out[k] !== v) changed = true;
  }
  return changed ? out : value;
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
