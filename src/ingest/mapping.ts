import { readFile } from 'node:fs/promises';
import { fieldKey, matchName, nearestNames, unknownNameMessage } from '../domain/fields.js';
import type { KindSpec } from '../domain/kinds.js';
import { normalizeHeader } from '../domain/kinds.js';
import { ClienteleError } from '../errors/index.js';
import { fieldPhrase } from '../i18n/field.js';
import { type Phrase, phrase } from '../i18n/phrase.js';
import { filledWhenAbsent } from './absent.js';

/** How a column came to be read: named in --map, same name, same name once case, separators and a common prefix are set aside, a header synonym, or kept as an extra trait. */
export type ColumnHow = 'map' | 'exact' | 'normalized' | 'synonym' | 'extra';

/** A field a column's name suggested but its values did not fit, and why. */
export interface RefusedField {
  readonly column: string;
  readonly field: string;
  /** Why, said in the reader's language (src/i18n/ingest.en.ts). */
  readonly reason: Phrase;
}

/** Which source column feeds which field, and which columns are kept as extra traits. */
export interface ColumnMapping {
  /** field name → source column name */
  readonly fields: Readonly<Record<string, string>>;
  /** source columns that match no field; kept as typed traits in `extra` */
  readonly extras: readonly string[];
  /** field → a second column that fills it where its own is empty (Segment's page `name` for `event`) */
  readonly fallbacks: Readonly<Record<string, string>>;
  /**
   * Fields matched by a synonym or once a prefix was set aside: a guess the importer takes back when the
   * column's values do not fit the field's type.
   */
  readonly guessed: readonly string[];
  /** source column → how it was matched (columns kept as extras are absent). */
  readonly how: Readonly<Record<string, ColumnHow>>;
  /** Guesses taken back, with the reason. */
  readonly refused: readonly RefusedField[];
}

/** One column of the file as the import read it (the summary's `columns`). */
export interface ColumnReading {
  readonly column: string;
  /** The field it fills; null for an extra trait (kept under its own name). */
  readonly field: string | null;
  readonly how: ColumnHow;
  /** Why a field its name suggested was refused (said in the reader's language by `importFile`). */
  readonly refused?: Phrase;
}

/** An explicit mapping as written in `--map`: field name → source column name (null ignores the field). */
export type ExplicitMap = Record<string, string | null>;

// Words exports put before a field's name (Olist's customer_state, product_category_name, order_purchase_timestamp).
const PREFIX = /^(customer|customers|cust|client|contact|user|order|orders|product|products|item)_(.+)$/;

// A column's names to compare: its header normalized, and the same without a common prefix.
function forms(column: string): { plain: string; stripped: string | undefined } {
  const normalized = normalizeHeader(column);
  const m = PREFIX.exec(normalized);
  return { plain: fieldKey(normalized), stripped: m ? fieldKey(m[2]!) : undefined };
}

/**
 * Maps source columns onto a kind's fields: the explicit map first, then a column of exactly the field's
 * name, then the same name ignoring case and separators (and then a common prefix such as `customer_`),
 * then a header synonym (likewise); whatever is left becomes an extra trait, never dropped.
 */
