/** The logistic function 1/(1 + e^−η), computed without overflow on either side. */
export function sigmoid(eta: number): number {
  if (eta >= 0) return 1 / (1 + Math.exp(-eta));
  const e = Math.exp(eta);
  return e / (1 + e);
}

/** softplus(t) = log(1 + eᵗ) without overflow or loss of digits for large |t|. */
export function softplus(t: number): number {
  return Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t)));
}

/** Bernoulli log-likelihood of label y ∈ {0, 1} at logit η: yη − log(1 + e^η). */
export function bernoulliLogLikelihood(y: number, eta: number): number {
  return y === 1 ? -softplus(-eta) : -softplus(eta);
}
