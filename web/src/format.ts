import type { Voice } from '../../src/segments/words.js';
import * as shared from '../../src/segments/words.js';
import { has, locale, type MessageKey, t } from './i18n/index.js';

/** The shop's currency (GET /v1/locale); USD until the server has answered. */
let currency = 'USD';

/** Sets the currency money is shown in (an ISO 4217 code). */
export function setCurrency(code: string): void {
  if (/^[A-Z]{3}$/.test(code)) currency = code;
}

/** The shop's currency code. */
export function shopCurrency(): string {
  return currency;
}

type N = number | null | undefined;
const ok = (n: N): n is number => typeof n === 'number' && Number.isFinite(n);
const DASH = '–';

// One formatter per (locale, options): building Intl formatters is slow, and a table calls them per cell.
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function nf(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale()}|${JSON.stringify(options)}`;
  const hit = cache.get(key);
  if (hit) return hit as Intl.NumberFormat;
  const f = new Intl.NumberFormat(locale(), options);
  cache.set(key, f);
  return f;
}
function df(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale()}|${JSON.stringify(options)}`;
  const hit = cache.get(key);
  if (hit) return hit as Intl.DateTimeFormat;
  const f = new Intl.DateTimeFormat(locale(), options);
  cache.set(key, f);
  return f;
}

/** A date-only value ('2025-03-01') is a calendar day: shown as is, not moved by the time zone. */
function parse(s: string): { date: Date; dayOnly: boolean } | null {
  const dayOnly = /^\d{4}-\d{2}-\d{2}$/.test(s);
  const date = new Date(dayOnly ? `${s}T00:00:00Z` : s);
  return Number.isNaN(date.getTime()) ? null : { date, dayOnly };
}

