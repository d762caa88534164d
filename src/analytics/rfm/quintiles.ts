/** Which end of a measure is better: more (frequency, money) or less (days since the last purchase). */
export type Better = 'higher' | 'lower';

/**
 * Where a tie is scored: at its middle ('mid', Hazen's mid-rank) or at its worst end ('low', the
 * competition rank of pandas' `rank(method='min')`), so that the customers tied at the bottom all get 1.
 */
export type Ties = 'mid' | 'low';

/**
 * Scores each value 1–5 by the quintile of its mid-rank percentile p = (w + t/2)/n, where w counts
 * the values strictly worse and t the values equal to it (Hazen's percentile rank): the score is
 * 1 + ⌊5p⌋. Equal values share a score and the input order does not matter; distinct values fall
 * into five groups as equal as n allows; a tie lands where its middle falls, so identical values
 * all score 3 and a bottom 60 % tied at one purchase scores 2, leaving 1 empty. With `ties: 'low'`
 * a tie scores where its worst member would, 1 + ⌊5w/n⌋: the bottom tie always scores 1 and identical
 * values all score 1. NaN (missing) counts as worse than any number.
 */
export function quintileScores(values: Float64Array, better: Better, ties: Ties = 'mid'): Uint8Array {
  if (better !== 'higher' && better !== 'lower')
    throw new Error(`invalid better: ${better} (expected higher or lower)`);
  if (ties !== 'mid' && ties !== 'low') throw new Error(`invalid ties: ${ties} (expected mid or low)`);
  const n = values.length;
  // Typed-array sort is numeric and puts NaN last.
  const sorted = Float64Array.from(values).sort();
  let known = n;
  while (known > 0 && Number.isNaN(sorted[known - 1])) known--;
  const missing = n - known;
  const scores = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i] ?? Number.NaN;
    let worse = 0;
    let tied = missing;
    if (!Number.isNaN(v)) {
      const below = countBelow(sorted, known, v);
      const atMost = countAtMost(sorted, known, v);
      tied = atMost - below;
      worse = missing + (better === 'higher' ? below : known - atMost);
    }
    const rank = ties === 'mid' ? worse + tied / 2 : worse;
    scores[i] = Math.min(5, 1 + Math.floor((5 * rank) / n));
  }
  return scores;
}

function countBelow(sorted: Float64Array, length: number, v: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function countAtMost(sorted: Float64Array, length: number, v: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
