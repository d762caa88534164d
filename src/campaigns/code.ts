import { createHash } from 'node:crypto';

/** A per-person discount code, stable for one campaign and person (so a resend carries the same code). */
export function discountCode(campaign: string, profileId: number): string {
  return `${
    campaign
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 6)
      .toUpperCase() || 'CODE'
  }-${createHash('sha256').update(`${campaign}\u0000${profileId}`).digest('hex').slice(0, 8).toUpperCase()}`;
}
