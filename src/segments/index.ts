/**
 * Segments you write: the compact text form is parsed to a tree, validated against the fields that exist,
 * then compiled to SQL with bound parameters (or evaluated in memory, the reference the compiler is tested
 * against).
 */
export { checkBudget, DEFAULT_SEGMENT_BUDGET, type SegmentBudget } from './budget.js';
export { type CompileOptions, type CompileResult, compileSegment } from './compile.js';
export { type EvaluateOptions, evaluateSegment, type ProfileEvent, type ProfileRow } from './evaluate.js';
export { type ExportFormat, exportSegment, type SegmentExport } from './export.js';
export { formatSegment, formatValue } from './format.js';
export { MEMBER_SORTS, type MemberSort } from './member-sort.js';
export {
  type AndNode,
  type CompareNode,
  type CompareOp,
  compareValues,
  type EventNode,
  type InSegmentNode,
  type NotNode,
  type OrNode,
  PropertyFilter,
  ScalarOp,
  type SegmentKind,
  SegmentNode,
  SegmentValue,
} from './nodes.js';
export { type ParseResult, parseSegment, type SyntaxIssue } from './parse.js';
export {
  onSegmentsRefreshed,
  type RefreshOptions,
  refreshSegments,
  type SegmentRefreshed,
} from './refresh.js';
export {
  type FieldType,
  PROFILE_COLUMNS,
  type ResolvedField,
  resolveField,
  SCORE_FIELDS,
  type SegmentSchema,
  unknownFieldMessage,
} from './schema.js';
export {
  compileExpression,
  deleteSegment,
  getSegment,
  listSegments,
  previewSegment,
  type SegmentRefresh,
  type SegmentSummary,
  type StaticSegment,
  saveSegment,
  saveStaticSegment,
  segmentMembers,
  segmentSchema,
} from './store.js';
export { type SegmentIssue, type SegmentLookup, type ValidateOptions, validateSegment } from './validate.js';
export { EVENT_NAMES, type FieldValue, fieldValues } from './values.js';
