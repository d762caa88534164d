import { minimize } from '../optimize/index.js';

/** Options shared by every maximum-likelihood fit. */
export interface FitOptions {
  /** Restarts of the optimiser from its best point; default 4. */
  restarts?: number;
  /** Iteration budget of each optimiser run; default 2000. */
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

// Parameters are searched as logarithms, kept within e^±LOG_BOUND: a fit that runs into that box is
// degenerate (e.g. nobody ever repeats), and is reported finite but not converged.
const LOG_BOUND = 25;

/**
 * Maximises a log-likelihood over positive parameters by minimising the mean negative
 * log-likelihood in log-parameter space.
 */
export function maximizeLikelihood(
  logLikelihood: (params: Float64Array) => number,
  start: ArrayLike<number>,
  customers: number,
  options: FitOptions,
): { params: Float64Array; logLikelihood: number; iterations: number; converged: boolean } {
  const theta0 = Float64Array.from(start, (v) => Math.log(v));
  const params = new Float64Array(theta0.length);
  const objective = (theta: Float64Array): number => {
    for (let i = 0; i < theta.length; i++) {
      const t = theta[i] ?? 0;
      if (!(Math.abs(t) <= LOG_BOUND)) return Number.POSITIVE_INFINITY;
      params[i] = Math.exp(t);
    }
    const ll = logLikelihood(params);
    return Number.isFinite(ll) ? -ll / customers : Number.POSITIVE_INFINITY;
  };
  const result = minimize(objective, theta0, {
    restarts: options.restarts ?? 4,
    maxIterations: options.maxIterations ?? 2000,
    gradientTolerance: options.gradientTolerance ?? 1e-7,
  });
  const atBound = result.x.some((t) => Math.abs(t) > LOG_BOUND - 1);
  const best = Float64Array.from(result.x, (t) => Math.exp(t));
  return {
    params: best,
    logLikelihood: logLikelihood(best),
    iterations: result.iterations,
    converged: result.converged && !atBound && Number.isFinite(result.value),
  };
}
