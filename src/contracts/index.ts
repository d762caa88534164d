/**
 * The API's contracts: one TypeBox schema per command's options and per answer, used by the routes (request
 * and response schemas, the OpenAPI document), the CLI (options and their defaults), the services
 * (defaults) and the web app (`Static<>` types, imported type-only). `checks.ts` keeps the services' own
 * result types equal to these at compile time.
 */
export * as admin from './admin.js';
export * as housekeeping from './housekeeping.js';
export * as imports from './imports.js';
export * as mining from './mining.js';
export * as models from './models.js';
export * as overview from './overview.js';
export * as personas from './personas.js';
export * as privacy from './privacy.js';
export * as profiles from './profiles.js';
export * as reports from './reports.js';
export * as resonance from './resonance.js';
export * as segmentValues from './segment-values.js';
export * as segments from './segments.js';
export { ERRORS, ErrorReply, replies } from './shared.js';
export * as status from './status.js';
export * as voice from './voice.js';
