export { type BfgsOptions, bfgs } from './bfgs.js';
export { numericalGradient } from './gradient.js';
export { type MinimizeOptions, minimize } from './minimize.js';
export { type NelderMeadOptions, nelderMead } from './nelderMead.js';
export type { MinimizeResult, Objective } from './types.js';
