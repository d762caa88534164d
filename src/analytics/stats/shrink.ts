/**
 * Shrinks rows of shares towards the mean share of the rows present, by `strength` pseudo-observations
 * (additive smoothing towards the population, the empirical-Bayes reading of a Dirichlet prior):
 * share = (n × own share + strength × mean share) / (n + strength), n being the row's observations.
 * `shares` holds `rows × width` values row after row; a row whose first value is NaN is absent and stays so.
 * Works in place and returns `shares`.
 */
export function shrinkShares(
  shares: Float64Array,
  width: number,
  observations: ArrayLike<number>,
  strength: number,
): Float64Array {
  if (!(strength > 0) || width === 0) return shares;
  const rows = shares.length / width;
  const mean = new Float64Array(width);
  let present = 0;
  for (let r = 0; r < rows; r++) {
    if (!Number.isFinite(shares[r * width])) continue;
    present++;
    for (let l = 0; l < width; l++) mean[l]! += shares[r * width + l]!;
  }
  if (present === 0) return shares;
  for (let l = 0; l < width; l++) mean[l]! /= present;
  for (let r = 0; r < rows; r++) {
    if (!Number.isFinite(shares[r * width])) continue;
    const n = observations[r] ?? 0;
    for (let l = 0; l < width; l++)
      shares[r * width + l] = (n * shares[r * width + l]! + strength * mean[l]!) / (n + strength);
  }
  return shares;
}
