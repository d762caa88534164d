import type { Source } from './keys.js';
import type { EventLimits } from './limits.js';
import { type NormalizedEvent, normalizedFromLine, normalizeEvent, type RejectedEvent } from './normalize.js';
import type { EventProblem, EventType } from './segment.js';
import type { EventWriter } from './writer.js';

/** What a request's events came to, once the stored ones are durable. */
export type IngestOutcome =
  | {
      readonly kind: 'accepted';
      readonly accepted: number;
      readonly duplicates: number;
      readonly flagged: number;
    }
  | {
      readonly kind: 'rejected';
      /** Every problem is an event over the size limit (413), or some are invalid (400). */
      readonly tooLarge: boolean;
      readonly total: number;
      readonly accepted: number;
      readonly duplicates: number;
      readonly problems: readonly EventProblem[];
    };

/** The request around the events: when it arrived, its limits, and for a batch its shared context. */
export interface IngestRequest {
  readonly source: Source;
  readonly events: readonly unknown[];
  readonly receivedAt: number;
  readonly limits: EventLimits;
  /** Set by the single-event routes (`/v1/track`…); a batch's events name their own type. */
  readonly type?: EventType;
  /** A batch's top-level `context` and `integrations`, which each event's own values override. */
  readonly shared?: { readonly context?: unknown; readonly integrations?: unknown };
  /** People erased with `clientele forget` (src/privacy's SuppressionList): their events are dropped. */
  readonly suppressions?: Suppressions;
  /** Field encryption (src/privacy's FieldCrypto): personal values are sealed before the event is queued. */
  readonly sealer?: Sealer;
}

/** What the ingestion needs of field encryption. */
export interface Sealer {
  /** A copy of a JSON value with every personal key's value sealed, at any depth. */
  sealJson(value: unknown): unknown;
  /** Free text (a rejected event as received) sealed whole. */
  seal(kind: 'text', value: string): string;
}

/** What the ingestion needs to know of erased people. */
export interface Suppressions {
  readonly size: number;
  /** Whether an `events` row (as its JSON line) names an erased person. */
  holdsEventLine(line: string): boolean;
  /** Whether text (a rejected event as received) quotes an erased person's identifier. */
  holdsText(text: string): boolean;
}

/**
 * Validates and normalizes a request's events, queues the good ones and the rejects (with their reasons)
 * on the writer, and resolves once all of them are committed. Throws only what the writer throws
 * (queue full, write failed).
 */
export async function ingestEvents(writer: EventWriter, request: IngestRequest): Promise<IngestOutcome> {
  const { records, problems, flagged } = normalizeAll(request);
  // Read before the wait, so that nothing of the request (its parsed events) is needed after it.
  const total = request.events.length;
  const result = await writer.submit(request.source, records);
  // Events the engine refused after every check passed: rejected with the others, the rest still stored.
  for (const u of result.unstorable ?? []) {
    problems.push({
      index: u.index,
      messageId: u.messageId,
      code: 'unstorable',
      field: null,
      reason: u.reason,
    });
  }
  problems.sort((a, b) => a.index - b.index);
  if (!problems.length) {
    return { kind: 'accepted', accepted: result.accepted, duplicates: result.duplicates, flagged };
  }
  return {
    kind: 'rejected',
    tooLarge: problems.every((p) => p.code === 'event_too_large'),
    total,
    accepted: result.accepted,
    duplicates: result.duplicates,
    problems,
  };
}

// Every event of the request normalized, in a function of its own: nothing of the request's parsed events
// stays reachable from ingestEvents' frame while it awaits the commit (a closure there held them all).
function normalizeAll(request: IngestRequest): {
  records: (NormalizedEvent | RejectedEvent)[];
  problems: EventProblem[];
  flagged: number;
} {
  const records: (NormalizedEvent | RejectedEvent)[] = [];
  const problems: EventProblem[] = [];
  let flagged = 0;
  const options = { receivedAt: request.receivedAt, limits: request.limits, type: request.type };
  request.events.forEach((input, index) => {
    let event = normalizeEvent(merge(input, request.shared), options);
    if (request.suppressions?.size) event = suppress(event, request.suppressions);
    // After the suppression check (which reads the clear values), before the writer takes the row.
    if (request.sealer) event = seal(event, request.sealer);
    records.push(event);
    if (!event.ok && event.code === 'suppressed') return;
    if (event.ok) {
      if (event.flag) flagged++;
    } else {
      problems.push({
        index,
        messageId: event.messageId,
        code: event.code,
        field: event.field,
        reason: event.reason,
      });
    }
  });
  return { records, problems, flagged };
}

// An erased person's event is dropped, leaving a reject with its reason and nothing of the event; a rejected
// event that quotes one keeps its reason but not its raw text.
function suppress(
  event: NormalizedEvent | RejectedEvent,
  suppressions: Suppressions,
): NormalizedEvent | RejectedEvent {
  if (event.ok) {
    if (!suppressions.holdsEventLine(event.line)) return event;
    return {
      ok: false,
      messageId: null,
      code: 'suppressed',
      field: null,
      reason: 'the person this event names was erased (clientele forget); it was not stored',
      raw: null,
    };
  }
  return event.raw !== null && suppressions.holdsText(event.raw) ? { ...event, raw: null } : event;
}

// The `events` row's personal columns (email, phone, ip) and the personal keys of its traits, context and
// properties are sealed; a reject keeps its raw event sealed whole.
function seal(event: NormalizedEvent | RejectedEvent, sealer: Sealer): NormalizedEvent | RejectedEvent {
  if (event.ok) {
    return normalizedFromLine(event, sealer.sealJson(JSON.parse(event.line)) as Record<string, unknown>);
  }
  return event.raw === null ? event : { ...event, raw: sealer.seal('text', event.raw) };
}

function merge(input: unknown, shared: IngestRequest['shared']): unknown {
  if (!shared || (shared.context === undefined && shared.integrations === undefined)) return input;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const e = input as Record<string, unknown>;
  const out: Record<string, unknown> = { ...e };
  for (const key of ['context', 'integrations'] as const) {
    const top = shared[key];
    if (top && typeof top === 'object' && !Array.isArray(top)) {
      const own = e[key];
      out[key] = own && typeof own === 'object' && !Array.isArray(own) ? { ...top, ...own } : (own ?? top);
    }
  }
  return out;
}
