import { isPhrase, type Phrase, say } from '../i18n/phrase.js';
import { type Speaker, speaker } from '../i18n/speak.js';
import type { Warning } from '../warnings/index.js';

/** A model card: what a run fitted, on which data, how good it is and what to keep in mind (Mitchell et al. 2019). */
export interface ModelCard {
  readonly model: string;
  readonly title: string;
  /** What the model does and how, in a sentence or two. */
  readonly what: string;
  readonly data: {
    readonly source: string;
    readonly windowStart: string | null;
    readonly windowEnd: string | null;
    readonly rowsRead: number;
    readonly rowsUsed: number;
    readonly customers: number;
  };
  readonly parameters: Readonly<Record<string, unknown>>;
  /** How good: the figures a reader checks first. */
  readonly quality: Readonly<Record<string, number | string | null>>;
  readonly caveats: readonly string[];
  /** What this run's data could not support (the same warnings the run returned). */
  readonly warnings?: readonly Warning[];
  readonly scores: readonly string[];
  /**
   * The title, what and caveats as catalogue phrases ({@link CardWords}), kept with the run so the card is
   * said in the reader's language ({@link sayCard}); answers carry the sentences only.
   */
  readonly said?: unknown;
}

/** A card's sentences as phrases of the catalogue (src/i18n/findings.en.ts, `modelCard.*`). */
export interface CardWords {
  readonly title: Phrase;
  readonly what: Phrase;
  readonly caveats: readonly Phrase[];
}

const EN = speaker('en');

/** A card's title, what and caveats in English, with the phrases they were said from. */
export function cardWords(words: CardWords): Pick<ModelCard, 'title' | 'what' | 'caveats' | 'said'> {
  return {
    title: say(EN, words.title),
    what: say(EN, words.what),
    caveats: words.caveats.map((c) => say(EN, c)),
    said: words,
  };
}

/**
 * A stored card in the speaker's language: its title, what and caveats said again from its phrases (a card
 * recorded before phrases were kept stays as written), without the phrases themselves.
 */
export function sayCard<C extends { readonly said?: unknown }>(card: C, s: Speaker): Omit<C, 'said'> {
  const { said, ...rest } = card;
  const w = said as Partial<CardWords> | undefined;
  if (s.locale === 'en' || !w || !isPhrase(w.title) || !isPhrase(w.what) || !Array.isArray(w.caveats))
    return rest;
  return {
    ...rest,
    title: say(s, w.title),
    what: say(s, w.what),
    caveats: w.caveats.filter(isPhrase).map((c) => say(s, c)),
  };
}
