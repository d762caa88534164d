import { randomUUID } from 'node:crypto';
import type { EventLimits } from './limits.js';
import { EVENT_TYPES, type EventType } from './segment.js';
import { parseTimestamp } from './timestamp.js';
import { checkValue, cut, toWellFormed } from './values.js';

/** The columns of `events` an API event's line fills, with the type DuckDB reads each as (row_hash and source_row are the writer's). */
export const EVENT_COLUMNS = {
  message_id: 'VARCHAR',
  type: 'VARCHAR',
  event: 'VARCHAR',
  user_id: 'VARCHAR',
  anonymous_id: 'VARCHAR',
  email: 'VARCHAR',
  phone: 'VARCHAR',
  group_id: 'VARCHAR',
  previous_id: 'VARCHAR',
  ts: 'TIMESTAMPTZ',
  properties: 'JSON',
  traits: 'JSON',
  context: 'JSON',
  channel: 'VARCHAR',
  device_type: 'VARCHAR',
  os: 'VARCHAR',
  browser: 'VARCHAR',
  locale: 'VARCHAR',
  ip: 'VARCHAR',
  country: 'VARCHAR',
  city: 'VARCHAR',
  page_url: 'VARCHAR',
  referrer: 'VARCHAR',
  utm_source: 'VARCHAR',
  utm_medium: 'VARCHAR',
  utm_campaign: 'VARCHAR',
  row_key: 'VARCHAR',
  import_id: 'BIGINT',
  extra: 'JSON',
} as const;

/** A timestamp kept as sent but marked: far in the future, or before 2000. */
export type TimestampFlag = 'timestamp_in_future' | 'timestamp_before_2000';

/** Reason codes of rejected events (the `reason_code` of their `rejects` row). */
export type EventRejectCode =
  | 'not_an_object'
  | 'wrong_type'
  | 'unknown_type'
  | 'missing_identifier'
  | 'missing_required'
  | 'bad_date'
  | 'event_too_large'
  | 'malformed_unicode'
  | 'too_deep'
  | 'too_many_values'
  | 'number_out_of_range'
  // Valid by every check above, yet refused by the engine when stored (the writer sets it aside).
  | 'unstorable'
  // An erased person's event (src/privacy), dropped.
  | 'suppressed'
  // Whole bodies, stored as one reject each: not JSON, or over the batch limit.
  | 'bad_json'
  | 'batch_too_large';

/** The columns an EventRow fills, in EVENT_COLUMNS order (import_id, source_row and row_hash are the writer's). */
export const EVENT_ROW_COLUMNS = Object.keys(EVENT_COLUMNS).filter(
  (c) => c !== 'import_id',
) as readonly (keyof EventRow)[];

/**
 * An API event's `events` row, column by column: text columns as text, `ts` as ISO 8601 text (milliseconds,
 * UTC) with its epoch milliseconds beside it, and the JSON columns as JSON text, so that the writer hands
 * the values to the engine as they are (DuckDB's appender) instead of one JSON line it must parse again.
 */
export interface EventRow {
  readonly message_id: string;
  readonly type: string;
  readonly event: string | null;
  readonly user_id: string | null;
  readonly anonymous_id: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly group_id: string | null;
  readonly previous_id: string | null;
  readonly ts: string;
  /** `ts` as epoch milliseconds (an integer). */
  readonly tsMs: number;
  readonly properties: string | null;
  readonly traits: string | null;
  readonly context: string | null;
  readonly channel: string | null;
  readonly device_type: string | null;
  readonly os: string | null;
  readonly browser: string | null;
  readonly locale: string | null;
  readonly ip: string | null;
  readonly country: string | null;
  readonly city: string | null;
  readonly page_url: string | null;
  readonly referrer: string | null;
  readonly utm_source: string | null;
  readonly utm_medium: string | null;
  readonly utm_campaign: string | null;
  readonly row_key: string;
  readonly extra: string | null;
}

/** An event ready for the writer: its `events` row, and what the writer needs to know. */
export interface NormalizedEvent {
  readonly ok: true;
  readonly messageId: string;
  readonly row: EventRow;
  /**
   * The row as one JSON object keyed by the EVENT_COLUMNS names (import_id is added by the writer), made
   * when asked for (PostgreSQL's batch parameter, the erasure check, field encryption).
   */
  readonly line: string;
  readonly flag: TimestampFlag | undefined;
}

