/** The named RFM tiers, best first. */
export const RFM_TIERS = [
  'Champions',
  'Loyal',
  'Potential loyalist',
  'New',
  'Promising',
  'Need attention',
  'About to sleep',
  'At risk',
  "Can't lose them",
  'Hibernating',
  'Lost',
] as const;

/** One of {@link RFM_TIERS}. */
export type RfmTier = (typeof RFM_TIERS)[number];

/**
 * The tier of each (R, FM) pair: row R − 1, column FM − 1, where FM is the mean of the F and M
 * scores rounded half up. The common R × FM segmentation grid, made to cover all 25 cells once;
 * docs/models-clv.md shows it as a table and a test keeps the two equal.
 */
export const RFM_TIER_GRID: readonly (readonly RfmTier[])[] = [
  ['Lost', 'Lost', 'At risk', "Can't lose them", "Can't lose them"],
  ['Hibernating', 'Hibernating', 'At risk', 'At risk', 'At risk'],
  ['About to sleep', 'About to sleep', 'Need attention', 'Loyal', 'Loyal'],
  ['Promising', 'Potential loyalist', 'Potential loyalist', 'Loyal', 'Champions'],
  ['New', 'Potential loyalist', 'Potential loyalist', 'Champions', 'Champions'],
];

/** The combined frequency-monetary score: the mean of F and M, rounded half up. */
export function fmScore(f: number, m: number): number {
  return Math.floor((f + m + 1) / 2);
}

/** The tier of a recency score and a combined frequency-monetary score, each 1–5. */
export function rfmTier(r: number, fm: number): RfmTier {
  const tier = RFM_TIER_GRID[r - 1]?.[fm - 1];
  if (tier === undefined) throw new Error(`invalid rfm scores: r = ${r}, fm = ${fm}`);
  return tier;
}
