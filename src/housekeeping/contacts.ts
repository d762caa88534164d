/**
 * Checks of one contact point, pure: an e-mail's syntax, disposable domain (the maintained
 * `disposable-email-domains` list), role account and likely typo of a common provider; a phone number by
 * libphonenumber for its region; a postal code by its country's pattern.
 */
import { createRequire } from 'node:module';
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';

const require = createRequire(import.meta.url);
let disposable: ReadonlySet<string> | undefined;
function disposableDomains(): ReadonlySet<string> {
  disposable ??= new Set(require('disposable-email-domains') as string[]);
  return disposable;
}

// RFC 5322 is far looser than what mail systems deliver to; this is the practical subset (one @, a dotted
// domain of letters, digits and hyphens, a local part without spaces or doubled dots).
const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/;

/** Local parts that name a function, not a person (a list, a shared inbox). */
export const ROLE_ACCOUNTS: ReadonlySet<string> = new Set([
  'admin',
  'administrator',
  'billing',
  'contact',
  'enquiries',
  'help',
  'hello',
  'hr',
  'info',
  'jobs',
  'marketing',
  'no-reply',
  'noreply',
  'office',
  'orders',
  'postmaster',
  'sales',
  'support',
  'team',
  'webmaster',
]);

/** The providers most addresses are at: a domain one edit away from one of these is likely a typo. */
export const COMMON_DOMAINS: readonly string[] = [
  'gmail.com',
  'yahoo.com',
  'hotmail.com',
  'outlook.com',
  'icloud.com',
  'aol.com',
  'comcast.net',
  'live.com',
  'msn.com',
  'protonmail.com',
  'googlemail.com',
  'yahoo.co.uk',
  'hotmail.co.uk',
  'btinternet.com',
  'gmx.de',
  'web.de',
  'orange.fr',
];
// Real domains one edit from a common one, never reported as typos.
const REAL = new Set([
  ...COMMON_DOMAINS,
  'mail.com',
  'gmx.com',
  'gmx.net',
  'me.com',
  'mac.com',
  'ymail.com',
  'live.co.uk',
]);

/** What is wrong with an address; an address may have several flags. */
export interface EmailCheck {
  readonly syntax: boolean;
  readonly disposable: boolean;
  readonly role: boolean;
  /** The common domain this one is likely a typo of, or null. */
  readonly typoOf: string | null;
}

// Checks are pure functions of their input, and an audit meets the same addresses and numbers again and
// again (in each import that carries them, in the contacts pass, in the next audit): remembered, bounded.
const MEMO_MAX = 200_000;
const emailMemo = new Map<string, EmailCheck>();
const phoneMemo = new Map<string, boolean | null>();
function remember<V>(memo: Map<string, V>, key: string, compute: () => V): V {
  const known = memo.get(key);
  if (known !== undefined || memo.has(key)) return known as V;
  const v = compute();
  if (memo.size >= MEMO_MAX) memo.clear();
  memo.set(key, v);
  return v;
}

/** Checks one address (trimmed and lower-cased first). */
export function checkEmail(raw: string): EmailCheck {
  return remember(emailMemo, raw, () => judgeEmail(raw));
}

function judgeEmail(raw: string): EmailCheck {
  const email = raw.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 254)
    return { syntax: false, disposable: false, role: false, typoOf: null };
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  return {
    syntax: true,
    disposable: isDisposable(domain),
    role: ROLE_ACCOUNTS.has(local.replace(/\+.*$/, '')),
    typoOf: typoOf(domain),
  };
}

function isDisposable(domain: string): boolean {
  const list = disposableDomains();
  // Subdomains of a disposable domain are disposable too.
  for (let d = domain; d.includes('.'); d = d.slice(d.indexOf('.') + 1)) if (list.has(d)) return true;
  return false;
}

/** The common domain `domain` is one edit (or one swap of neighbours) away from, if any. */
export function typoOf(domain: string): string | null {
  if (REAL.has(domain)) return null;
  for (const common of COMMON_DOMAINS) if (damerau(domain, common, 1) <= 1) return common;
  return null;
}

/** Optimal-string-alignment distance, stopping early above `max`. */
export function damerau(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) d[0]![j] = j;
  for (let i = 1; i < rows; i++) {
    let best = Number.POSITIVE_INFINITY;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
  }
  return d[a.length]![b.length]!;
}

/**
 * Whether a phone number is a valid number for its region (the row's country; numbers written with a
 * leading + carry their own). Without a region and without +, libphonenumber cannot judge: null.
 */
export function checkPhone(raw: string, region: string | null): boolean | null {
  return remember(phoneMemo, `${region ?? ''}|${raw}`, () => judgePhone(raw, region));
}

function judgePhone(raw: string, region: string | null): boolean | null {
  const text = raw.trim();
  if (text === '') return null;
  const cc = region && /^[A-Z]{2}$/.test(region) ? (region as CountryCode) : undefined;
  if (!cc && !text.startsWith('+') && !text.startsWith('00')) return null;
  try {
    const parsed = parsePhoneNumberFromString(text.startsWith('00') ? `+${text.slice(2)}` : text, cc);
    return parsed?.isValid() ?? false;
  } catch {
    return false;
  }
}

/** Postal code patterns of the countries most data comes from; other countries are not judged. */
const POSTAL: Readonly<Record<string, RegExp>> = {
  US: /^\d{5}(-\d{4})?$/,
  CA: /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$/i,
  GB: /^([A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|GIR ?0AA)$/i,
  DE: /^\d{5}$/,
  FR: /^\d{5}$/,
  ES: /^\d{5}$/,
  IT: /^\d{5}$/,
  NL: /^\d{4} ?[A-Z]{2}$/i,
  BE: /^\d{4}$/,
  AT: /^\d{4}$/,
  CH: /^\d{4}$/,
  AU: /^\d{4}$/,
  NZ: /^\d{4}$/,
  DK: /^\d{4}$/,
  NO: /^\d{4}$/,
  SE: /^\d{3} ?\d{2}$/,
  PL: /^\d{2}-\d{3}$/,
  PT: /^\d{4}-\d{3}$/,
  IE: /^[A-Z]\d{2} ?[A-Z\d]{4}$/i,
  JP: /^\d{3}-?\d{4}$/,
  IN: /^\d{6}$/,
  BR: /^\d{5}-?\d{3}$/,
  MX: /^\d{5}$/,
};

/** Whether a postal code fits its country's pattern; null when the country has no pattern here. */
export function checkPostalCode(raw: string, country: string | null): boolean | null {
  const pattern = country ? POSTAL[country] : undefined;
  if (!pattern) return null;
  return pattern.test(raw.trim());
}
