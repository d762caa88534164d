export { WARNING_CODES, Warning, type WarningCode, Warnings, warning, warningLines } from './warning.js';
