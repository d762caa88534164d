/**
 * The one resolver of field names: turns a name a person typed (a column of their file, a canonical field,
 * a trait, a metric, a dimension) into the name a surface knows, matching case- and separator-insensitively
 * and through the file-name aliases recorded at import. Every surface that lets a person name a field
 * (segments, cluster features, regressions, churn features, scan and trend dimensions, filters) asks it.
 */
import { ClienteleError, type ErrorCode } from '../errors/index.js';
import { phrase } from '../i18n/phrase.js';

/** A column of an imported file recorded as a name of a kind's field (or of itself, for an extra trait). */
export interface FieldAlias {
  readonly kind: string;
  /** The column's name in the file. */
  readonly alias: string;
  /** The canonical field it was read into; the column's own name for an extra trait. */
  readonly field: string;
}

/** How a typed name was found. */
export type NameVia = 'exact' | 'normalized' | 'alias';

/** A resolved name: the known name it means, and how it was found. */
export interface NameMatch {
  readonly name: string;
  readonly via: NameVia;
  /** The file's column name when found through an alias. */
  readonly alias?: string;
}

/** A name reduced for matching: lower case, letters and digits only (`Customer State`, `customerState` → `customerstate`). */
export function fieldKey(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * The known name `typed` means, or undefined: the name itself, then the one known name equal to it ignoring
 * case and separators, then an alias (a file's column name) whose field is known here. `aliases` are tried in
 * order, so a caller lists the latest import first.
 */
export function matchName(
  typed: string,
  known: readonly string[],
  aliases: readonly FieldAlias[] = [],
): NameMatch | undefined {
  if (known.includes(typed)) return { name: typed, via: 'exact' };
  const key = fieldKey(typed);
  if (!key) return undefined;
  const loose = known.find((k) => fieldKey(k) === key);
  if (loose !== undefined) return { name: loose, via: 'normalized' };
  for (const a of aliases) {
    if (fieldKey(a.alias) !== key) continue;
    const target = known.includes(a.field) ? a.field : known.find((k) => fieldKey(k) === fieldKey(a.field));
    if (target !== undefined) return { name: target, via: 'alias', alias: a.alias };
  }
  return undefined;
}

/** Up to `max` names nearest to `typed` among `candidates` (edit distance over keys; a shared stem counts). */
export function nearestNames(typed: string, candidates: readonly string[], max = 3): string[] {
  const key = fieldKey(typed);
  const scored = [...new Set(candidates)]
    .map((name) => {
      const k = fieldKey(name);
      let d = editDistance(key, k);
      // A name inside the other (`state` in `customer_state`) is nearer than its edit distance says.
      if (key.length >= 3 && k.length >= 3 && (k.includes(key) || key.includes(k)))
        d = Math.min(d, Math.abs(k.length - key.length) / 4);
      return { name, d, k };
    })
    // About one slip in three letters: `regoin` finds `region`, `planet` does not find `channel`.
    .filter((s) => s.k.length > 0 && s.d <= Math.max(1, Math.floor(Math.max(key.length, s.k.length) / 3)));
  scored.sort((a, b) => a.d - b.d || a.name.localeCompare(b.name));
  return scored.slice(0, max).map((s) => s.name);
}

/** What {@link resolveName} needs besides the name. */
export interface ResolveOptions {
  /** File-name aliases, latest import first. */
  readonly aliases?: readonly FieldAlias[];
  /** What the names are, for the message: "customer trait or metric", "dimension" … */
  readonly what: string;
  /** The error code of the surface; CLT_ERR_FIELD_UNKNOWN when absent. */
  readonly code?: ErrorCode;
  /** Extra details for the error (e.g. the option that named it). */
  readonly details?: Record<string, unknown>;
}

/** The known name `typed` means; for an unknown name, a coded error suggesting the nearest known names. */
export function resolveName(typed: string, known: readonly string[], options: ResolveOptions): NameMatch {
  const found = matchName(typed, known, options.aliases);
  if (found) return found;
  const near = suggestions(typed, known, options.aliases ?? []);
  throw new ClienteleError(
    options.code ?? 'CLT_ERR_FIELD_UNKNOWN',
    unknownNameMessage(typed, known, options.aliases ?? [], options.what),
    { ...options.details, name: typed, suggestions: near },
    near.length
      ? phrase('error.unknownNameNear', { name: typed, near: near.map((n) => `'${n}'`).join(', ') })
      : phrase('error.unknownName', { name: typed }),
  );
}

/** The sentence for a name nothing matches: the nearest known names (or all of them when few), never a bare "unknown". */
export function unknownNameMessage(
  typed: string,
  known: readonly string[],
  aliases: readonly FieldAlias[],
  what: string,
): string {
  return `no ${what} named '${typed}'${nameHint(typed, known, aliases)}`;
}

/** `; did you mean 'a', 'b'?` with the nearest known names (a file's own names among them), or ''. */
export function didYouMean(
  typed: string,
  known: readonly string[],
  aliases: readonly FieldAlias[] = [],
): string {
  const near = suggestions(typed, known, aliases);
  return near.length ? `; did you mean ${near.map((n) => `'${n}'`).join(', ')}?` : '';
}

/** The end of such a sentence: {@link didYouMean}, or the known names when none is near. */
export function nameHint(
  typed: string,
  known: readonly string[],
  aliases: readonly FieldAlias[] = [],
): string {
  const near = didYouMean(typed, known, aliases);
  return near
    ? near
    : known.length <= 40
      ? `; known names: ${known.join(', ')}`
      : `; ${known.length} names are known (e.g. ${known.slice(0, 12).join(', ')} …)`;
}

// Aliases whose field is known here are offered under the file's name, as the person knows them.
function suggestions(typed: string, known: readonly string[], aliases: readonly FieldAlias[]): string[] {
  const usable = aliases.filter((a) => matchName(a.field, known) !== undefined).map((a) => a.alias);
  return nearestNames(typed, [...known, ...usable]);
}

// Levenshtein distance, two rows.
function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
