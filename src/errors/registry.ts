import type { Phrase } from '../i18n/phrase.js';
import { onSurface, type Surface } from './option.js';

/**
 * Every error code Clientele reports, with its HTTP status and what a person can do about it.
 * docs/errors.md lists the same codes; a test fails when the two differ.
 */
export const ERROR_CODES = {
  CLT_ERR_USAGE: {
    status: 400,
    exit: 2,
    hint: 'A command, option or field was used wrongly; the message says which.',
  },
  CLT_ERR_FIELD_UNKNOWN: {
    status: 400,
    exit: 2,
    hint: 'Name a field by its canonical name or by the column name it had in your file; the message lists the nearest known names.',
  },
  CLT_ERR_STORE_LOCKED: {
    status: 409,
    exit: 1,
    hint: 'Another process (usually `clientele serve`) holds the database file; stop it or go through its HTTP API.',
  },
  CLT_ERR_STORE_OPEN: {
    status: 500,
    exit: 1,
    hint: 'The database file could not be opened; check the path and permissions.',
  },
  CLT_ERR_STORE_MIGRATION: {
    status: 500,
    exit: 1,
    hint: 'The database schema is newer than this version of Clientele, or a migration failed.',
  },
  CLT_ERR_STORE_UNREACHABLE: {
    status: 503,
    exit: 1,
    hint: 'The PostgreSQL server named by --db or CLIENTELE_DB did not answer; start it, or correct the host and port.',
  },
  CLT_ERR_STORE_AUTH: {
    status: 500,
    exit: 1,
    hint: 'The PostgreSQL server refused the user or password in the connection string; correct them.',
  },
  CLT_ERR_STORE_URL: {
    status: 400,
    exit: 2,
    hint: 'A database location is a file path or postgres://user:password@host:port/database.',
  },
  CLT_ERR_STORE_ENGINE: {
    status: 501,
    exit: 1,
    hint: 'This command does not run on PostgreSQL yet (docs/scale.md lists what does); use a DuckDB file for it.',
  },
  CLT_ERR_COPY_NOT_EMPTY: {
    status: 409,
    exit: 1,
    hint: 'The database to copy into already holds rows; name an empty (new) database, or pass --replace to overwrite it.',
  },
  CLT_ERR_SCALE_ENGINE: {
    status: 400,
    exit: 2,
    hint: '`clientele scale init` shards a PostgreSQL database; copy a DuckDB file to PostgreSQL first (`clientele db copy --to postgres://…`).',
  },
  CLT_ERR_SCALE_WORKER_UNREACHABLE: {
    status: 503,
    exit: 1,
    hint: 'A worker named by --workers did not answer; start it, or correct its host and port. Nothing was changed.',
  },
  CLT_ERR_SCALE_WORKER_AUTH: {
    status: 500,
    exit: 1,
    hint: 'A worker named by --workers refused the user or password; correct them in its URL. Nothing was changed.',
  },
  CLT_ERR_SCALE_WORKER_LOST: {
    status: 503,
    exit: 1,
    hint: 'A worker of the sharded database could not be reached or went away during the statement; the statement was rolled back. Bring the worker back and run it again.',
  },
  CLT_ERR_SCALE_NOT_EMPTY: {
    status: 409,
    exit: 1,
    hint: '`clientele scale init` shards only an empty database (and empty worker databases); shard a new database, then `clientele db copy` the data into it.',
  },
  CLT_ERR_SCALE_ALREADY: {
    status: 409,
    exit: 1,
    hint: 'The database is already sharded over other workers; moving shards is not supported. Copy it into a new sharded database instead.',
  },
  CLT_ERR_SCALE_NOT_SHARDED: {
    status: 409,
    exit: 1,
    hint: '`clientele scale repair` works on a database sharded by `clientele scale init` (run `scale init` again with the same workers on one sharded before the commit ledger existed).',
  },
  CLT_ERR_SCALE_FDW: {
    status: 500,
    exit: 1,
    hint: "The coordinator's PostgreSQL has no postgres_fdw extension; install PostgreSQL's contrib package on it.",
  },
  CLT_ERR_COPY_SAME: {
    status: 400,
    exit: 2,
    hint: '`clientele db copy` needs two different databases; name the target with --to and the source with --from (or --db).',
  },
  CLT_ERR_COPY_SCHEMA: {
    status: 409,
    exit: 1,
    hint: 'The two databases have different schemas; open both with this version of Clientele (it migrates them) and copy again.',
  },
  CLT_ERR_COPY_COUNT: {
    status: 500,
    exit: 1,
    hint: 'A table reached the target with a different number of rows than the source holds; nothing was copied. Report it with the table named.',
  },
  CLT_ERR_COPY_ENCRYPTED: {
    status: 409,
    exit: 1,
    hint: 'The source database stores personal fields encrypted; copying it to another place is not supported yet (docs/scale.md).',
  },
  CLT_ERR_STORE_BUSY: {
    status: 503,
    exit: 1,
    hint: 'Every PostgreSQL connection of the pool was in use for longer than the wait allows; retry after the seconds in Retry-After, or raise the pool size (CLIENTELE_DB_POOL, docs/scale.md).',
  },
  CLT_ERR_STORE_MEMORY: {
    status: 503,
    exit: 1,
    hint: "The database engine needed more memory for this work than it may use. On DuckDB raise CLIENTELE_DB_MEMORY (or unset it: 80 % of the machine) or run the work when the machine is quieter; on PostgreSQL see the server's memory settings (docs/scale.md).",
  },
  CLT_ERR_STORE_CONFLICT: {
    status: 409,
    exit: 1,
    hint: 'Another change to the same rows was committed at the same moment, so nothing of this one was written; run it again.',
  },
  CLT_ERR_CONFIG_INVALID: {
    status: 400,
    exit: 2,
    hint: 'Name a setting `clientele config` lists and give it a value of its kind (see docs/definitions.md).',
  },
  CLT_ERR_IMPORT_FILE_NOT_FOUND: { status: 404, exit: 1, hint: 'Check the file path.' },
  CLT_ERR_IMPORT_EMPTY_FILE: { status: 400, exit: 1, hint: 'The file has no bytes; export it again.' },
  CLT_ERR_IMPORT_BINARY_FILE: {
    status: 400,
    exit: 1,
    hint: 'The file is not text, JSON Lines or Parquet; export it as CSV, TSV, JSON Lines or Parquet.',
  },
  CLT_ERR_IMPORT_UNKNOWN_KIND: {
    status: 400,
    exit: 2,
    hint: 'Use one of the kinds the message lists.',
  },
  CLT_ERR_IMPORT_MISSING_COLUMN: {
    status: 400,
    exit: 1,
    hint: 'Name the column with {--map}, or {--columns} for a file without a header.',
  },
  CLT_ERR_IMPORT_BAD_MAPPING: {
    status: 400,
    exit: 2,
    hint: 'Fix {--map}: a JSON object (inline or in a file) of field → column name, e.g. {"category": "product_category_name"}.',
  },
  CLT_ERR_IMPORT_BAD_OPTION: {
    status: 400,
    exit: 2,
    hint: 'Check the option’s value: the message names the option and what it accepts.',
  },
  CLT_ERR_IMPORT_UNREADABLE: {
    status: 400,
    exit: 1,
    hint: 'The file could not be parsed at all; check its format.',
  },
  CLT_ERR_GENERATE_BAD_OPTION: {
    status: 400,
    exit: 2,
    hint: 'Check the option’s value: the message names the option and what it accepts.',
  },
  CLT_ERR_MODEL_NO_DATA: {
    status: 422,
    exit: 1,
    hint: 'The model found too little data to fit (no purchases, no labelled customers, or too few rows); import more or widen the window.',
  },
  CLT_ERR_MODEL_BAD_OPTION: {
    status: 400,
    exit: 2,
    hint: 'Check the option’s value: the message names the option and what it accepts.',
  },
  CLT_ERR_MODEL_UNKNOWN_COLUMN: {
    status: 400,
    exit: 1,
    hint: 'Name a customer trait (a column or an imported extra) or a metric; the message names the nearest ones.',
  },
  CLT_ERR_MODEL_BAD_LABEL: {
    status: 400,
    exit: 1,
    hint: 'The label column must hold exactly two values; name the positive one with {--positive}.',
  },
  CLT_ERR_MODEL_TOO_FEW_REPEAT: {
    status: 422,
    exit: 1,
    hint: 'Too few customers bought again to fit a purchase or spend model (docs/modeling.md, "Warnings and refusals"); import a longer history, or use `model rfm` and `model value`, which need no repeat purchases.',
  },
  CLT_ERR_MODEL_FIT_FAILED: {
    status: 422,
    exit: 1,
    hint: 'The model could not be fitted on this data (collinear or separated columns, or a degenerate sample); drop the named column or add data.',
  },
  CLT_ERR_MINING_BAD_OPTION: {
    status: 400,
    exit: 2,
    hint: 'Check the option’s value (a measure, dimension, period, threshold or step list): the message names the option and what it accepts.',
  },
  CLT_ERR_MINING_UNKNOWN_CUSTOMER: {
    status: 404,
    exit: 1,
    hint: 'No order or order line names this customer id; check it with `clientele status` or import their orders.',
  },
  CLT_ERR_PROFILE_NOT_FOUND: {
    status: 404,
    exit: 1,
    hint: 'Check the identifier, or run `clientele identity resolve` after importing.',
  },
  CLT_ERR_PROFILE_TIMELINE_CURSOR: {
    status: 400,
    exit: 2,
    hint: 'Pass back the `next` cursor of the previous timeline page unchanged, or leave `before` out for the newest page.',
  },
  CLT_ERR_PRIVACY_KEY_INVALID: {
    status: 400,
    exit: 1,
    hint: 'CLIENTELE_KEY (or the key file) must hold 64 hexadecimal characters (32 bytes); `clientele init --encrypt` makes one.',
  },
  CLT_ERR_PRIVACY_KEY_MISSING: {
    status: 409,
    exit: 1,
    hint: 'This database needs its instance key: set CLIENTELE_KEY, or put the key file (DB.key) back beside the database.',
  },
  CLT_ERR_PRIVACY_KEY_MISMATCH: {
    status: 409,
    exit: 1,
    hint: 'The key given is not the one this database was used with; set CLIENTELE_KEY to the right key or restore its key file.',
  },
  CLT_ERR_PRIVACY_ENCRYPTED_NO_KEY: {
    status: 409,
    exit: 1,
    hint: 'This database stores personal fields encrypted: set CLIENTELE_KEY to its key (64 hex characters), or put its key file (DB.key) back beside it.',
  },
  CLT_ERR_PRIVACY_ENCRYPT_NOT_EMPTY: {
    status: 409,
    exit: 2,
    hint: 'Encryption can only be turned on before the first import: run `clientele init --encrypt --db NEW.duckdb` and import the files again.',
  },
  CLT_ERR_PRIVACY_DECRYPT: {
    status: 500,
    exit: 1,
    hint: 'A stored personal value does not decrypt under this key: the key or the file was changed. Restore the right key or the file from a backup.',
  },
  CLT_ERR_PRIVACY_ENCRYPTED_FIELD: {
    status: 400,
    exit: 2,
    hint: 'This field is stored encrypted, so the engine cannot compare it: only exact equality on email or phone (through the blind index) works. Filter on another field.',
  },
  CLT_ERR_PRIVACY_PURPOSE: {
    status: 400,
    exit: 2,
    hint: 'Name a consent purpose: email, sms, push, ads or profiling.',
  },
  CLT_ERR_API_NOT_FOUND: {
    status: 404,
    exit: 1,
    hint: 'No such route or method: the API documentation at /docs lists every route.',
  },
  CLT_ERR_API_UNAUTHORIZED: {
    status: 401,
    exit: 1,
    hint: 'Send the write key as the HTTP Basic user name (empty password); create one with `clientele keys create --name NAME`.',
  },
  CLT_ERR_API_FORBIDDEN: {
    status: 403,
    exit: 1,
    hint: 'Send `Authorization: Bearer <token>` (a user API token from `clientele users create`/`tokens create`, or the admin token `clientele serve` writes beside the database file), or sign in to the web app.',
  },
  CLT_ERR_API_BAD_JSON: {
    status: 400,
    exit: 1,
    hint: 'Send one JSON object (an event, or {"batch": [...]}) as the body, plain or gzip-encoded.',
  },
  CLT_ERR_API_INVALID_EVENT: {
    status: 400,
    exit: 1,
    hint: 'Fix the named events (Segment spec: type, userId or anonymousId, ISO 8601 timestamp, objects for properties, traits and context); the others were stored.',
  },
  CLT_ERR_API_EVENT_TOO_LARGE: {
    status: 413,
    exit: 1,
    hint: 'One event may be at most 32 KB of JSON; move bulky values out of properties and context.',
  },
  CLT_ERR_API_BATCH_TOO_LARGE: {
    status: 413,
    exit: 1,
    hint: 'A request may be at most 500 KB of JSON once decompressed; send smaller batches.',
  },
  CLT_ERR_API_UNSUPPORTED_ENCODING: {
    status: 415,
    exit: 1,
    hint: 'Send the body as identity or gzip (Content-Encoding: gzip).',
  },
  CLT_ERR_API_OVERLOADED: {
    status: 429,
    exit: 1,
    hint: 'The write queue is full; retry after the number of seconds in Retry-After.',
  },
  CLT_ERR_API_RATE_LIMITED: {
    status: 429,
    exit: 1,
    hint: 'Too many requests from one address to a public route; retry after the seconds in Retry-After.',
  },
  CLT_ERR_TRACKING_LINK_INVALID: {
    status: 400,
    exit: 1,
    hint: 'The tracked link was altered or is not one the message held; open the link from the e-mail as it was sent.',
  },
  CLT_ERR_API_WRITE_FAILED: {
    status: 503,
    exit: 1,
    hint: 'The events could not be committed to the database and were not stored; retry later and check the server log.',
  },
  CLT_ERR_API_TIMEOUT: {
    status: 408,
    exit: 1,
    hint: 'Send the whole request within the server’s request timeout (15 s by default).',
  },
  CLT_ERR_API_KEY_NAME: {
    status: 400,
    exit: 2,
    hint: 'A key name is 1–64 letters, digits, dots, dashes or underscores, and unique.',
  },
  CLT_ERR_API_SERVER_UNREACHABLE: {
    status: 503,
    exit: 1,
    hint: 'The database is held by a `clientele serve` that does not answer; stop it or check its host and port.',
  },
  CLT_ERR_API_SCOPE: {
    status: 403,
    exit: 1,
    hint: 'Your role or token lacks the scope this route needs (docs/security.md lists them); ask an admin for a token with that scope.',
  },
  CLT_ERR_API_SIGN_IN: {
    status: 401,
    exit: 1,
    hint: 'Check the user name and password (or the admin token); an admin can reset it with `clientele users reset NAME`.',
  },
  CLT_ERR_API_SIGN_IN_THROTTLED: {
    status: 429,
    exit: 1,
    hint: 'Too many failed sign-ins: wait the seconds in Retry-After (the wait doubles with each further failure, up to 15 minutes).',
  },
  CLT_ERR_API_KEY_NOT_FOUND: {
    status: 404,
    exit: 1,
    hint: '`clientele keys list` shows the write keys in use.',
  },
  CLT_ERR_USER_NAME: {
    status: 400,
    exit: 2,
    hint: 'A user name is 1–64 letters, digits, dots, dashes, @ or underscores, and unique.',
  },
  CLT_ERR_USER_NOT_FOUND: {
    status: 404,
    exit: 1,
    hint: '`clientele users list` shows the users.',
  },
  CLT_ERR_USER_ROLE: {
    status: 400,
    exit: 2,
    hint: 'Use one of the roles admin, analyst, marketer or viewer (docs/security.md says what each may do).',
  },
  CLT_ERR_USER_PASSWORD: {
    status: 400,
    exit: 2,
    hint: 'Give a password of at least 12 characters as {--password}; the command line also reads it from stdin or asks for it.',
  },
  CLT_ERR_TOKEN_SCOPE: {
    status: 400,
    exit: 2,
    hint: "Name scopes from read, write, export, admin, pii that the user's role has.",
  },
  CLT_ERR_TOKEN_NOT_FOUND: {
    status: 404,
    exit: 1,
    hint: '`clientele tokens list` shows the tokens and their ids.',
  },
  CLT_ERR_QUERY_TIMEOUT: {
    status: 503,
    exit: 1,
    hint: 'The request ran past its deadline and its query was cancelled (nothing was changed); narrow it (a shorter period, fewer conditions, one segment) or retry when the server is less busy.',
  },
  CLT_ERR_QUERY_INTEGER_RANGE: {
    status: 500,
    exit: 1,
    hint: 'A query returned an integer beyond ±2^53, which JavaScript cannot hold exactly; cast the column to DOUBLE or VARCHAR in the query (or keep ids below 2^53), then run it again.',
  },
  CLT_ERR_QUERY_CANCELLED: {
    status: 503,
    exit: 1,
    hint: 'The work was cancelled because its client went away or the server is stopping; nothing was changed. Send it again.',
  },
  CLT_ERR_MODEL_RUN_NOT_FOUND: {
    status: 404,
    exit: 1,
    hint: 'GET /v1/models/runs (or `clientele model runs`) lists them.',
  },
  CLT_ERR_TEXT_SOURCE: {
    status: 400,
    exit: 2,
    hint: 'Name a source of text: feedback, notes, social, messages or all (docs/text.md).',
  },
  CLT_ERR_TEXT_LANGUAGE: {
    status: 400,
    exit: 2,
    hint: 'Name a language as auto, en, pl, de, fr, es, it, pt or nl (docs/text.md).',
  },
  CLT_ERR_TEXT_FORMAT: {
    status: 400,
    exit: 2,
    hint: 'Word clouds are drawn as svg ({--format} svg); a PNG needs a rasteriser this build does not ship.',
  },
  CLT_ERR_TEXT_NO_DOCUMENTS: {
    status: 404,
    exit: 1,
    hint: 'No document with text matched: import feedback, notes or social posts, or loosen {--where}, {--segment} or {--source}.',
  },
  CLT_ERR_SWOT_NOT_FOUND: {
    status: 404,
    exit: 1,
    hint: '`clientele swot list` shows the saved drafts; `clientele swot` drafts one.',
  },
  CLT_ERR_SEGMENT_SYNTAX: {
    status: 400,
    exit: 2,
    hint: 'Fix the expression at the column named; docs/segments.md shows the forms.',
  },
  CLT_ERR_SEGMENT_INVALID: {
    status: 400,
    exit: 2,
    hint: 'Name fields that profiles have (the message names the nearest) with values of their type.',
  },
  CLT_ERR_SEGMENT_TOO_COMPLEX: {
    status: 400,
    exit: 2,
    hint: 'The rule is over a limit named in the message (nesting, conditions, event conditions, list values, counts or days); split it into saved segments or simplify it (docs/segments.md, Limits).',
  },
  CLT_ERR_SEGMENT_NOT_FOUND: {
    status: 404,
    exit: 1,
    hint: '`clientele segment list` shows the saved segments.',
  },
  CLT_ERR_CLUSTER_UNKNOWN_FEATURE: {
    status: 400,
    exit: 1,
    hint: 'Name profile columns (orders, revenue, age …), traits or model scores (clv, churn_risk …); see docs/clustering.md.',
  },
  CLT_ERR_CLUSTER_NO_DATA: {
    status: 400,
    exit: 1,
    hint: 'Too few profiles, or a feature without a value in any profile: import data, resolve identities, or name other features.',
  },
  CLT_ERR_PERSONA_NO_SEGMENTS: {
    status: 404,
    exit: 1,
    hint: 'Run `clientele cluster` first, or name segments with {--segments} PREFIX (`clientele segment list` shows them).',
  },
  CLT_ERR_REPORT_BROWSER: {
    status: 503,
    exit: 1,
    hint: 'A PDF is printed by Chromium: install it on the machine that runs Clientele (apt-get install chromium) or set CHROMIUM_PATH; meanwhile take the HTML report (--out report.html, or GET /v1/report.html) and print it from a browser.',
  },
  CLT_ERR_REPORT_FORMAT: {
    status: 400,
    exit: 2,
    hint: 'Name the file with .html or .pdf, e.g. clientele report --out report.pdf.',
  },
  CLT_ERR_PERSONA_EDIT: {
    status: 400,
    exit: 1,
    hint: 'Edit name, summary, notes or one of the fields listed in docs/personas.md, with a value of its type.',
  },
  CLT_ERR_PERSONA_PLAYBOOK: {
    status: 400,
    exit: 1,
    hint: 'A playbook is a JSON array of {"name", "when": [{"figure", "op", "value"}], "action", "effect"}; see docs/personas.md.',
  },
  CLT_ERR_AUDIT_BAD_OPTION: {
    status: 400,
    exit: 2,
    hint: 'Name a kind that was imported (`clientele status` lists them) and a {--stale-after} such as 18m (months), 90d or 2y.',
  },
  CLT_ERR_AUDIT_UNKNOWN_SOURCE: {
    status: 404,
    exit: 1,
    hint: 'Name a source as the data map shows it: an imported file (its name or path) or an event write key name.',
  },
  CLT_ERR_DEDUPE_BAD_OPTION: {
    status: 400,
    exit: 2,
    hint: 'Give {--threshold} and {--auto-accept} as probabilities between 0 and 1.',
  },
  CLT_ERR_DEDUPE_UNKNOWN_RECORD: {
    status: 404,
    exit: 1,
    hint: 'Name both people by a customer id of their records (`clientele dedupe --json` lists the pairs); the two must differ.',
  },
  CLT_ERR_MAP_BAD_FORMAT: {
    status: 400,
    exit: 2,
    hint: 'Choose {--format} json, svg or html.',
  },
  CLT_ERR_SCHEDULE_BAD_TASK: {
    status: 400,
    exit: 2,
    hint: 'Schedule one of: resolve, segments, audit, or a model (model:rfm, model:clv, model:churn, model:value); see docs/housekeeping.md.',
  },
  CLT_ERR_SCHEDULE_BAD_INTERVAL: {
    status: 400,
    exit: 2,
    hint: 'Give {--every} as a duration of at least one minute, such as 15m, 6h, 1d or 90s.',
  },
  CLT_ERR_SCHEDULE_NOT_FOUND: {
    status: 404,
    exit: 1,
    hint: '`clientele schedule list` shows the scheduled tasks.',
  },
  CLT_ERR_DRIFT_NO_RUNS: {
    status: 404,
    exit: 1,
    hint: 'Drift compares two runs of a model with recorded distributions: run the model twice (`clientele model churn`, …).',
  },
  CLT_ERR_INTERNAL: {
    status: 500,
    exit: 1,
    hint: 'A bug: run again with --debug and report the stack trace.',
  },
  CLT_ERR_OUTBOX_URL: {
    status: 400,
    exit: 2,
    hint: 'Give an http:// or https:// URL with a host; other schemes (file:, ftp:, javascript:) are refused.',
  },
  CLT_ERR_ACTIVATION_NOT_FOUND: {
    status: 404,
    exit: 1,
    hint: 'The destination, audience, alert, campaign or experiment named does not exist; its `list` command shows those that do.',
  },
  CLT_ERR_ACTIVATION_EXISTS: {
    status: 409,
    exit: 1,
    hint: 'A destination, audience, alert, campaign or experiment of that name exists; delete it first or pick another name.',
  },
  CLT_ERR_ACTIVATION_INVALID: {
    status: 400,
    exit: 2,
    hint: 'An option of the activation command is missing or out of range; the message names it (see docs/activation.md).',
  },
  CLT_ERR_CAMPAIGN_TEMPLATE: {
    status: 400,
    exit: 1,
    hint: 'The Liquid template does not parse or the file cannot be read; the message gives the line (liquidjs syntax, docs/activation.md).',
  },
  CLT_ERR_CAMPAIGN_SMTP: {
    status: 502,
    exit: 1,
    hint: 'The SMTP server could not be reached or refused the message; check {--smtp} smtp://host:port and that the server runs.',
  },
  CLT_ERR_JOURNEY_FILE: {
    status: 400,
    exit: 2,
    hint: 'The journey file could not be read or is not JSON; check the path and the JSON syntax (docs/journeys.md).',
  },
  CLT_ERR_JOURNEY_INVALID: {
    status: 400,
    exit: 2,
    hint: 'The journey does not match its schema; the message gives the JSON path of the first problem (docs/journeys.md).',
  },
  CLT_ERR_JOURNEY_CYCLE: {
    status: 400,
    exit: 2,
    hint: 'The steps lead back to a step already taken; the message names the loop and the JSON path of the arrow that closes it. End the loop with an exit, or let the re-entry rule bring people back.',
  },
  CLT_ERR_JOURNEY_REFERENCE: {
    status: 400,
    exit: 2,
    hint: 'The journey names a segment, destination, campaign (template), experiment, variant, step or field that does not exist; create it first or fix the name at the JSON path given.',
  },
} as const;

