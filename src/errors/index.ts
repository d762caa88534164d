export { assertUnreachable, ClienteleError, ERROR_CODES, type ErrorCode } from './registry.js';