class Normalized implements NormalizedEvent {
  readonly ok = true as const;
  constructor(
    readonly messageId: string,
    readonly row: EventRow,
    readonly flag: TimestampFlag | undefined,
  ) {}

  get line(): string {
    return eventLine(this.row);
  }
}

/** The event `row` as one JSON line keyed by column (PostgreSQL's batch parameter). */
export function eventLine(row: EventRow): string {
  let out = '{';
  for (let i = 0; i < EVENT_ROW_COLUMNS.length; i++) {
    const c = EVENT_ROW_COLUMNS[i]!;
    const v = row[c];
    const json = c === 'properties' || c === 'traits' || c === 'context' || c === 'extra';
    out += `${i ? ',' : ''}"${c}":${v === null ? 'null' : json ? v : JSON.stringify(v)}`;
  }
  return `${out}}`;
}

/** An event refused, with the field and a sentence naming what was wrong. */
export interface RejectedEvent {
  readonly ok: false;
  readonly messageId: string | null;
  readonly code: EventRejectCode;
  readonly field: string | null;
  readonly reason: string;
  /** The event as received, as JSON (cut to the event size limit); null when nothing of it is kept. */
  readonly raw: string | null;
}

/**
 * `event` with its row replaced by `line`, an eventLine parsed and changed (sealed by field encryption);
 * `ts` stays the event's own.
 */
export function normalizedFromLine(event: NormalizedEvent, line: Record<string, unknown>): NormalizedEvent {
  const t = (k: string): string | null => {
    const v = line[k];
    return v === null || v === undefined ? null : typeof v === 'string' ? v : String(v);
  };
  const j = (k: string): string | null => {
    const v = line[k];
    return v === null || v === undefined ? null : JSON.stringify(v);
  };
  // The keys in the order normalizeEvent writes them: one shape for every row.
  const row: EventRow = {
    message_id: t('message_id') ?? event.row.message_id,
    type: t('type') ?? event.row.type,
    event: t('event'),
    user_id: t('user_id'),
    anonymous_id: t('anonymous_id'),
    email: t('email'),
    phone: t('phone'),
    group_id: t('group_id'),
    previous_id: t('previous_id'),
    ts: event.row.ts,
    tsMs: event.row.tsMs,
    properties: j('properties'),
    traits: j('traits'),
    context: j('context'),
    channel: t('channel'),
    device_type: t('device_type'),
    os: t('os'),
    browser: t('browser'),
    locale: t('locale'),
    ip: t('ip'),
    country: t('country'),
    city: t('city'),
    page_url: t('page_url'),
    referrer: t('referrer'),
    utm_source: t('utm_source'),
    utm_medium: t('utm_medium'),
    utm_campaign: t('utm_campaign'),
    row_key: t('row_key') ?? event.row.row_key,
    extra: j('extra'),
  };
  return new Normalized(event.messageId, row, event.flag);
}

/** Top-level keys that become columns; every other key is kept in `extra`. */
const CONSUMED = new Set([
  'type',
  'messageId',
  'userId',
  'anonymousId',
  'event',
  'name',
  'groupId',
  'previousId',
  'timestamp',
  'properties',
  'traits',
  'context',
  'channel',
]);

// The consumed keys whose values are texts (the rest are objects, encoded as JSON columns).
const TEXT_KEYS = [...CONSUMED].filter((k) => k !== 'properties' && k !== 'traits' && k !== 'context');

