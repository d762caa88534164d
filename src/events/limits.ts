/** The limits of the Event API, after Segment's HTTP tracking API (32 KB an event, 500 KB a batch). */
export interface EventLimits {
  /** Largest event, in bytes of JSON. */
  readonly maxEventBytes: number;
  /** Largest request body once decompressed, in bytes. */
  readonly maxBatchBytes: number;
  /** Largest request body as sent (compressed or not), in bytes. */
  readonly maxWireBytes: number;
  /** Objects and arrays nested deeper than this in one event are refused (the event itself is level 1). */
  readonly maxDepth: number;
  /** At most this many values (keys, strings, numbers, objects…) in one event. */
  readonly maxValues: number;
  /**
   * Tracking requests being read, parsed or waiting for their commit at once; beyond this a request is
   * answered 429 before its body is read, so that memory stays bounded however many clients push.
   */
  readonly maxRequestsInFlight: number;
  /** A timestamp later than the time of receipt by more than this is flagged `timestamp_in_future`. */
  readonly futureToleranceMs: number;
  /** A timestamp before this instant is flagged `timestamp_before_2000`. */
  readonly earliestTimestampMs: number;
}

/** Segment's documented limits: https://segment.com/docs/connections/sources/catalog/libraries/server/http-api/#max-request-size */
export const DEFAULT_LIMITS: EventLimits = {
  maxEventBytes: 32 * 1024,
  maxBatchBytes: 500 * 1024,
  maxWireBytes: 500 * 1024,
  // Segment sets no depth limit; 32 levels holds any real payload and keeps every walk of it shallow.
  maxDepth: 32,
  maxValues: 10_000,
  // 128 bodies of at most 500 KB, parsed: a few hundred MB at worst.
  maxRequestsInFlight: 128,
  futureToleranceMs: 24 * 3600 * 1000,
  earliestTimestampMs: Date.UTC(2000, 0, 1),
};