/** Numbers, money, shares and dates by the current language's locale and the browser's time zone. */
export const fmt = {
  int: (n: N) => (ok(n) ? nf({ maximumFractionDigits: 0 }).format(n) : DASH),
  num: (n: unknown, digits = 2) =>
    typeof n === 'number' && Number.isFinite(n)
      ? nf({ maximumFractionDigits: Math.abs(n) >= 100 ? 0 : digits }).format(n)
      : n === null || n === undefined
        ? DASH
        : String(n),
  money: (n: N) =>
    ok(n)
      ? nf({ style: 'currency', currency, maximumFractionDigits: Math.abs(n) >= 1000 ? 0 : 2 }).format(n)
      : DASH,
  compact: (n: N) => (ok(n) ? nf({ notation: 'compact', maximumFractionDigits: 1 }).format(n) : DASH),
  compactMoney: (n: N) =>
    ok(n)
      ? nf({ style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(n)
      : DASH,
  /**
   * A band of money ("$450–500", "450–500 zł"; the last band of a histogram open-ended, "$1,000+"): whole
   * units unless the band is narrower than one.
   */
  moneyRange: (from: number, to: number | null) => {
    const digits = to !== null && Math.abs(to - from) < 1 ? 2 : 0;
    const f = nf({
      style: 'currency',
      currency,
      maximumFractionDigits: digits,
      minimumFractionDigits: digits,
    });
    return to === null ? `${f.format(from)}+` : f.formatRange(from, to);
  },
  /** A share 0–1 as a percentage. */
  pct: (n: N, digits = 1) =>
    ok(n) ? nf({ style: 'percent', maximumFractionDigits: digits }).format(n) : DASH,
  /** A ratio as "1.4×". */
  times: (n: N) => (ok(n) ? `${nf({ maximumFractionDigits: 2 }).format(n)}×` : DASH),
  day: (s: string | null | undefined) => {
    const p = s ? parse(s) : null;
    if (!p) return s ? s : DASH;
    return df({ dateStyle: 'medium', ...(p.dayOnly && { timeZone: 'UTC' }) }).format(p.date);
  },
  when: (s: string | null | undefined) => {
    const p = s ? parse(s) : null;
    if (!p) return s ? s : DASH;
    if (p.dayOnly) return df({ dateStyle: 'medium', timeZone: 'UTC' }).format(p.date);
    return df({ dateStyle: 'medium', timeStyle: 'short' }).format(p.date);
  },
  /** A period start ('2024-03-01') as its month ("Mar 2024"). */
  month: (s: string | null | undefined) => {
    const p = s ? parse(s) : null;
    return p ? df({ month: 'short', year: 'numeric', timeZone: 'UTC' }).format(p.date) : (s ?? DASH);
  },
  /** Seconds as a duration in words ("3 min", "2.5 h", "4 days"). */
  duration: (seconds: N) => {
    if (!ok(seconds)) return DASH;
    const unit = (value: number, u: 'second' | 'minute' | 'hour' | 'day') =>
      nf({ style: 'unit', unit: u, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
    if (seconds < 90) return unit(seconds, 'second');
    if (seconds < 90 * 60) return unit(seconds / 60, 'minute');
    if (seconds < 36 * 3600) return unit(seconds / 3600, 'hour');
    return unit(seconds / 86400, 'day');
  },
  /** The browser's time zone, named ("Central European Standard Time" / its Polish name). */
  timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
};

/** Whether a field name holds money, a share or a ratio, so a value is formatted by its meaning. */
export const kindOf = shared.kindOf;

/** A value formatted by the meaning its field name gives it. */
export function byKind(name: string, v: unknown): string {
  if (typeof v !== 'number') return show(v);
  switch (kindOf(name)) {
    case 'money':
      return fmt.money(v);
    case 'share':
      return v >= 0 && v <= 1 ? fmt.pct(v) : fmt.num(v);
    case 'ratio':
      return fmt.times(v);
    case 'count':
      return fmt.int(v);
    default:
      return fmt.num(v);
  }
}

/** 'holdout_ratio', 'holdoutRatio', 'ios_users' as words ("iOS users"), for names the catalogue lacks. */
export const words = shared.words;

/** The app's language as the segment words (src/segments/words.ts) are handed it. */
export const voice: Voice = {
  get locale() {
    return locale();
  },
  t: (key, vars) => t(key as MessageKey, vars),
  has,
  fmt: { int: fmt.int, num: (n) => fmt.num(n), pct: (n) => fmt.pct(n), money: fmt.money, day: fmt.day },
};

/** The label of a field or score name from the data: the catalogue's words, else the name as words. */
export function label(name: string): string {
  return shared.fieldLabel(voice, name);
}

/** An RFM tier's name (as the model stores it: 'Champions', 'At risk') in the app's language. */
export function tierWords(tier: string): string {
  return shared.tierWords(voice, tier);
}

/**
 * A value of `field` in the app's language when it is a word of our own vocabulary (an RFM tier, a gender,
 * a message type, a device, a channel); anything else (the shop's own words, names, free text) as written.
 */
export function valueWords(field: string, v: string): string {
  return shared.valueWords(voice, field, v);
}

/**
 * A model card's data source ('customers, orders, feedback, messages', 'customers and their metrics') in the
 * app's language: each table named as the catalogue names it, joined as the locale joins a list.
 */
export function sourceWords(source: string): string {
  const names = source
    .split(/\s*,\s*|\s+and\s+/)
    .filter(Boolean)
    .map((name) => {
      const key = name === 'their metrics' ? 'theirMetrics' : name;
      const table = `label.${key}_table`;
      const plainKey = `label.${key}`;
      return has(table) ? t(table) : has(plainKey) ? t(plainKey) : name;
    })
    .map((w, i) => (i === 0 ? w : w.charAt(0).toLowerCase() + w.slice(1)));
  const text = new Intl.ListFormat(locale(), { type: 'conjunction' }).format(names);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// The order and separator of a numeric day in the app's language (pl-PL: 07.12.2026; en-US: 12/07/2026).
function dayParts(): { order: ('day' | 'month' | 'year')[]; separator: string } {
  const parts = df({ day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).formatToParts(
    new Date(Date.UTC(2026, 11, 7)),
  );
  const order = parts
    .map((p) => p.type)
    .filter(
      (type): type is 'day' | 'month' | 'year' => type === 'day' || type === 'month' || type === 'year',
    );
  const separator = parts.find((p) => p.type === 'literal')?.value ?? '/';
  return { order, separator };
}

/** An ISO day (YYYY-MM-DD) as the app's language writes it in a field ('' stays ''). */
export function dayField(iso: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  if (!m) return iso ?? '';
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return df({ day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** The pattern a day field is typed in, in the app's language (dd.mm.rrrr, mm/dd/yyyy). */
export function dayPattern(): string {
  const { order, separator } = dayParts();
  return order.map((part) => t(`day.pattern.${part}`)).join(separator);
}

/** A day typed in the app's language's order (any separators), or as an ISO day, as YYYY-MM-DD; null if none. */
export function parseDayField(text: string): string | null {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  const numbers = iso ? [iso[1], iso[2], iso[3]] : trimmed.split(/[^0-9]+/).filter(Boolean);
  if (numbers.length !== 3) return null;
  const order = iso ? (['year', 'month', 'day'] as const) : dayParts().order;
  const at: Record<string, number> = {};
  order.forEach((part, i) => {
    at[part] = Number(numbers[i]);
  });
  const { day, month, year } = at as { day: number; month: number; year: number };
  if (!(year >= 1000 && year <= 9999)) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Any JSON value as plain words (never JSON, never HTML). */
export function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return DASH;
  if (typeof v === 'number') return fmt.num(v);
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (typeof v === 'string') {
    if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(v))
      return fmt.when(v);
    if (v.startsWith('data:')) return t('common.image');
    if (v === 'yes' || v === 'no' || v === 'true' || v === 'false')
      return t(v === 'yes' || v === 'true' ? 'common.yes' : 'common.no');
    // A time unit a model or analysis was run with (CLV's `unit`, a cohort's grain).
    if (v === 'day' || v === 'week' || v === 'month') return t(`common.unit.${v}`);
    // A code from the data ('paid_search') reads as words.
    if (/^[a-z0-9]+(_[a-z0-9]+)+$/.test(v)) return v.replaceAll('_', ' ');
    return v;
  }
  if (Array.isArray(v)) return v.map(show).join(', ');
  return Object.entries(v as Record<string, unknown>)
    .filter(([k]) => k !== 'avatar')
    .map(([k, x]) => `${label(k)}: ${byKind(k, x)}`)
    .join('; ');
}

/**
 * Server sentences as a reader sees them: identifiers named in words ("decisionMaker" → "Decision makers",
 * "utm_source: x" → "Campaign source x"), and "520 revenue" with the shop's currency.
 */
export function plain(text: string): string {
  return text
    .replace(/`([^`]+)`/g, '$1')
    .replace(/"([^"]*)"/g, '“$1”')
    .replace(/\b\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?\b/g, (d) => fmt.when(d))
    .replace(/\butm_(\w+): /g, (_, k: string) => `${label(`utm_${k}`)} `)
    .replace(/\b[a-z]+(?:[A-Z][a-z]+)+\b/g, (w) => label(w).toLowerCase())
    .replace(
      /\b(worth about|mean CLV) (\d[\d,]*(?:\.\d+)?)(?![\d×%])/gu,
      (_, w: string, n: string) => `${w} ${fmt.money(Number(n.replaceAll(',', '')))}`,
    )
    .replace(
      // Not an amount the server already wrote with its currency ("$520 revenue", "PLN 520 revenue").
      /(?<!\p{Sc}|[A-Z]{3}\s?|[\d.,])\b(\d[\d,]*(?:\.\d+)?) revenue\b/gu,
      (_, n: string) => `${fmt.money(Number(n.replaceAll(',', '')))} ${t('common.revenueWord')}`,
    );
}
