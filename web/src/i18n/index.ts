import { useEffect, useState } from 'react';
import { formatMessage } from '../../../src/i18n/icu.js';
import { en, type Messages, type Plural } from './en.js';
import { pl } from './pl.js';

/** The languages of the app. */
export type Lang = 'en' | 'pl';
export const LANGS: readonly Lang[] = ['en', 'pl'];

/** A message's key in the catalogues. */
export type MessageKey = keyof typeof en;

const CATALOGUES: Record<Lang, Messages> = { en, pl };

// The browser's objects, typed here so the catalogues also load outside a browser (unit tests under Node).
const host = globalThis as unknown as {
  location?: { search: string };
  navigator?: { languages?: readonly string[]; language?: string };
  document?: { documentElement: { lang: string } };
};

/** The browser's first language the app has, else English (the server's Accept-Language comes from the same list). */
function detect(): Lang {
  // Outside a browser (unit tests): English until told otherwise.
  if (!host.location || !host.navigator) return 'en';
  const asked = new URLSearchParams(host.location.search).get('lang');
  if (asked === 'en' || asked === 'pl') return asked;
  for (const l of host.navigator.languages ?? [host.navigator.language ?? 'en']) {
    const base = l.toLowerCase().split('-')[0];
    if (base === 'pl' || base === 'en') return base;
  }
  return 'en';
}

let current: Lang = detect();
if (host.document) host.document.documentElement.lang = current;
const listeners = new Set<(l: Lang) => void>();

/** The language the app speaks now. */
export function lang(): Lang {
  return current;
}

/** The BCP 47 locale numbers and dates are formatted in. */
export function locale(): string {
  return current === 'pl' ? 'pl-PL' : 'en-US';
}

/** Switches the language; every screen subscribed through useLang() draws again. */
export function setLang(l: Lang): void {
  if (l === current) return;
  current = l;
  if (host.document) host.document.documentElement.lang = l;
  for (const f of listeners) f(l);
}

/** The current language, re-rendering the caller when it changes. */
export function useLang(): Lang {
  const [l, set] = useState(current);
  useEffect(() => {
    listeners.add(set);
    return () => {
      listeners.delete(set);
    };
  }, []);
  return l;
}

function fill(text: string, vars?: Record<string, string | number>): string {
  if (!vars) return text;
  // A message shared with the server (src/i18n/shared.ts) picks its plural forms inside the text (ICU).
  if (text.includes(', plural,'))
    return formatMessage(text, vars, {
      plural: new Intl.PluralRules(locale()),
      number: (n) => new Intl.NumberFormat(locale(), { maximumFractionDigits: 2 }).format(n),
    });
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

function pick(value: string | Plural, n: number): string {
  if (typeof value === 'string') return value;
  const form = new Intl.PluralRules(locale()).select(n) as keyof Plural;
  return value[form] ?? value.other;
}

/** The message `key` in the current language with `{name}` placeholders filled. */
export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  const value = CATALOGUES[current][key] ?? en[key];
  return fill(pick(value, typeof vars?.n === 'number' ? vars.n : 1), vars);
}

/** A plural message: `n` picks the form by the language's plural rules (Polish: one, few, many). */
export function tn(key: MessageKey, n: number, vars?: Record<string, string | number>): string {
  const value = CATALOGUES[current][key] ?? en[key];
  return fill(pick(value, n), { n: new Intl.NumberFormat(locale()).format(n), ...vars });
}

/** Whether the catalogue has `key` (for labels looked up by a name from the data). */
export function has(key: string): key is MessageKey {
  return key in en;
}
