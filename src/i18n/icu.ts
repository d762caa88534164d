/**
 * A small subset of ICU MessageFormat: `{name}` and `{n, plural, one {…} few {…} many {…} other {…}}` with
 * `=N` exact cases and `#` for the formatted number. Plural forms follow Intl.PluralRules of the locale, so
 * Polish gets one (1), few (2–4, 22–24 …), many (5–21, 25 …) and other (fractions).
 */
export type Vars = Readonly<Record<string, string | number | null | undefined>>;

/** What formatting a message needs from its locale. */
export interface IcuLocale {
  readonly plural: Intl.PluralRules;
  readonly number: (n: number) => string;
}

/** `template` with its placeholders filled from `vars` (an unknown name stays as written, to be seen). */
export function formatMessage(template: string, vars: Vars, locale: IcuLocale): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const c = template[i];
    if (c !== '{') {
      out += c;
      i++;
      continue;
    }
    const end = matching(template, i);
    out += placeholder(template.slice(i + 1, end), vars, locale);
    i = end + 1;
  }
  return out;
}

function matching(s: string, open: number): number {
  let depth = 0;
  for (let j = open; j < s.length; j++) {
    if (s[j] === '{') depth++;
    else if (s[j] === '}' && --depth === 0) return j;
  }
  throw new Error(`unclosed placeholder in message: ${s}`);
}

function placeholder(body: string, vars: Vars, locale: IcuLocale): string {
  const m = /^\s*(\w+)\s*,\s*plural\s*,([\s\S]*)$/.exec(body);
  if (!m) {
    const name = body.trim();
    const v = vars[name];
    if (v === undefined) return `{${body}}`;
    if (v === null) return '–';
    return typeof v === 'number' ? locale.number(v) : v;
  }
  const n = Number(vars[m[1] as string] ?? Number.NaN);
  const options = cases(m[2] as string);
  const chosen = options.get(`=${n}`) ?? options.get(locale.plural.select(n)) ?? options.get('other') ?? '';
  // `#` is the number; the case's own placeholders are filled too.
  return formatMessage(chosen.replaceAll('#', Number.isFinite(n) ? locale.number(n) : '–'), vars, locale);
}

function cases(s: string): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  while (i < s.length) {
    const start = s.indexOf('{', i);
    if (start < 0) break;
    const selector = s.slice(i, start).trim();
    const end = matching(s, start);
    out.set(selector, s.slice(start + 1, end));
    i = end + 1;
  }
  return out;
}
