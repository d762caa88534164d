import { quintileScores } from './quintiles.js';
import { fmScore, type RfmTier, rfmTier } from './tiers.js';

/** One value per customer: days (or any unit) since the last purchase, purchase count, spend. */
export interface RfmColumns {
  recency: Float64Array;
  frequency: Float64Array;
  monetary: Float64Array;
}

/** Quintile scores 1–5 per customer, the combined FM score and the tier. */
export interface RfmScores {
  r: Uint8Array;
  f: Uint8Array;
  m: Uint8Array;
  fm: Uint8Array;
  tier: RfmTier[];
}

/**
 * Scores customers on recency (fewer days since the last purchase is better), frequency and
 * monetary value (more is better) by quintile, and names their tier from the R × FM grid. Frequency
 * ties score at their low end: purchase counts are heavily tied (most shops' customers bought once),
 * and a mid-rank would lift a majority of one-time buyers to F = 2 or 3 — with all customers one-time,
 * F = 3 and a big spender recently seen lands in Loyal. Scored low, every one-time buyer has F = 1,
 * so FM ≤ 3 and no one-time buyer is in Champions or Loyal.
 */
export function scoreRfm(data: RfmColumns): RfmScores {
  const n = data.recency.length;
  if (data.frequency.length !== n || data.monetary.length !== n) {
    throw new Error(
      `column length mismatch: recency ${n}, frequency ${data.frequency.length}, monetary ${data.monetary.length}`,
    );
  }
  const r = quintileScores(data.recency, 'lower');
  const f = quintileScores(data.frequency, 'higher', 'low');
  const m = quintileScores(data.monetary, 'higher');
  const fm = f.map((fi, i) => fmScore(fi, m[i] ?? 1));
  const tier = Array.from(r, (ri, i) => rfmTier(ri, fm[i] ?? 1));
  return { r, f, m, fm, tier };
}
