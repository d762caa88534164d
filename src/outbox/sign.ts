import { createHmac, timingSafeEqual } from 'node:crypto';

/** The signature header's value for a body: `sha256=<hex HMAC-SHA256 of the body under the secret>`. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** Whether a received body carries a valid signature (what a receiver does; constant-time). */
export function verifySignature(body: string, secret: string, header: string | undefined): boolean {
  if (header === undefined) return false;
  const want = Buffer.from(signBody(body, secret));
  const got = Buffer.from(header);
  return want.length === got.length && timingSafeEqual(want, got);
}
