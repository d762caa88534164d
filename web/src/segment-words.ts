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

/**
 * The name of anything else saved under a key (a destination, audience, campaign, experiment, placement,
 * journey, an experiment's variant, a journey's step) as a person reads it. None of them has a display name
 * of its own (src/contracts/activation.ts, src/contracts/journeys.ts): the key is the name, read by the same
 * rules as a segment's, so a play's parts (`play-at-risk`) have the play's title and a snake_case or dashed
 * key reads as words (`welcome_back` → "Welcome back").
 */
export function nameTitle(name: string): string {
  return segmentTitle(name);
}

/**
 * A rule in the segment language inside a sentence ("If {rule}, …"): as `ruleWords`, without the capital
 * the sentence's own start takes; null when the text is not a rule.
 */
export function ruleClause(expression: string): string | null {
  return shared.ruleClause(voice, expression);
}

/**
 * An event's property filters as the segment language writes them after `with` (`revenue >= 50, coupon =
 * true`) in words: "with revenue is at least …"; null when they do not parse.
 */
export function filterWords(where: string): string | null {
  return shared.filterWords(voice, where);
}

/** An event's name in a sentence, as the rules' words name it: “Order Completed”, in the reader's language. */
export function eventTitle(event: string): string {
  return shared.eventTitle(voice, event);
}

/**
 * A journey's step as a person reads it: a shipped play's steps (a journey named `play-…`) from the catalogue
 * in the app's language, any other id as words.
 */
export function stepTitle(journey: string | null | undefined, id: string): string {
  return shared.stepTitle(voice, journey, id);
}

/** A journey's description: the one a play wrote from the catalogue in the app's language, a typed one as typed. */
export function journeyDescription(journey: string, description: string | null | undefined): string {
  return shared.journeyDescription(voice, journey, description);
}

/** An experiment's variant by its title: a shipped play's (its experiment named `play-…`) from the catalogue. */
export function playVariantTitle(experiment: string | null | undefined, variant: string): string {
  return shared.variantTitle(voice, experiment, variant);
}
