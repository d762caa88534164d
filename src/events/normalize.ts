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

/** An event ready for the writer: its `events` row as one JSON line, and what the writer needs to know. */
export interface NormalizedEvent {
  readonly ok: true;
  readonly messageId: string;
  /** One JSON object per line, keyed by the EVENT_COLUMNS names (import_id is added by the writer). */
  readonly line: string;
  readonly flag: TimestampFlag | undefined;
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

/** Where the Segment spec puts the context fields that are also columns (the importer reads the same paths). */
const CONTEXT_COLUMNS: readonly (readonly [string, readonly string[]])[] = [
  ['device_type', ['device', 'type']],
  ['os', ['os', 'name']],
  ['browser', ['userAgent']],
  ['locale', ['locale']],
  ['ip', ['ip']],
  ['country', ['location', 'country']],
  ['city', ['location', 'city']],
  ['page_url', ['page', 'url']],
  ['referrer', ['page', 'referrer']],
  ['utm_source', ['campaign', 'source']],
  ['utm_medium', ['campaign', 'medium']],
  ['utm_campaign', ['campaign', 'name']],
];

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

function at(o: Obj | null, path: readonly string[]): string | null {
  let v: unknown = o;
  for (const p of path) {
    if (!isObject(v)) return null;
    v = v[p];
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
  const ids: Record<string, string | null> = {};
  for (const key of ['userId', 'anonymousId', 'groupId', 'previousId']) {
    const v = id(e[key]);
    if (v === undefined)
      return fail('wrong_type', key, `${key} must be a string or a number, not ${typeName(e[key])}`);
    ids[key] = v;
  }
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
  const row: Obj = {
    message_id: finalId,
    type,
    event: type === 'track' ? e.event : type === 'page' || type === 'screen' ? text(e.name) : null,
    user_id: ids.userId,
    anonymous_id: ids.anonymousId,
    // Identify and group calls carry email and phone in traits; other calls in context.traits (Segment spec).
    email: at(traits, ['email']) ?? at(contextTraits, ['email']),
    phone: at(traits, ['phone']) ?? at(contextTraits, ['phone']),
    group_id: ids.groupId,
    previous_id: ids.previousId,
    ts: iso ?? isoOf(ts),
    properties,
    traits,
    context,
    channel: text(e.channel),
  };
  for (const [column, path] of CONTEXT_COLUMNS) row[column] = at(context, path);
  row.row_key = finalId;
  row.extra = extras ? extra : null;
  const body = JSON.stringify(row);
  if (
    body.length * 3 > options.limits.maxEventBytes &&
    Buffer.byteLength(JSON.stringify(e)) > options.limits.maxEventBytes
  ) {
    return fail(
      'event_too_large',
      null,
      `is ${Buffer.byteLength(JSON.stringify(e))} bytes of JSON; the limit is ${options.limits.maxEventBytes}`,
    );
  }
  // row_hash is computed by the writer's SQL, on DuckDB's threads (writer.ts).
  return { ok: true, messageId: finalId, line: body, flag };
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
