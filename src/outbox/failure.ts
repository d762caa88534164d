// What went wrong with a delivery, in a word a person's sentence can be chosen by: the outbox keeps the raw
// cause (`last_error`: the network error's code and message, or `HTTP 500`) for programs and support, and
// every screen says the reason in words (web/src/i18n: act.fail.*).

/** Why a delivery failed: each reason once, for the type and the contracts' schema. */
export const FAILURE_REASONS = [
  'status',
  'timeout',
  'refused',
  'unknownHost',
  'unreachable',
  'dropped',
  'tls',
  'file',
  'other',
] as const;

/** Why a delivery failed. */
export type FailureReason = (typeof FAILURE_REASONS)[number];

/** Why a delivery failed, from the receiver's status (when it answered) or the raw cause the outbox kept. */
export function failureReason(status: number | null, error: string | null): FailureReason {
  if (status !== null) return 'status';
  const e = error ?? '';
  if (/no answer within|Timeout|ETIMEDOUT|UND_ERR_(CONNECT|HEADERS|BODY)_TIMEOUT/i.test(e)) return 'timeout';
  if (/ECONNREFUSED/.test(e)) return 'refused';
  if (/ENOTFOUND|EAI_AGAIN|EAI_NONAME/.test(e)) return 'unknownHost';
  if (/EHOSTUNREACH|ENETUNREACH|EHOSTDOWN|ENETDOWN/.test(e)) return 'unreachable';
  if (/ECONNRESET|EPIPE|UND_ERR_SOCKET|other side closed|socket hang up/i.test(e)) return 'dropped';
  if (/CERT|SSL|TLS|self[- ]signed|UNABLE_TO_VERIFY/i.test(e)) return 'tls';
  if (/ENOENT|EACCES|EPERM|EROFS|EISDIR|ENOSPC/.test(e)) return 'file';
  return 'other';
}

/**
 * A failed fetch's cause as the outbox keeps it: the network error's code and message ("ECONNREFUSED: connect
 * ECONNREFUSED 127.0.0.1:9"), not fetch's own "fetch failed", which says nothing of what happened.
 */
export function fetchCause(error: unknown): string {
  type Cause = { code?: unknown; message?: unknown; errors?: unknown; cause?: unknown };
  const e = error as Error & { cause?: Cause };
  let c: Cause | undefined = e.cause;
  // Several addresses tried (IPv6 and IPv4): the first one's error speaks for them.
  if (c && Array.isArray(c.errors) && c.errors.length && typeof c.code !== 'string') c = c.errors[0] as Cause;
  if (c && typeof c.code !== 'string' && c.cause) c = c.cause as Cause;
  const code = typeof c?.code === 'string' ? c.code : null;
  const message = typeof c?.message === 'string' && c.message ? c.message : null;
  if (code && message) return `${code}: ${message}`;
  return code ?? message ?? e.message;
}
