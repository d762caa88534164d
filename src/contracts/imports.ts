import { type Static, Type } from '@sinclair/typebox';
import { KIND_NAMES } from '../domain/kinds.js';
import { Nullable, Obj, OneOf } from './shared.js';

// `POST /v1/imports` (the body is the file) and `GET /v1/rejects`, as `clientele import` and `clientele rejects`.

const N = Type.Number();
const S = Type.String();
const SN = Nullable(Type.String());

/** `POST /v1/imports`: how to read the file in the body (the CLI's `import` options). */
export const ImportQuery = Type.Object({
  kind: OneOf(KIND_NAMES, { description: 'What the rows are (the CLI’s --as)' }),
  name: Type.String({
    default: 'upload.csv',
    description: 'The file’s name; its extension helps detect the format',
  }),
  columns: Type.Optional(
    Type.String({ description: 'Comma-separated column names for a file without a header' }),
  ),
  delimiter: Type.Optional(Type.String()),
  map: Type.Optional(
    Type.String({
      description:
        'Field → column name as inline JSON, e.g. {"category":"product_category_name"} (the CLI’s --map); overrides the automatic mapping',
    }),
  ),
  dateFormat: Type.Optional(Type.String()),
  format: Type.Optional(OneOf(['csv', 'jsonl', 'parquet'])),
  priority: Type.Optional(OneOf(['normal', 'low'])),
  identifier: Type.Optional(
    Type.String({
      description:
        'Comma-separated columns that identify the person (the CLI’s --identifier), kept for every later resolve',
    }),
  ),
});

/** `GET /v1/rejects`. */
export const RejectsQuery = Type.Object({
  importId: Type.Optional(Type.Integer({ minimum: 1 })),
  limit: Type.Integer({ minimum: 1, maximum: 10_000, default: 100 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
});

/** How the importer read one column of the file. */
export const ColumnReading = Obj({
  column: S,
  field: SN,
  how: OneOf(['map', 'exact', 'normalized', 'synonym', 'extra'], {
    description: 'How the column was matched',
  }),
  refused: Type.Optional(S),
});

/** What an import did (`clientele import --json`). */
export const ImportSummary = Obj({
  importId: N,
  file: S,
  kind: OneOf(KIND_NAMES),
  format: S,
  read: N,
  accepted: N,
  rejected: N,
  duplicates: N,
  updated: N,
  suppressed: N,
  seconds: N,
  rejectReasons: Type.Record(Type.String(), N),
  mapping: Type.Record(Type.String(), S),
  extras: Type.Array(S),
  columns: Type.Array(ColumnReading),
  warnings: Type.Array(S),
  notes: Type.Array(
    Obj(
      { text: S, columns: Type.Array(S) },
      {
        description: 'A reading of `warnings` with the file column names it mentions, as written in the file',
      },
    ),
  ),
  identifiers: Type.Array(S),
  seenBefore: Type.Boolean(),
});

/** A row the importer kept aside, with where it was and why. */
export const RejectRow = Obj({
  importId: N,
  kind: S,
  file: S,
  row: Nullable(N),
  line: Nullable(N),
  column: SN,
  field: SN,
  reasonCode: S,
  reason: S,
  raw: SN,
  rejectedAt: S,
});

/** `GET /v1/rejects`. */
export const RejectList = Obj({ total: N, rows: Type.Array(RejectRow) });

export type ImportSummary = Static<typeof ImportSummary>;
export type RejectRow = Static<typeof RejectRow>;
