export { digamma } from './digamma.js';
export { logHyp2f1 } from './hyp2f1.js';
export { logAddExp, logSubExp } from './logexp.js';
export { benjaminiHochberg } from './multiple-testing.js';
export { mad, median } from './robust.js';
export { shrinkShares } from './shrink.js';
export { type Moments, type TestResult, twoProportionZ, welchT } from './two-sample.js';
