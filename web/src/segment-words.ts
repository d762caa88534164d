// Segments in words: a saved segment's title (never its stored id) and its rule as a sentence in the app's
// language. The words are defined once, in src/segments/words.ts, which the static report (src/reports)
// says too; these are its functions in the app's current language (web/src/format.ts: `voice`).
import type { SegmentValue } from '../../src/segments/nodes.js';
import * as shared from '../../src/segments/words.js';
import { voice } from './format.js';

/**
 * A saved segment's name as a person reads it: a name a person gave (`display`) wins; the segments Clientele
 * makes have titles in the catalogue; a stored id reads as words (`ios_users` → "iOS users").
 */
export function segmentTitle(name: string, display?: string | null): string {
  return shared.segmentTitle(voice, name, display);
}

/** One value of a condition on `field`: numbers by the field's meaning, our own words translated. */
export function conditionValue(field: string, v: SegmentValue): string {
  return shared.conditionValue(voice, field, v);
}

/**
 * A segment rule (its text form) as a sentence in the app's language; null when the text is not a rule (a
 * clustering's description), which the caller then leaves out rather than show as code.
 */
export function ruleWords(expression: string): string | null {
  return shared.ruleWords(voice, expression);
}

/** What a saved segment holds, in words: its rule, or for the segments Clientele makes, what they are. */
export function segmentRuleWords(s: {
  name: string;
  kind: string;
  expression: string | null;
}): string | null {
  return shared.segmentRuleWords(voice, s);
}

/**
 * A warning on a segment's card without the segment's stored name in front ("repeat_buyers: not enough
 * data…"): the card says whose it is.
 */
export const ownWarning = shared.ownWarning;

/** Fewer measurements than this draw no line of a segment's size (src/segments/words.ts). */
export const LINE_POINTS = shared.LINE_POINTS;

/** A segment's size over time in a sentence, for too few measurements to draw. */
export function sizesSentence(sizes: readonly { at: string; size: number }[]): string | null {
  return shared.sizesSentence(voice, sizes);
}