export function mapColumns(
  spec: KindSpec,
  columns: readonly string[],
  explicit: ExplicitMap = {},
): ColumnMapping {
  const fields: Record<string, string> = {};
  const how: Record<string, ColumnHow> = {};
  const used = new Set<string>();
  const ignored = new Set<string>();
  for (const [field, column] of resolveExplicit(spec, columns, explicit)) {
    if (column === null) {
      ignored.add(field);
      continue;
    }
    fields[field] = column;
    how[column] = 'map';
    used.add(column);
  }
  const names = new Map(columns.map((c) => [c, forms(c)]));
  const guessed: string[] = [];
  type Pass = { how: ColumnHow; stripped: boolean; synonyms: boolean };
  // Exact names win over synonyms, so that a file with both `customer_id` and `id` maps the former; a whole
  // name wins over one with its prefix set aside.
  const passes: Pass[] = [
    { how: 'exact', stripped: false, synonyms: false },
    { how: 'normalized', stripped: false, synonyms: false },
    { how: 'normalized', stripped: true, synonyms: false },
    { how: 'synonym', stripped: false, synonyms: true },
    { how: 'synonym', stripped: true, synonyms: true },
  ];
  for (const pass of passes) {
    for (const field of spec.fields) {
      if (fields[field.name] || ignored.has(field.name)) continue;
      let column: string | undefined;
      if (pass.how === 'exact') {
        column = columns.find((c) => !used.has(c) && c === field.name);
      } else {
        // Synonyms are tried in the order the spec lists them: `timestamp` beats `original_timestamp`
        // whatever order the file's columns come in.
        const wanted = pass.synonyms ? (field.synonyms ?? []) : [field.name];
        for (const name of wanted) {
          const key = fieldKey(name);
          column = columns.find((c) => {
            const f = names.get(c)!;
            return !used.has(c) && (pass.stripped ? f.stripped === key : f.plain === key);
          });
          if (column !== undefined) break;
        }
      }
      if (column !== undefined) {
        fields[field.name] = column;
        how[column] = pass.how;
        used.add(column);
        if (pass.how === 'synonym' || pass.stripped) guessed.push(field.name);
      }
    }
  }
  // A fallback column still lands in `extra` as itself; it only also fills the field's gaps.
  const fallbacks: Record<string, string> = {};
  for (const field of spec.fields) {
    if (!fields[field.name] || !field.fallbacks) continue;
    const keys = field.fallbacks.map(fieldKey);
    const column = columns.find((c) => !used.has(c) && keys.includes(names.get(c)!.plain));
    if (column !== undefined) fallbacks[field.name] = column;
  }
  return {
    fields,
    extras: columns.filter((c) => !used.has(c)),
    fallbacks,
    guessed,
    how,
    refused: [],
  };
}

// The explicit map with its field and column names settled: a field or column may be written in any case
// or with other separators; anything else is a usage error naming the entry, with the nearest names.
function resolveExplicit(
  spec: KindSpec,
  columns: readonly string[],
  explicit: ExplicitMap,
): [string, string | null][] {
  const fieldNames = spec.fields.map((f) => f.name);
  const out: [string, string | null][] = [];
  for (const [field, column] of Object.entries(explicit)) {
    const target = matchName(field, fieldNames);
    if (target === undefined) {
      // A map written the other way round (column → field) is the commonest slip.
      const reversed =
        typeof column === 'string' &&
        matchName(column, fieldNames) !== undefined &&
        matchName(field, columns);
      throw new ClienteleError(
        'CLT_ERR_IMPORT_BAD_MAPPING',
        reversed
          ? `map entry "${field}": "${column}" reads the wrong way round: a map goes field → column, so write {"${matchName(column!, fieldNames)!.name}": "${field}"}`
          : `map entry "${field}": ${unknownNameMessage(field, fieldNames, [], `field of ${spec.name}`)}`,
        { option: 'map', field, column },
      );
    }
    if (column === null) {
      out.push([target.name, null]);
      continue;
    }
    const found = matchName(column, columns);
    if (found === undefined) {
      throw new ClienteleError(
        'CLT_ERR_IMPORT_BAD_MAPPING',
        `map entry "${field}": "${column}": the file has no column '${column}'; ${
          nearestNames(column, columns).length
            ? `did you mean ${nearestNames(column, columns)
                .map((c) => `'${c}'`)
                .join(', ')}? `
            : ''
        }its columns are: ${columns.join(', ')}`,
        { option: 'map', field, column },
      );
    }
    out.push([target.name, found.name]);
  }
  return out;
}

/** The mapping without some guessed fields: their columns go back to being extra traits, with the reason. */
export function withoutFields(
  mapping: ColumnMapping,
  drop: readonly RefusedField[],
  columns: readonly string[],
): ColumnMapping {
  if (!drop.length) return mapping;
  const dropped = drop.map((d) => d.field);
  const fields = Object.fromEntries(Object.entries(mapping.fields).filter(([f]) => !dropped.includes(f)));
  const used = new Set(Object.values(fields));
  return {
    fields,
    extras: columns.filter((c) => !used.has(c)),
    fallbacks: Object.fromEntries(Object.entries(mapping.fallbacks).filter(([f]) => !dropped.includes(f))),
    guessed: mapping.guessed.filter((f) => !dropped.includes(f)),
    how: Object.fromEntries(Object.entries(mapping.how).filter(([c]) => used.has(c))),
    refused: [...mapping.refused, ...drop],
  };
}

