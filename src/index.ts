/**
 * Clientele as a library: the same operations the CLI runs.
 *
 *   import { openWarehouse, importFile } from 'clientele';
 *   const db = await openWarehouse('./clientele.duckdb');
 *   const summary = await importFile(db, 'orders.csv', { kind: 'orders' });
 *   await db.close();
 */
export {
  adjustedRandIndex,
  chooseK,
  clusterProfiles,
  encodeFeatures,
  kmeans,
  silhouette,
  stability,
} from './clustering/index.js';
export { type GenerateOptions, type GenerateResult, generateDemo } from './demo/index.js';
export {
  type FieldSpec,
  type FieldType,
  isKindName,
  KIND_NAMES,
  KINDS,
  type KindName,
  type KindSpec,
} from './domain/kinds.js';
// A warning or hint names an option once as a mark (`{--tracking-url}`); onSurface says it for its reader.
export { ClienteleError, ERROR_CODES, type ErrorCode, onSurface, type Surface } from './errors/index.js';
export {
  effectiveRules,
  type IdentifierType,
  type IdentityRules,
  normalizeEmail,
  normalizePhone,
  type ResolveOptions,
  type ResolveSummary,
  resolveIdentities,
} from './identity/index.js';
export {
  type ExplicitMap,
  type ImportOptions,
  type ImportSummary,
  importFile,
  listRejects,
  type RejectRow,
  type RejectsQuery,
} from './ingest/index.js';
export {
  type AnomalyOptions,
  type AnomalyResult,
  anomalies,
  type BasketOptions,
  type BasketResult,
  basketRules,
  type CohortOptions,
  type CohortResult,
  type ConcentrationOptions,
  type ConcentrationResult,
  type CrossSellResult,
  cohorts,
  concentration,
  crossSell,
  type FunnelOptions,
  type FunnelResult,
  funnel,
  type PathOptions,
  type PathResult,
  paths,
  type ScanOptions,
  type ScanResult,
  scan,
  type TrendOptions,
  type TrendResult,
  trend,
} from './mining/index.js';
export {
  type ChurnOptions,
  type ChurnResult,
  type ClvResult,
  type ClvRunOptions,
  type LookalikeOptions,
  type LookalikeResult,
  listRuns,
  type ModelCard,
  type ModelRun,
  type RegressOptions,
  type RegressResult,
  type RfmOptions,
  type RfmResult,
  runAliveChurn,
  runChurn,
  runClv,
  runLookalike,
  runRegress,
  runRfm,
} from './modeling/index.js';
export {
  compareSegments,
  editPersona,
  generatePersonas,
  type Persona,
  type PersonaOptions,
  type PlaybookRule,
  personaHtml,
  personaOf,
  personaPng,
  personaSvg,
  profileSegment,
  type SegmentComparison,
  type SegmentProfile,
} from './portraits/index.js';
export {
  compactDatabase,
  type ForgetOptions,
  type ForgetResult,
  forgetPerson,
  PURPOSES,
  type Purpose,
  type SubjectExport,
  subjectExport,
  writeSubjectExport,
} from './privacy/index.js';
export { explainProfile, findProfile, getProfile, type Profile, refreshProfiles } from './profiles/index.js';
export {
  compileExpression,
  compileSegment,
  deleteSegment,
  evaluateSegment,
  exportSegment,
  formatSegment,
  getSegment,
  listSegments,
  parseSegment,
  previewSegment,
  refreshSegments,
  type SegmentNode,
  type SegmentSummary,
  saveSegment,
  saveStaticSegment,
  segmentMembers,
} from './segments/index.js';
export {
  compileDefinitions,
  DEFAULT_SETTINGS,
  DEFINITIONS,
  type Definition,
  type DefinitionSettings,
  readSettings,
  writeSetting,
} from './semantics/index.js';
export { DEFAULT_DB_PATH, migrate, openWarehouse, resolveDbPath, type Warehouse } from './store/index.js';
export { WARNING_CODES, Warning, type WarningCode, Warnings } from './warnings/index.js';
