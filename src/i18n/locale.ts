/** The languages Clientele speaks: every sentence a person reads exists in each. */
export const LOCALES = ['en', 'pl'] as const;

/** One of {@link LOCALES}. */
export type Locale = (typeof LOCALES)[number];

/** The BCP 47 tag numbers, dates and plural rules are formatted with. */
export function tagOf(locale: Locale): string {
  return locale === 'pl' ? 'pl-PL' : 'en-US';
}

/** `value` as a locale if it names one ('pl', 'pl-PL', 'pl_PL.UTF-8', 'PL'), else null. */
export function asLocale(value: string | null | undefined): Locale | null {
  if (!value) return null;
  const base = value
    .trim()
    .toLowerCase()
    .split(/[-_.@]/)[0];
  return (LOCALES as readonly string[]).includes(base ?? '') ? (base as Locale) : null;
}

/**
 * The best of our locales for an Accept-Language header (RFC 9110 §12.5.4): ranges by quality, the first
 * whose primary tag we speak; `*` or nothing we speak gives null (the caller's default, English).
 */
export function fromAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const ranges = header
    .split(',')
    .map((part, i) => {
      const [range = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)?.[1]).find((x) => x !== undefined);
      return { range: range.trim(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((r) => r.range && r.q > 0 && Number.isFinite(r.q))
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const r of ranges) {
    const l = asLocale(r.range);
    if (l) return l;
  }
  return null;
}

/**
 * The locale of a request or a command: an explicit choice (`?lang=`, `--lang`) first, then the
 * Accept-Language header, then the environment (CLIENTELE_LANG, then LANG), else English.
 */
export function pickLocale(
  sources: {
    explicit?: string | null | undefined;
    acceptLanguage?: string | null | undefined;
    env?: Readonly<Record<string, string | undefined>>;
  } = {},
): Locale {
  return (
    asLocale(sources.explicit) ??
    fromAcceptLanguage(sources.acceptLanguage) ??
    asLocale(sources.env?.CLIENTELE_LANG) ??
    asLocale(sources.env?.LANG) ??
    'en'
  );
}
