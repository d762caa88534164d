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
}

/**
 * Robust local minimisation for smooth likelihoods: a coarse Nelder–Mead from the start (tolerant
 * of a poor start and of infinite values), then BFGS with numerical gradients to converge, then
 * restarts — a small fresh simplex around the best point, polished again — until a restart no
 * longer improves the value. The restarts guard against the premature collapse Nelder–Mead is
 * known for (McKinnon 1998) and against BFGS stopping on a flat stretch.
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
  for (let round = 0; round <= restarts; round++) {
    const simplex = nelderMead(objective, best?.x ?? start, {
      initialStep: round === 0 ? (options.initialStep ?? 0.5) : 0.1 / round,
      xTolerance: 1e-3,
      fTolerance: 1e-7,
      maxIterations,
    });
    const polish = bfgs(objective, simplex.x, { gradientTolerance, maxIterations });
    iterations += simplex.iterations + polish.iterations;
    evaluations += simplex.evaluations + polish.evaluations;
    const candidate = polish.value <= simplex.value ? polish : { ...simplex, converged: false };
    const improvement = best === undefined ? Number.POSITIVE_INFINITY : best.value - candidate.value;
    if (best === undefined || candidate.value <= best.value) best = candidate;
    // Stop once a restart from a converged point no longer improves it.
    if (round > 0 && best.converged && !(improvement > 1e-10 * Math.max(1, Math.abs(best.value)))) break;
  }
  const result = best ?? { x: start, value: Number.NaN, iterations: 0, evaluations: 0, converged: false };
  return { x: result.x, value: result.value, iterations, evaluations, converged: result.converged };
}
