/** Text made safe for the pipeline, whatever bytes it came from. */

/** The largest text analysed, in UTF-16 units; the rest of a longer text is left out (and said so). */
export const MAX_TEXT = 1_000_000;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text made safe to analyse: control characters (NUL and other bytes of binary junk) become spaces, lone
 * surrogates (half an emoji cut by a byte limit) become spaces, and text beyond `MAX_TEXT` is cut.
 */
export function cleanText(raw: string): { text: string; truncated: boolean } {
  const truncated = raw.length > MAX_TEXT;
  const cut = truncated ? raw.slice(0, MAX_TEXT) : raw;
  const text = cut
    .replace(LONE_SURROGATE, ' ')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/g, ' ');
  return { text, truncated };
}
