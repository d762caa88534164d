import { en, type MessageKey } from './en.js';
import { enNumber } from './en-number.js';
import { formatMessage, type IcuLocale, type Vars } from './icu.js';
import { type Locale, tagOf } from './locale.js';
import { pl } from './pl.js';

const CATALOGUES = { en, pl } as const;

/** Sentences and numbers in one language: what every service that writes for people is handed. */
export interface Speaker {
  readonly locale: Locale;
  /** The BCP 47 tag (en-US, pl-PL). */
  readonly tag: string;
  /** The ISO 4217 code `money` writes when it is given none (the shop's currency), if known. */
  readonly currency: string | null;
  /** The message `key` with its values filled (numbers formatted in the locale, plurals chosen). */
  t(key: MessageKey, vars?: Vars): string;
  /** Whether the catalogue has `key` (for words looked up by a name from the data). */
  has(key: string): key is MessageKey;
  /** A number with at most `digits` decimals (grouping as the locale writes it). */
  num(n: number | null, digits?: number): string;
  /**
   * A number with exactly `digits` decimals: English as `toFixed` writes it (no grouping, as the sentences
   * always printed), Polish with its comma and grouping.
   */
  fixed(n: number, digits: number): string;
  /** A share (0.645) as a percentage (64.5%, 64,5% in Polish). */
  pct(share: number | null, digits?: number): string;
  /** Money, rounded to whole units, with the currency (`currency`, else the speaker's) when one is known. */
  money(n: number | null, currency?: string | null): string;
  /** A day, long form ("6 December 2026", "6 grudnia 2026"). */
  date(d: Date | string): string;
  /** Items joined as the locale joins a list ("a, b and c", "a, b i c"). */
  list(items: readonly string[]): string;
}

const speakers = new Map<string, Speaker>();

/** `make()` the first time it is asked for, then the same value. */
function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= make();
    return value;
  };
}

/**
 * The speaker of `locale`, writing money in `currency` unless told otherwise (one per locale and currency,
 * kept: Intl objects are costly to build). Each Intl object is built the first time it is used, and English
 * numbers are written by hand (en-number.ts): the first Intl.NumberFormat of a process loads ICU's number
 * data, which `clientele status` would otherwise pay for words that need none of it (issue 13).
 */
export function speaker(locale: Locale, currency: string | null = null): Speaker {
  const key = `${locale}|${currency ?? ''}`;
  const known = speakers.get(key);
  if (known) return known;
  const tag = tagOf(locale);
  const catalogue = CATALOGUES[locale];
  const numbers = new Map<number, Intl.NumberFormat>();
  const nf = (digits: number) => {
    let f = numbers.get(digits);
    if (!f) {
      f = new Intl.NumberFormat(tag, { maximumFractionDigits: digits });
      numbers.set(digits, f);
    }
    return f;
  };
  // A number with at most `digits` decimals, grouped as the locale groups it.
  const format = (n: number, digits: number) =>
    locale === 'en' ? enNumber(n, digits) : nf(digits).format(n);
  const na = catalogue['common.na'];
  const plural = lazy(() => new Intl.PluralRules(tag));
  const icu: IcuLocale = {
    get plural() {
      return plural();
    },
    number: (n: number) => format(n, 2),
  };
  const lists = lazy(() => new Intl.ListFormat(tag, { type: 'conjunction' }));
  const days = lazy(
    () =>
      new Intl.DateTimeFormat(tag, {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      }),
  );
  const s: Speaker = {
    locale,
    tag,
    currency,
    t: (key, vars = {}) => formatMessage(catalogue[key] ?? en[key], vars, icu),
    has: (key): key is MessageKey => key in en,
    num: (n, digits = 2) => (n === null || !Number.isFinite(n) ? na : format(n, digits)),
    fixed: (n, digits) =>
      locale === 'en'
        ? n.toFixed(digits)
        : new Intl.NumberFormat(tag, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
            n,
          ),
    pct: (share, digits = 1) =>
      share === null || !Number.isFinite(share)
        ? na
        : new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: digits }).format(share),
    money: (n, given) => {
      const currency = given ?? s.currency;
      if (n === null || !Number.isFinite(n)) return na;
      if (!currency) return format(Math.round(n), 0);
      try {
        return new Intl.NumberFormat(tag, { style: 'currency', currency, maximumFractionDigits: 0 }).format(
          n,
        );
      } catch {
        return `${format(Math.round(n), 0)} ${currency}`;
      }
    },
    date: (d) => days().format(typeof d === 'string' ? new Date(d) : d),
    list: (items) => lists().format(items),
  };
  speakers.set(key, s);
  return s;
}
