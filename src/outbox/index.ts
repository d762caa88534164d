/**
 * The durable outbox: every webhook and destination delivery is a row first, then an HTTP POST, retried
 * with backoff until delivered or dead (at least once; receivers dedupe on X-Clientele-Delivery).
 */
export { type FlushOptions, type FlushResult, flushOutbox } from './deliver.js';
export { type Delivery, enqueue, enqueuedInto } from './enqueue.js';
export { CLI_FLUSH_BUDGET_MS, flushBeforeExit } from './exit.js';
export { FAILURE_REASONS, type FailureReason, failureReason, fetchCause } from './failure.js';
export { backoffMs, DEFAULT_RETRY_POLICY, type RetryPolicy } from './policy.js';
export { signBody, verifySignature } from './sign.js';
export { type DeadLetter, type OutboxStatus, outboxStatus } from './status.js';
export { checkHttpUrl } from './url.js';
