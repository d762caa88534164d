export { engineConflict } from './engine.js';
export { optionName } from './option.js';
export { assertUnreachable, ClienteleError, ERROR_CODES, type ErrorCode } from './registry.js';
