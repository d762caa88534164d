import { bfgs } from './bfgs.js';
import { nelderMead } from './nelderMead.js';
import { checkStart, type MinimizeResult, type Objective } from './types.js';

/** Options of {@link minimize}. */
export interface MinimizeOptions {
  /** Size of the first Nelder–Mead simplex. Default 0.5 (suits log-parameters). */
  initialStep?: number;
  /** BFGS stops when the largest gradient component is below this. Default 1e-7. */
  gradientTolerance?: number;
  /** How many times at most to restart from the best point. Default 3. */
  restarts?: number;
  /** Iteration budget of each Nelder–Mead or BFGS run. Default 2000. */
  maxIterations?: number;
  /** Analytic gradient: BFGS then starts straight from `x0`, and uses it instead of differences. */
  gradient?: (x: Float64Array) => Float64Array;
}

/**
 * Robust local minimisation for smooth likelihoods: a coarse Nelder–Mead from the start (tolerant
 * of a poor start and of infinite values), then BFGS with numerical gradients to converge, then
 * restarts — a small fresh simplex around the best point, polished again — until a restart no
 * longer improves the value. The restarts guard against the premature collapse Nelder–Mead is
 * known for (McKinnon 1998) and against BFGS stopping on a flat stretch. With an analytic
 * gradient the first round is BFGS alone, which is much cheaper on large data.
 */
export function minimize(
  objective: Objective,
  x0: ArrayLike<number>,
  options: MinimizeOptions = {},
): MinimizeResult {
  const start = checkStart(x0);
  const restarts = options.restarts ?? 3;
  const maxIterations = options.maxIterations ?? 2000;
  const gradientTolerance = options.gradientTolerance ?? 1e-7;
  let best: MinimizeResult | undefined;
  let iterations = 0;
  let evaluations = 0;
  const gradient = options.gradient;
  for (let round = 0; round <= restarts; round++) {
    let simplex: MinimizeResult | undefined;
    if (round > 0 || gradient === undefined) {
      simplex = nelderMead(objective, best?.x ?? start, {
        // A small simplex around a converged point; a full-size one otherwise.
        initialStep: best?.converged ? 0.1 / round : (options.initialStep ?? 0.5),
        xTolerance: 1e-3,
        fTolerance: 1e-7,
        maxIterations,
      });
      iterations += simplex.iterations;
      evaluations += simplex.evaluations;
    }
    const polish = bfgs(objective, simplex?.x ?? start, {
      gradientTolerance,
      maxIterations,
      ...(gradient && { gradient }),
    });
    iterations += polish.iterations;
    evaluations += polish.evaluations;
    const candidate =
      simplex === undefined || polish.value <= simplex.value ? polish : { ...simplex, converged: false };
    const improvement = best === undefined ? Number.POSITIVE_INFINITY : best.value - candidate.value;
    if (best === undefined || candidate.value <= best.value) best = candidate;
    // Stop once a restart no longer improves the best point (converged or not: a restart that
    // gains nothing will not gain on the next one either).
    if (round > 0 && !(improvement > 1e-10 * Math.max(1, Math.abs(best.value)))) break;
  }
  const result = best ?? { x: start, value: Number.NaN, iterations: 0, evaluations: 0, converged: false };
  return { x: result.x, value: result.value, iterations, evaluations, converged: result.converged };
}
