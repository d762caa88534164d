/**
 * The identity rules in force and the normalization of one identifier: what resolution and profile
 * lookups share. A leaf module (it imports nothing from profiles), so profiles can use it without a cycle.
 */
import {
  type NormalizeOptions,
  normalizeEmail,
  normalizeHandle,
  normalizeId,
  normalizePhone,
} from './normalize.js';
import type { IdentifierType } from './types.js';

export { effectiveRules } from './effective-rules.js';

/** Normalizes an identifier of a given type; null when it is unusable (invalid email, not a phone number). */
export function normalizeIdentifier(
  type: IdentifierType,
  raw: string,
  options: NormalizeOptions,
): string | null {
  switch (type) {
    case 'email':
      return normalizeEmail(raw, options);
    case 'phone':
      return normalizePhone(raw, options);
    case 'twitter':
    case 'facebook':
    case 'instagram':
    case 'linkedin':
      return normalizeHandle(raw);
    default:
      return normalizeId(raw);
  }
}