/** One of the codes in the registry. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** An expected failure with a code from the registry and a message that says what was wrong and where. */
export class ClienteleError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  /**
   * The message as a catalogue phrase, so that it can be said in the reader's language with its names and
   * values (a Polish answer's `details.detail`); absent where the code that failed gives none yet.
   */
  readonly said: Phrase | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>, said?: Phrase) {
    super(message);
    this.name = 'ClienteleError';
    this.code = code;
    this.details = details;
    this.said = said;
  }

  /** The HTTP status this error answers with. */
  get status(): number {
    return ERROR_CODES[this.code].status;
  }

  /** The process exit code a command ends with for this error. */
  get exitCode(): number {
    return ERROR_CODES[this.code].exit;
  }

  /** What a person can do about it, as the command line reads it (its options as flags). */
  get hint(): string {
    return onSurface(ERROR_CODES[this.code].hint, 'cli');
  }

  /** The error as JSON for `surface`: the hint names options as flags on the command line, else as the API does. */
  // JSON.stringify calls toJSON with the property's key: anything but 'api' is the command line's spelling.
  toJSON(surface?: Surface | string): Record<string, unknown> {
    return {
      code: this.code,
      message: this.message,
      hint: onSurface(ERROR_CODES[this.code].hint, surface === 'api' ? 'api' : 'cli'),
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

/** Marks a switch arm that must never be reached, so that adding a union member fails to compile. */
export function assertUnreachable(x: never): never {
  throw new Error(`unreachable: ${JSON.stringify(x)}`);
}
