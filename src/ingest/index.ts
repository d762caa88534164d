export type { RejectCode } from './convert.js';
export { type FileFormat, inspectFile } from './detect.js';
export { type ImportOptions, type ImportSummary, importFile } from './import.js';
export {
  type ColumnHow,
  type ColumnMapping,
  type ColumnReading,
  type ExplicitMap,
  mapColumns,
  parseExplicitMap,
  readExplicitMap,
} from './mapping.js';
export { listRejects, type RejectRow, type RejectsQuery } from './rejects.js';
export { DEFAULT_MAX_LINE_BYTES, type SourceOptions } from './source.js';
