export {
  type IngestOutcome,
  type IngestRequest,
  ingestEvents,
  type Sealer,
  type Suppressions,
} from './ingest.js';
export {
  type CreatedKey,
  createKey,
  hashKey,
  type KeyInfo,
  listKeys,
  loadSources,
  revokeKey,
  rotateKey,
  SOURCES_MAX_AGE_MS,
  SOURCES_MISS_RELOAD_MS,
  type Source,
  sourceFinder,
} from './keys.js';
export { latestEvents } from './latest.js';
export { DEFAULT_LIMITS, type EventLimits } from './limits.js';
export {
  EVENT_COLUMNS,
  EVENT_ROW_COLUMNS,
  type EventRejectCode,
  type EventRow,
  eventLine,
  type NormalizedEvent,
  type NormalizeOptions,
  normalizeEvent,
  type RejectedEvent,
  type TimestampFlag,
} from './normalize.js';
export {
  AcceptedReply,
  BatchBody,
  ErrorReply,
  EVENT_TYPES,
  EventProblem,
  type EventType,
  SegmentEvent,
} from './segment.js';
export { type EventSink, eventRowHash, eventSink, insertEventsSql } from './sink.js';
export { parseTimestamp } from './timestamp.js';
export {
  checkValue,
  cut,
  isWellFormed,
  toWellFormed,
  type ValueLimits,
  type ValueProblem,
} from './values.js';
export {
  DEFAULT_WRITER_OPTIONS,
  EventWriter,
  type SubmitResult,
  type WriterOptions,
  withoutPaths,
} from './writer.js';
