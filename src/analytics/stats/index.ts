export { chiSquareSf } from './chi-square.js';
export { fisherFSf } from './fisher-f.js';
export { logHyp2f1 } from './hyp2f1.js';
export { logAddExp, logSubExp } from './logexp.js';
export { normalCdf, normalQuantile, normalSf, normalTwoSidedP } from './normal.js';
export { studentTCdf, studentTQuantile, studentTTwoSidedP } from './student-t.js';
