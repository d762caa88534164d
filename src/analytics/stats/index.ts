export { digamma } from './digamma.js';
export { logHyp2f1 } from './hyp2f1.js';
export { logAddExp, logSubExp } from './logexp.js';
