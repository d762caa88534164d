/**
 * Countries as ISO 3166-1 alpha-2 codes: CRM exports write the same country as `US`, `USA`, `United
 * States` or `Deutschland`, and a segment `country = 'US'` must find them all. Names come from
 * i18n-iso-countries (English, German, French, Spanish, with their short forms), plus the alpha-3 codes.
 */
import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';
import { duckdbDialect } from '../store/dialect.js';

const require = createRequire(import.meta.url);
const LANGS = ['en', 'de', 'fr', 'es'] as const;
for (const lang of LANGS) countries.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`));

// Names people write that the library's lists lack.
const EXTRA: Readonly<Record<string, string>> = {
  america: 'US',
  'united states of america': 'US',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  holland: 'NL',
};

const key = (name: string): string => name.trim().toLowerCase();

let table: ReadonlyMap<string, string> | undefined;

/** Every known way of writing a country (lower-cased), with its alpha-2 code. */
export function countryAliases(): ReadonlyMap<string, string> {
  if (table) return table;
  const out = new Map<string, string>();
  for (const [code, alpha3] of Object.entries(countries.getAlpha2Codes()).map(([a2]) => [
    a2,
    countries.alpha2ToAlpha3(a2),
  ])) {
    out.set(key(code!), code!);
    if (alpha3) out.set(key(alpha3), code!);
  }
  for (const lang of LANGS) {
    for (const [code, names] of Object.entries(countries.getNames(lang, { select: 'all' }))) {
      for (const name of names) if (!out.has(key(name))) out.set(key(name), code);
    }
  }
  for (const [name, code] of Object.entries(EXTRA)) out.set(name, code);
  table = out;
  return out;
}

/** The alpha-2 code of a country however it is written, or null when it is not a known country. */
export function countryCode(value: string): string | null {
  return countryAliases().get(key(value)) ?? null;
}

let values: string | undefined;

/** The aliases as an SQL `VALUES` list of (alias, code) rows, for a join in the engine. */
export function countryValuesSql(): string {
  values ??= [...countryAliases()]
    .map(([alias, code]) => `(${duckdbDialect.literal(alias)}, ${duckdbDialect.literal(code)})`)
    .join(', ');
  return values;
}

/** An SQL expression: the alpha-2 code of the country `expr` holds, else `expr` as written. */
export function countrySql(expr: string): string {
  return `coalesce((SELECT cc.code FROM (VALUES ${countryValuesSql()}) AS cc(alias, code) WHERE cc.alias = lower(trim(${expr}))), ${expr})`;
}
