import vader from 'vader-sentiment';

/**
 * A text's sentiment in [-1, 1]: VADER's compound score (Hutto & Gilbert 2014). The text pipeline of
 * issue 15 (src/text) stores a score per document; alerts read this one until the two are made one.
 */
export function sentimentScore(text: string): number {
  if (!text) return 0;
  // VADER is a lexicon for English social text; longer texts are cut, the score is of the opening.
  return vader.SentimentIntensityAnalyzer.polarity_scores(text.slice(0, 5_000)).compound;
}
