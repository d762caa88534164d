export { type AuditIssue, type AuditOptions, type AuditResult, runAudit, type SourceAudit } from './audit.js';
export { checkEmail, checkPhone, checkPostalCode, type EmailCheck, typoOf } from './contacts.js';
export * from './dedupe/index.js';
export * from './drift/index.js';
export { parseInterval, staleCutoff } from './duration.js';
export * from './map/index.js';
export { ownersBySource, setSourceOwner } from './owners.js';
export * from './schedule/index.js';
export { type StaleContact, type Staleness, staleness } from './staleness.js';
