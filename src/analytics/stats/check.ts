/** Throws unless `df` is a positive number of degrees of freedom (Infinity allowed where noted by callers). */
export function checkDegreesOfFreedom(df: number, what = 'degrees of freedom'): void {
  if (!(df > 0)) throw new Error(`invalid ${what}: ${df}`);
}

/** Throws unless `p` is a probability strictly between 0 and 1. */
export function checkOpenProbability(p: number): void {
  if (!(p > 0 && p < 1)) throw new Error(`invalid probability: ${p} (expected 0 < p < 1)`);
}
