/** Which end of a measure is better: more (frequency, money) or less (days since the last purchase). */
export type Better = 'higher' | 'lower';

/**
 * Scores each value 1–5 by the quintile of its mid-rank percentile p = (w + t/2)/n, where w counts
 * the values strictly worse and t the values equal to it (Hazen's percentile rank): the score is
 * 1 + ⌊5p⌋. Equal values share a score and the input order does not matter; distinct values fall
 * into five groups as equal as n allows; a tie lands where its middle falls, so identical values
 * all score 3 and a bottom 60 % tied at one purchase scores 2, leaving 1 empty. NaN (missing)
 * counts as worse than any number.
 */
export function quintileScores(values: Float64Array, better: Better): Uint8Array {
  if (better !== 'higher' && better !== 'lower')
    throw new Error(`invalid better: ${better} (expected higher or lower)`);
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
    scores[i] = Math.min(5, 1 + Math.floor((5 * (worse + tied / 2)) / n));
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
