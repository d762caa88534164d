import { minimize } from '../optimize/index.js';

/** Options shared by every maximum-likelihood fit. */
export interface FitOptions {
  /** Restarts of the optimiser from its best point; default 4. */
  restarts?: number;
  /** Iteration budget of each optimiser run; default 500. */
  maxIterations?: number;
  /** Largest gradient of the mean log-likelihood (in log-parameters) that counts as converged; default 1e-7. */
  gradientTolerance?: number;
}

/** What every fit returns besides its parameters. */
export interface FitSummary {
  logLikelihood: number;
  /** Customers the fit used (the sum of the counts). */
  customers: number;
  iterations: number;
  converged: boolean;
}

// Parameters are searched as logarithms, kept within e^±LOG_BOUND: beyond it the objective is its
// value on the boundary plus a quadratic penalty, which keeps it finite and smooth so that the
// optimiser settles there. A fit that ends on the boundary is degenerate (nobody repeats, or every
// customer has the same dropout probability) and is reported finite but not converged.
const LOG_BOUND = 25;

/**
 * Maximises a log-likelihood over positive parameters by minimising the mean negative
 * log-likelihood in log-parameter space, with the likelihood's analytic gradient when it has one.
 */
export function maximizeLikelihood(
  logLikelihood: (params: Float64Array) => number,
  start: ArrayLike<number>,
  customers: number,
  options: FitOptions,
  gradient?: (params: Float64Array) => Float64Array,
): { params: Float64Array; logLikelihood: number; iterations: number; converged: boolean } {
  const theta0 = Float64Array.from(start, (v) => Math.log(v));
  const params = new Float64Array(theta0.length);
  // d(−LL/n)/dθᵢ = −pᵢ · ∂LL/∂pᵢ / n, with pᵢ = e^θᵢ.
  const logGradient =
    gradient &&
    ((theta: Float64Array): Float64Array => {
      const clamped = theta.map((t) => Math.max(-LOG_BOUND, Math.min(LOG_BOUND, t)));
      const p = clamped.map(Math.exp);
      const g = gradient(p);
      return theta.map((t, i) =>
        t === clamped[i] ? (-(p[i] ?? 0) * (g[i] ?? 0)) / customers : 2 * (t - (clamped[i] ?? 0)),
      );
    });
  const objective = (theta: Float64Array): number => {
    let penalty = 0;
    for (let i = 0; i < theta.length; i++) {
      const t = theta[i] ?? 0;
      if (Number.isNaN(t)) return Number.POSITIVE_INFINITY;
      const clamped = Math.max(-LOG_BOUND, Math.min(LOG_BOUND, t));
      penalty += (t - clamped) ** 2;
      params[i] = Math.exp(clamped);
    }
    const ll = logLikelihood(params);
    return Number.isFinite(ll) ? -ll / customers + penalty : Number.POSITIVE_INFINITY;
  };
  const result = minimize(objective, theta0, {
    restarts: options.restarts ?? 4,
    maxIterations: options.maxIterations ?? 500,
    gradientTolerance: options.gradientTolerance ?? 1e-7,
    ...(logGradient && { gradient: logGradient }),
  });
  const atBound = result.x.some((t) => Math.abs(t) > LOG_BOUND - 1);
  const best = Float64Array.from(result.x, (t) => Math.exp(Math.max(-LOG_BOUND, Math.min(LOG_BOUND, t))));
  return {
    params: best,
    logLikelihood: logLikelihood(best),
    iterations: result.iterations,
    converged: result.converged && !atBound && Number.isFinite(result.value),
  };
}
