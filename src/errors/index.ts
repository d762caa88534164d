export { engineConflict } from './engine.js';
export { assertUnreachable, ClienteleError, ERROR_CODES, type ErrorCode } from './registry.js';
