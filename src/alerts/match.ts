/**
 * Keyword matching for alerts: whole words and hashtags, any case, diacritics folded optionally, in any
 * script; keywords are literal text (regex metacharacters mean themselves). The text pipeline of issue 15
 * (src/text) exposes `matchKeywords` with this contract; this one is kept small so the two can be made one.
 */

/** How keywords are matched. */
export interface MatchOptions {
  /** Fold diacritics on both sides (`zazolc` finds `zażółć`); on by default. */
  readonly foldDiacritics?: boolean;
}

// Letters that carry no combining mark in Unicode, so NFD leaves them alone (Polish ł, Danish ø, German ß).
const PLAIN: Readonly<Record<string, string>> = { ł: 'l', đ: 'd', ø: 'o', ß: 'ss', æ: 'ae', œ: 'oe', ı: 'i' };

/** Text lower-cased (and folded) the way keywords and texts are compared. */
export function normalizeForMatch(text: string, fold: boolean): string {
  const lower = text.normalize('NFC').toLowerCase();
  if (!fold) return lower;
  return lower
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[łđøßæœı]/g, (c) => PLAIN[c] ?? c);
}

const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A matcher for a keyword list: returns the keywords (as given) found in a text, in list order. */
export function keywordMatcher(
  keywords: readonly string[],
  options: MatchOptions = {},
): (text: string) => string[] {
  const fold = options.foldDiacritics ?? true;
  const patterns = keywords
    .map((k) => k.trim())
    .filter(Boolean)
    .map((k) => {
      const body = normalizeForMatch(k, fold).split(/\s+/).map(literal).join('\\s+');
      // A word boundary in any script: no letter, digit, mark or underscore on either side. A keyword
      // finds its hashtag (`sale` in `#sale`); `#sale` finds only the hashtag.
      return {
        keyword: k,
        re: new RegExp(`(?<![\\p{L}\\p{N}\\p{M}_])${body}(?![\\p{L}\\p{N}\\p{M}_])`, 'u'),
      };
    });
  return (text) => {
    if (!text) return [];
    const t = normalizeForMatch(text, fold);
    return patterns.filter((p) => p.re.test(t)).map((p) => p.keyword);
  };
}

/** The keywords of `keywords` found in `text` (whole words and hashtags, any case). */
export function matchKeywords(
  text: string,
  keywords: readonly string[],
  options: MatchOptions = {},
): string[] {
  return keywordMatcher(keywords, options)(text);
}
