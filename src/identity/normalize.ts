import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** How identifiers are normalized before matching. */
export interface NormalizeOptions {
  /** Region for phone numbers written without a country code (ISO 3166 alpha-2). */
  readonly defaultRegion: CountryCode;
  /** Drop dots in Gmail local parts (a.b@gmail.com = ab@gmail.com); off by default. */
  readonly gmailDots: boolean;
  /** Drop `+tag` suffixes of local parts (a+news@x.com = a@x.com); off by default. */
  readonly plusTags: boolean;
}

/** The defaults: US numbers, no provider-specific email rules. */
export const DEFAULT_NORMALIZE: NormalizeOptions = { defaultRegion: 'US', gmailDots: false, plusTags: false };

const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

/** An email trimmed and lower-cased, or null when it is not an email address at all. */
export function normalizeEmail(raw: string, options: NormalizeOptions = DEFAULT_NORMALIZE): string | null {
  const email = raw.trim().toLowerCase();
  if (!EMAIL.test(email)) return null;
  let [local = '', domain = ''] = email.split('@') as [string, string];
  if (options.plusTags) local = local.replace(/\+.*$/, '');
  if (options.gmailDots && (domain === 'gmail.com' || domain === 'googlemail.com'))
    local = local.replace(/\./g, '');
  return `${local}@${domain}`;
}

/** A phone number in E.164 (+14155550132), or null when it is not a valid number. */
export function normalizePhone(raw: string, options: NormalizeOptions = DEFAULT_NORMALIZE): string | null {
  const text = raw.trim();
  if (!/\d{6}/.test(text.replace(/\D/g, ''))) return null;
  const parsed = parsePhoneNumberFromString(text, options.defaultRegion);
  return parsed?.isValid() ? parsed.number : null;
}

/** A social handle without `@`, URL prefix or case. */
export function normalizeHandle(raw: string): string | null {
  const handle = raw
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\/(www\.)?[^/]+\/(in\/)?/, '')
    .replace(/^@/, '')
    .replace(/\/+$/, '');
  return handle === '' ? null : handle;
}

/** An opaque id (user id, customer id, anonymous id) trimmed; case is kept, ids are case-sensitive. */
export function normalizeId(raw: string): string | null {
  const id = raw.trim();
  return id === '' ? null : id;
}
