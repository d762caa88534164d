export { warningLines } from './lines.js';
export { WARNING_CODES, Warning, type WarningCode, Warnings, warning } from './warning.js';
