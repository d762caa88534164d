export { engineConflict } from './engine.js';
export { onSurface, optionName, type Surface } from './option.js';
export { assertUnreachable, ClienteleError, ERROR_CODES, type ErrorCode } from './registry.js';
