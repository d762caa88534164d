import type { KindSpec } from '../domain/kinds.js';
import { normalizeHeader } from '../domain/kinds.js';
import { ClienteleError } from '../errors/index.js';
import { filledWhenAbsent } from './absent.js';

/** Which source column feeds which field, and which columns are kept as extra traits. */
export interface ColumnMapping {
  /** field name → source column name */
  readonly fields: Readonly<Record<string, string>>;
  /** source columns that match no field; kept as typed traits in `extra` */
  readonly extras: readonly string[];
  /** field → a second column that fills it where its own is empty (Segment's page `name` for `event`) */
  readonly fallbacks: Readonly<Record<string, string>>;
  /** Fields matched only by a header synonym: a guess the importer may take back if the values disagree. */
  readonly guessed: readonly string[];
}

/** An explicit mapping as written in a `--map FILE.json`: field name → source column name (null ignores the field). */
export type ExplicitMap = Record<string, string | null>;

/**
 * Maps source columns onto a kind's fields: the explicit map first, then an exact field name,
 * then a header synonym; whatever is left becomes an extra trait, never dropped.
 */
export function mapColumns(
  spec: KindSpec,
  columns: readonly string[],
  explicit: ExplicitMap = {},
): ColumnMapping {
  const fieldNames = new Set(spec.fields.map((f) => f.name));
  const fields: Record<string, string> = {};
  const used = new Set<string>();
  const ignored = new Set<string>();
  for (const [field, column] of Object.entries(explicit)) {
    if (!fieldNames.has(field)) {
      throw new ClienteleError(
        'CLT_ERR_IMPORT_BAD_MAPPING',
        `the mapping names field '${field}', which ${spec.name} does not have; fields are: ${[...fieldNames].join(', ')}`,
        { field },
      );
    }
    if (column === null) {
      ignored.add(field);
      continue;
    }
    if (!columns.includes(column)) {
      throw new ClienteleError(
        'CLT_ERR_IMPORT_BAD_MAPPING',
        `the mapping sends column '${column}' to field '${field}', but the file has no such column; its columns are: ${columns.join(', ')}`,
        { field, column },
      );
    }
    fields[field] = column;
    used.add(column);
  }
  const normalized = new Map(columns.map((c) => [c, normalizeHeader(c)]));
  const guessed: string[] = [];
  // Exact names win over synonyms, so that a file with both `customer_id` and `id` maps the former.
  for (const pass of ['exact', 'synonym'] as const) {
    for (const field of spec.fields) {
      if (fields[field.name] || ignored.has(field.name)) continue;
      // Synonyms are tried in the order the spec lists them: `timestamp` beats `original_timestamp`
      // whatever order the file's columns come in.
      const wanted = pass === 'exact' ? [field.name] : (field.synonyms ?? []);
      let column: string | undefined;
      for (const name of wanted) {
        column = columns.find((c) => !used.has(c) && normalized.get(c) === name);
        if (column !== undefined) break;
      }
      if (column !== undefined) {
        fields[field.name] = column;
        used.add(column);
        if (pass === 'synonym') guessed.push(field.name);
      }
    }
  }
  // A fallback column still lands in `extra` as itself; it only also fills the field's gaps.
  const fallbacks: Record<string, string> = {};
  for (const field of spec.fields) {
    if (!fields[field.name] || !field.fallbacks) continue;
    const column = columns.find((c) => !used.has(c) && field.fallbacks!.includes(normalized.get(c)!));
    if (column !== undefined) fallbacks[field.name] = column;
  }
  return { fields, extras: columns.filter((c) => !used.has(c)), fallbacks, guessed };
}

/** The mapping without some guessed fields: their columns go back to being extra traits. */
export function withoutFields(
  mapping: ColumnMapping,
  drop: readonly string[],
  columns: readonly string[],
): ColumnMapping {
  if (!drop.length) return mapping;
  const fields = Object.fromEntries(Object.entries(mapping.fields).filter(([f]) => !drop.includes(f)));
  const used = new Set(Object.values(fields));
  return {
    fields,
    extras: columns.filter((c) => !used.has(c)),
    fallbacks: Object.fromEntries(Object.entries(mapping.fallbacks).filter(([f]) => !drop.includes(f))),
    guessed: mapping.guessed.filter((f) => !drop.includes(f)),
  };
}

/** Fails before anything is written when a required field has no column, or no identifier column exists at all. */
export function checkRequiredColumns(
  spec: KindSpec,
  mapping: ColumnMapping,
  file: string,
  columns: readonly string[],
  /** Columns declared identifiers of the person (`--identifier`): they name the customer too. */
  declared: readonly string[] = [],
): void {
  const missing = spec.fields
    .filter((f) => f.required && !mapping.fields[f.name] && !filledWhenAbsent(f, mapping))
    .map((f) => f.name);
  if (missing.length) {
    throw new ClienteleError(
      'CLT_ERR_IMPORT_MISSING_COLUMN',
      `${file}: no column for required field${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ${spec.name}; ` +
        `the file's columns are: ${columns.join(', ')}${delimiterHint(columns)}`,
      { file, missing, columns: [...columns] },
    );
  }
  if (spec.requireAnyValue && !spec.requireAnyValue.some((f) => mapping.fields[f])) {
    throw new ClienteleError(
      'CLT_ERR_IMPORT_MISSING_COLUMN',
      `${file}: ${spec.name} need a column for one of ${spec.requireAnyValue.join(', ')}; ` +
        `the file's columns are: ${columns.join(', ')}${delimiterHint(columns)}`,
      { file, missing: [...spec.requireAnyValue], columns: [...columns] },
    );
  }
  if (spec.requireOneOf && !declared.length && !spec.requireOneOf.some((f) => mapping.fields[f])) {
    throw new ClienteleError(
      'CLT_ERR_IMPORT_MISSING_COLUMN',
      `${file}: ${spec.name} need a column naming the customer (one of ${spec.requireOneOf.join(', ')}); ` +
        `the file's columns are: ${columns.join(', ')}${delimiterHint(columns)}`,
      { file, missing: [...spec.requireOneOf], columns: [...columns] },
    );
  }
}

// A single column whose name holds another delimiter usually means the file was read with the wrong one.
function delimiterHint(columns: readonly string[]): string {
  if (columns.length !== 1) return '';
  const name = columns[0]!;
  const found = [';', '\t', '|', ','].find((d) => name.includes(d));
  if (!found) return '';
  const shown = found === '\t' ? '\\t' : found;
  return ` (one column whose name contains '${shown}': the file may use another delimiter; try --delimiter '${shown}')`;
}

/** Parses the contents of a `--map` file. */
export function parseExplicitMap(text: string, file: string): ExplicitMap {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ClienteleError(
      'CLT_ERR_IMPORT_BAD_MAPPING',
      `${file}: not valid JSON (${(error as Error).message})`,
      { file },
    );
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ClienteleError(
      'CLT_ERR_IMPORT_BAD_MAPPING',
      `${file}: expected an object of field → column name`,
      { file },
    );
  }
  const out: ExplicitMap = {};
  for (const [k, v] of Object.entries(parsed)) {
    if (v !== null && typeof v !== 'string') {
      throw new ClienteleError(
        'CLT_ERR_IMPORT_BAD_MAPPING',
        `${file}: field '${k}' maps to ${JSON.stringify(v)}, not a column name`,
        {
          file,
          field: k,
        },
      );
    }
    out[k] = v;
  }
  return out;
}
