/**
 * Contact points and their dirt: unique email addresses, phone numbers in the formats real CRMs mix,
 * the case-and-space variants a second record carries, and deliberately invalid emails and phones.
 */
import type { Rng } from './prng.js';
import { Categorical } from './samplers.js';

// Consumer mailbox providers with shares in percent. Uniqueness: person i takes slot i mod 100; the
// slots of one provider are ranked, and the number appended is (i div 100) · slots + rank, distinct per
// provider, so no two people ever share an address whatever their names.
const PROVIDERS: readonly [string, number][] = [
  ['gmail.com', 44],
  ['yahoo.com', 12],
  ['icloud.com', 11],
  ['outlook.com', 10],
  ['hotmail.com', 8],
  ['aol.com', 5],
  ['comcast.net', 5],
  ['proton.me', 5],
];
const SLOT_PROVIDER: number[] = [];
const SLOT_RANK: number[] = [];
PROVIDERS.forEach(([, share], p) => {
  for (let r = 0; r < share; r++) {
    SLOT_PROVIDER.push(p);
    SLOT_RANK.push(r);
  }
});

const local = (s: string): string => s.toLowerCase().replace(/[^a-z]/g, '');
const STYLES = new Categorical([0, 1, 2, 3, 4], [0.35, 0.2, 0.15, 0.15, 0.15]);

/** A unique, lower-case address for person `index`; `domain` replaces the provider (work addresses). */
export function makeEmail(rng: Rng, index: number, first: string, last: string, domain?: string): string {
  const slot = index % 100;
  const provider = SLOT_PROVIDER[slot] ?? 0;
  const [providerDomain = 'gmail.com', slots = 1] = PROVIDERS[provider] ?? [];
  const n = Math.floor(index / 100) * slots + (SLOT_RANK[slot] ?? 0);
  const f = local(first);
  const l = local(last);
  let name: string;
  switch (STYLES.sample(rng)) {
    case 0:
      name = `${f}.${l}`;
      break;
    case 1:
      name = `${f}${l}`;
      break;
    case 2:
      name = `${f.slice(0, 1)}${l}`;
      break;
    case 3:
      name = `${f}_${l}`;
      break;
    default:
      name = `${l}.${f}`;
  }
  // A company address keeps the provider's letter so that two providers' numbers cannot meet there.
  const suffix = domain ? `${n}${'abcdefgh'[provider]}` : `${n}`;
  return `${name}${suffix}@${domain ?? providerDomain}`;
}

/** The same address as a second system typed it: capitalised words, upper-case domain, stray spaces. */
export function recaseEmail(rng: Rng, email: string): string {
  const [name = '', domain = ''] = email.split('@');
  const cased = name.replace(/(^|[._])([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase());
  const dom = rng.chance(0.5) ? domain.toUpperCase() : domain.charAt(0).toUpperCase() + domain.slice(1);
  const variant = `${cased}@${dom}`;
  const r = rng.next();
  if (r < 0.3) return ` ${variant}`;
  if (r < 0.6) return `${variant} `;
  return variant;
}

/** A syntactically broken version of an address. */
export function breakEmail(rng: Rng, email: string): string {
  const [name = '', domain = ''] = email.split('@');
  switch (rng.int(5)) {
    case 0:
      return `${name}@${domain.replace(/\.[a-z]+$/, '')}`;
    case 1:
      return `${name}${domain}`;
    case 2:
      return `${name}@@${domain}`;
    case 3:
      return `${name}@${domain.replace('.', ',')}`;
    default:
      return `${name} @${domain}`;
  }
}

/** Ways CRMs write the same US number; index 0 is E.164. */
export const PHONE_FORMATS = [
  'e164',
  'paren',
  'dash',
  'dot',
  'digits',
  'spaced',
  'one-dash',
  'plus-paren',
] as const;
export type PhoneFormat = (typeof PHONE_FORMATS)[number];
const FORMAT_CHOICE = new Categorical([...PHONE_FORMATS], [0.3, 0.2, 0.15, 0.05, 0.15, 0.05, 0.05, 0.05]);

/** A format drawn from how often CRMs use it. */
export function drawPhoneFormat(rng: Rng): PhoneFormat {
  return FORMAT_CHOICE.sample(rng);
}

/** An E.164 US number (`+1` and ten digits) written in `format`. */
export function formatPhone(e164: string, format: PhoneFormat): string {
  const a = e164.slice(2, 5);
  const x = e164.slice(5, 8);
  const l = e164.slice(8, 12);
  switch (format) {
    case 'e164':
      return e164;
    case 'paren':
      return `(${a}) ${x}-${l}`;
    case 'dash':
      return `${a}-${x}-${l}`;
    case 'dot':
      return `${a}.${x}.${l}`;
    case 'digits':
      return `${a}${x}${l}`;
    case 'spaced':
      return `+1 ${a} ${x} ${l}`;
    case 'one-dash':
      return `1-${a}-${x}-${l}`;
    case 'plus-paren':
      return `+1 (${a}) ${x}-${l}`;
  }
}

/** A deliberately malformed phone entry (too short, too long, placeholder or text). */
export function breakPhone(rng: Rng, e164: string): string {
  const digits = e164.slice(2);
  switch (rng.int(5)) {
    case 0:
      return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6, 9)}`;
    case 1:
      return `${digits.slice(3, 6)}-${digits.slice(6)}`;
    case 2:
      return `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}${rng.int(10)}`;
    case 3:
      return '000-000-0000';
    default:
      return 'n/a';
  }
}
