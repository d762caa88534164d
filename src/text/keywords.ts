/**
 * Keyword matching for alerts and filters: whole words and hashtags, any case, optionally with diacritics
 * folded (`zolty` finds `żółty`), in any script. Keywords are literal text: `c++`, `a.b` or `(x)` match
 * themselves, never as a regular expression. A keyword of several words matches them with any white space
 * between.
 */

/** Options of `matchKeywords`. */
export interface MatchOptions {
  /** Compare without diacritics (`é` = `e`, `ł` = `l`). */
  readonly foldDiacritics?: boolean;
}

/** Lower case, NFC, and with `fold` the marks removed (and `ł`, `ø`, `đ`, `ß`, which do not decompose). */
export function normalizeForMatch(text: string, fold = false): string {
  const lower = text.normalize('NFC').toLocaleLowerCase('und');
  if (!fold) return lower;
  return lower
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ł/g, 'l')
    .replace(/ø/g, 'o')
    .replace(/đ/g, 'd')
    .replace(/ß/g, 'ss')
    .normalize('NFC');
}

// Outside a character class, `u` mode refuses needless escapes such as `\-` and `\/`: only real metacharacters.
const literal = (text: string): string => text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
const WORD = '[\\p{L}\\p{M}\\p{N}_]';

/** A matcher for one keyword list, compiled once and used on many texts. */
export function keywordMatcher(
  keywords: readonly string[],
  options: MatchOptions = {},
): (text: string) => string[] {
  const fold = options.foldDiacritics === true;
  const patterns: { keyword: string; re: RegExp }[] = [];
  const seen = new Set<string>();
  for (const keyword of keywords) {
    const norm = normalizeForMatch(keyword.trim(), fold);
    if (norm === '' || seen.has(norm)) continue;
    seen.add(norm);
    const body = norm.split(/\s+/u).map(literal).join('\\s+');
    // A boundary is only asked for where the keyword itself starts or ends with a word character: `#sale`
    // must not be glued to a word after it, and `c++` is followed by anything but a word character.
    const head = new RegExp(`^${WORD}`, 'u').test(norm) ? `(?<!${WORD})` : '';
    const tail = new RegExp(`${WORD}$`, 'u').test(norm) ? `(?!${WORD})` : '';
    patterns.push({ keyword: keyword.trim(), re: new RegExp(`${head}${body}${tail}`, 'u') });
  }
  return (text: string) => {
    const norm = normalizeForMatch(text, fold);
    return patterns.filter((p) => p.re.test(norm)).map((p) => p.keyword);
  };
}

/** The keywords (as given, first spelling of each) that occur in `text` as whole words or hashtags. */
export function matchKeywords(
  text: string,
  keywords: readonly string[],
  options: MatchOptions = {},
): string[] {
  return keywordMatcher(keywords, options)(text);
}
