/**
 * The demo business generator: a synthetic multichannel retailer with planted, documented structure
 * (docs/demo-data.md), streamed to one file per importable kind plus the ground truth.
 */
export { COLUMNS, EVENT_KEYS, TRAITS } from './columns.js';
export { generateDemo } from './generate.js';
export { demoFiles } from './import-order.js';
export type { GenerateOptions, GenerateResult } from './options.js';
export { FILE_NAMES } from './out.js';
export { TRUTH_COLUMNS } from './truth.js';