/** Every column of the file in order, with the field it fills and how it was matched (the import summary's `columns`). */
export function columnReadings(mapping: ColumnMapping, columns: readonly string[]): ColumnReading[] {
  const fieldOf = new Map(Object.entries(mapping.fields).map(([f, c]) => [c, f]));
  return columns.map((column) => {
    const field = fieldOf.get(column);
    const refused = mapping.refused.find((r) => r.column === column);
    return {
      column,
      field: field ?? null,
      how: field === undefined ? 'extra' : (mapping.how[column] ?? 'exact'),
      ...(refused && {
        refused: phrase('import.refused', { field: fieldPhrase(refused.field), reason: refused.reason }),
      }),
    };
  });
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
      phrase('error.missingColumns', {
        file,
        n: missing.length,
        fields: missing.join(', '),
        kind: spec.name,
        columns: columns.join(', '),
      }),
    );
  }
  if (spec.requireAnyValue && !spec.requireAnyValue.some((f) => mapping.fields[f])) {
    throw new ClienteleError(
      'CLT_ERR_IMPORT_MISSING_COLUMN',
      `${file}: ${spec.name} need a column for one of ${spec.requireAnyValue.join(', ')}; ` +
        `the file's columns are: ${columns.join(', ')}${delimiterHint(columns)}`,
      { file, missing: [...spec.requireAnyValue], columns: [...columns] },
      phrase('error.missingAnyOf', {
        file,
        kind: spec.name,
        fields: spec.requireAnyValue.join(', '),
        columns: columns.join(', '),
      }),
    );
  }
  if (spec.requireOneOf && !declared.length && !spec.requireOneOf.some((f) => mapping.fields[f])) {
    throw new ClienteleError(
      'CLT_ERR_IMPORT_MISSING_COLUMN',
      `${file}: ${spec.name} need a column naming the customer (one of ${spec.requireOneOf.join(', ')}); ` +
        `the file's columns are: ${columns.join(', ')}${delimiterHint(columns)}`,
      { file, missing: [...spec.requireOneOf], columns: [...columns] },
      phrase('error.missingCustomer', {
        file,
        kind: spec.name,
        fields: spec.requireOneOf.join(', '),
        columns: columns.join(', '),
      }),
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
  return ` (one column whose name contains '${shown}': the file may use another delimiter; try delimiter '${shown}')`;
}

/** Parses the contents of a `map` (the CLI's `--map` file or inline JSON); an error names the option `map`. */
export function parseExplicitMap(text: string, file: string): ExplicitMap {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ClienteleError(
      'CLT_ERR_IMPORT_BAD_MAPPING',
      `${file}: not valid JSON (${(error as Error).message})`,
      { option: 'map', file },
    );
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ClienteleError(
      'CLT_ERR_IMPORT_BAD_MAPPING',
      `${file}: expected an object of field → column name`,
      { option: 'map', file },
    );
  }
  const out: ExplicitMap = {};
  for (const [k, v] of Object.entries(parsed)) {
    if (v !== null && typeof v !== 'string') {
      throw new ClienteleError(
        'CLT_ERR_IMPORT_BAD_MAPPING',
        `${file}: field '${k}' maps to ${JSON.stringify(v)}, not a column name`,
        { option: 'map', file, field: k },
      );
    }
    out[k] = v;
  }
  return out;
}

/**
 * The `--map` argument: inline JSON when it starts with `{` (or `[`, to say it is not an object), else the path of a JSON file. A file that
 * cannot be read, or text that is not an object of field → column name, is a usage error naming the entry.
 */
export async function readExplicitMap(arg: string): Promise<ExplicitMap> {
  const text = arg.trim();
  if (/^[[{]/.test(text)) return parseExplicitMap(text, 'map');
  let contents: string;
  try {
    contents = await readFile(arg, 'utf8');
  } catch (error) {
    throw new ClienteleError(
      'CLT_ERR_IMPORT_BAD_MAPPING',
      `map ${arg}: neither inline JSON (it does not start with '{') nor a readable file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      { option: 'map', file: arg },
    );
  }
  return parseExplicitMap(contents, arg);
}
