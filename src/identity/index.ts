export { ensureCurrent, isStale, onResolved } from './current.js';
export { addRecords, type Conflict, emptyGraph, type GraphRecord, type GraphState, settle } from './graph.js';
export {
  DEFAULT_NORMALIZE,
  type NormalizeOptions,
  normalizeEmail,
  normalizeHandle,
  normalizeId,
  normalizePhone,
} from './normalize.js';
export {
  type ResolveOptions,
  type ResolveSummary,
  resolveIdentities,
} from './resolve.js';
export { blockIdentifier, listConflicts, unblockIdentifier } from './review.js';
export { effectiveRules, normalizeIdentifier } from './rules.js';
export { DEFAULT_RULES, IDENTIFIER_TYPES, type IdentifierType, type IdentityRules } from './types.js';