/** When an event was received and the limits that apply. */
export interface NormalizeOptions {
  readonly receivedAt: number;
  readonly limits: EventLimits;
  /** The call type given by the route (`/v1/track`…); for `/v1/batch` each event names its own. */
  readonly type?: EventType;
}

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function id(v: unknown): string | null | undefined {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

function text(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null;
}

function at(o: Obj | null, key: string, inner?: string): string | null {
  if (o === null) return null;
  let v = o[key];
  if (inner !== undefined) {
    if (!isObject(v)) return null;
    v = v[inner];
  }
  return text(v);
}

/**
 * Turns one Segment-spec event into an `events` row, or says why it cannot be stored. Timestamps far in
 * the future or before 2000 are kept as sent, with a flag in `extra._flags`; nothing is rewritten.
 */
export function normalizeEvent(input: unknown, options: NormalizeOptions): NormalizedEvent | RejectedEvent {
  if (!isObject(input)) {
    return reject(input, null, 'not_an_object', null, 'is not a JSON object', options.limits);
  }
  const e = input;
  // Depth, size, Unicode and number range first: every later step (JSON.stringify included) may then
  // walk the event without overflowing the stack or handing the engine text it refuses.
  const problem = checkValue(e, options.limits);
  const messageId =
    typeof e.messageId === 'string' && e.messageId !== ''
      ? problem
        ? toWellFormed(e.messageId)
        : e.messageId
      : null;
  const fail = (code: EventRejectCode, field: string | null, reason: string) =>
    reject(e, messageId, code, field, reason, options.limits);
  if (problem) return fail(problem.code, problem.path || null, problem.reason);

  if (e.messageId !== undefined && e.messageId !== null && typeof e.messageId !== 'string') {
    return fail('wrong_type', 'messageId', `messageId must be a string, not ${typeName(e.messageId)}`);
  }
  const type = options.type ?? e.type;
  if (typeof type !== 'string') {
    return fail(
      type === undefined ? 'missing_required' : 'wrong_type',
      'type',
      type === undefined ? 'type is missing' : `type must be a string, not ${typeName(type)}`,
    );
  }
  if (!(EVENT_TYPES as readonly string[]).includes(type)) {
    return fail(
      'unknown_type',
      'type',
      `type ${cut(JSON.stringify(type), 40)} is not one of ${EVENT_TYPES.join(', ')}`,
    );
  }
  const userId = id(e.userId);
  const anonymousId = id(e.anonymousId);
  const groupId = id(e.groupId);
  const previousId = id(e.previousId);
  if (
    userId === undefined ||
    anonymousId === undefined ||
    groupId === undefined ||
    previousId === undefined
  ) {
    const key =
      userId === undefined
        ? 'userId'
        : anonymousId === undefined
          ? 'anonymousId'
          : groupId === undefined
            ? 'groupId'
            : 'previousId';
    return fail('wrong_type', key, `${key} must be a string or a number, not ${typeName(e[key])}`);
  }
  const ids = { userId, anonymousId, groupId, previousId };
  if (ids.userId === null && ids.anonymousId === null) {
    return fail('missing_identifier', 'userId', 'neither userId nor anonymousId is given');
  }
  for (const key of ['properties', 'traits', 'context', 'integrations']) {
    const v = e[key];
    if (v !== undefined && v !== null && !isObject(v)) {
      return fail('wrong_type', key, `${key} must be an object, not ${typeName(v)}`);
    }
  }
  for (const key of ['event', 'name', 'channel']) {
    const v = e[key];
    if (v !== undefined && v !== null && typeof v !== 'string') {
      return fail('wrong_type', key, `${key} must be a string, not ${typeName(v)}`);
    }
  }
  if (type === 'track' && !text(e.event))
    return fail('missing_required', 'event', 'a track call needs an event name');
  if (type === 'group' && ids.groupId === null)
    return fail('missing_required', 'groupId', 'a group call needs a groupId');
  if (type === 'alias' && (ids.previousId === null || ids.userId === null)) {
    return fail('missing_required', 'previousId', 'an alias call needs previousId and userId');
  }

  // Segment: `timestamp` when the event happened; without it, the time the event was received.
  let ts = options.receivedAt;
  let iso: string | null = null;
  const stampField = e.timestamp !== undefined && e.timestamp !== null ? 'timestamp' : 'originalTimestamp';
  const stamp = e[stampField];
  if (stamp !== undefined && stamp !== null) {
    if (typeof stamp !== 'string') {
      return fail(
        'wrong_type',
        stampField,
        `${stampField} must be an ISO 8601 string, not ${typeName(stamp)}`,
      );
    }
    const parsed = parseTimestamp(stamp);
    if (!parsed.ok) {
      return fail('bad_date', stampField, `${stampField} ${cut(JSON.stringify(stamp), 60)} ${parsed.reason}`);
    }
    ts = parsed.ms;
    // Sent in the stored form already (what the Segment libraries send): kept, not formatted again.
    if (CANONICAL.test(stamp)) iso = stamp;
  }
  let flag: TimestampFlag | undefined;
  if (ts > options.receivedAt + options.limits.futureToleranceMs) flag = 'timestamp_in_future';
  else if (ts < options.limits.earliestTimestampMs) flag = 'timestamp_before_2000';

  const properties = isObject(e.properties) ? e.properties : null;
  const traits = isObject(e.traits) ? e.traits : null;
  const context = isObject(e.context) ? e.context : null;
  const contextTraits = context && isObject(context.traits) ? context.traits : null;
  const extra: Obj = {};
  let extras = 0;
  for (const key in e) {
    if (!CONSUMED.has(key)) {
      extra[key] = e[key];
      extras++;
    }
  }
  extra.receivedAt = isoOf(options.receivedAt);
  if (flag) extra._flags = [flag];
  extras++;

  const finalId = messageId ?? `api-${randomUUID()}`;
  // Each JSON column encoded once, on its own: nothing else of the event is encoded again.
  const propertiesJson = properties === null ? null : JSON.stringify(properties);
  const traitsJson = traits === null ? null : JSON.stringify(traits);
  const contextJson = context === null ? null : JSON.stringify(context);
  const extraJson = extras ? JSON.stringify(extra) : null;
  // At most 3 bytes of UTF-8 per unit of JSON text, 6 per unit of a text not yet encoded (a control
  // character's escape), and the keys: the exact size is measured only when this bound is over the limit.
  let texts = 256;
  for (const key of TEXT_KEYS) {
    const v = e[key];
    if (typeof v === 'string') texts += v.length;
  }
  const json =
    (propertiesJson?.length ?? 0) +
    (traitsJson?.length ?? 0) +
    (contextJson?.length ?? 0) +
    (extraJson?.length ?? 0);
  if (
    json * 3 + texts * 6 > options.limits.maxEventBytes &&
    Buffer.byteLength(JSON.stringify(e)) > options.limits.maxEventBytes
  ) {
    return fail(
      'event_too_large',
      null,
      `is ${Buffer.byteLength(JSON.stringify(e))} bytes of JSON; the limit is ${options.limits.maxEventBytes}`,
    );
  }
  const row: EventRow = {
    message_id: finalId,
    type,
    event:
      type === 'track' ? (e.event as string) : type === 'page' || type === 'screen' ? text(e.name) : null,
    user_id: ids.userId,
    anonymous_id: ids.anonymousId,
    // Identify and group calls carry email and phone in traits; other calls in context.traits (Segment spec).
    email: at(traits, 'email') ?? at(contextTraits, 'email'),
    phone: at(traits, 'phone') ?? at(contextTraits, 'phone'),
    group_id: ids.groupId,
    previous_id: ids.previousId,
    ts: iso ?? isoOf(ts),
    tsMs: ts,
    properties: propertiesJson,
    traits: traitsJson,
    context: contextJson,
    channel: text(e.channel),
    // Where the Segment spec puts the context fields that are also columns (the importer reads the same paths).
    device_type: at(context, 'device', 'type'),
    os: at(context, 'os', 'name'),
    browser: at(context, 'userAgent'),
    locale: at(context, 'locale'),
    ip: at(context, 'ip'),
    country: at(context, 'location', 'country'),
    city: at(context, 'location', 'city'),
    page_url: at(context, 'page', 'url'),
    referrer: at(context, 'page', 'referrer'),
    utm_source: at(context, 'campaign', 'source'),
    utm_medium: at(context, 'campaign', 'medium'),
    utm_campaign: at(context, 'campaign', 'name'),
    row_key: finalId,
    extra: extraJson,
  };
  // row_hash is computed by the writer (src/events/sink.ts).
  return new Normalized(finalId, row, flag);
}

// The form toISOString writes for years 1–9999; such a stamp that parsed is its own ISO string.
const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

// A request's events share its receivedAt: formatted once, not once per event.
let lastMs = Number.NaN;
let lastIso = '';
function isoOf(ms: number): string {
  if (ms !== lastMs) {
    lastMs = ms;
    lastIso = new Date(ms).toISOString();
  }
  return lastIso;
}

function reject(
  input: unknown,
  messageId: string | null,
  code: EventRejectCode,
  field: string | null,
  reason: string,
  limits: EventLimits,
): RejectedEvent {
  // The raw event is kept only when it can be encoded: one nested thousands deep overflows JSON.stringify.
  let raw: string | null;
  try {
    raw = code === 'too_deep' ? null : (JSON.stringify(input) ?? String(input));
  } catch {
    raw = null;
  }
  if (raw !== null && raw.length > limits.maxEventBytes) raw = cut(raw, limits.maxEventBytes);
  // What is stored in `rejects` must itself be valid Unicode, or the commit that stores it would fail.
  return {
    ok: false,
    messageId: messageId === null ? null : toWellFormed(messageId),
    code,
    field: field === null ? null : toWellFormed(field),
    reason: toWellFormed(reason),
    raw: raw === null ? null : toWellFormed(raw),
  };
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  const t = typeof v;
  return t === 'object' ? 'an object' : `a ${t}`;
}
