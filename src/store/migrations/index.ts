import * as initial from './001_initial.js';
import * as models from './002_models.js';
import * as eventApi from './004_event_api.js';
import * as identity from './005_identity.js';
import * as profiles from './006_profiles.js';
import * as segments from './007_segments.js';
import * as segmentHistory from './008_segment_history.js';
import * as personas from './010_personas.js';
import * as upkeep from './011_upkeep.js';
import * as fieldAliases from './012_field_aliases.js';
import * as security from './013_security.js';
import * as importKeys from './014_import_keys.js';
import * as privacy from './015_privacy.js';
import * as definitions from './016_definitions.js';
import * as encryption from './017_encryption.js';
import * as activation from './018_activation.js';
import * as social from './019_social.js';
import * as housekeeping from './020_housekeeping.js';
import * as fastPaths from './021_fast_paths.js';
import * as journeys from './022_journeys.js';
import * as engagement from './023_engagement.js';
import * as journeyVersions from './024_journey_versions.js';
import * as serverMode from './025_server_mode.js';
import * as profileReads from './026_profile_reads.js';
import * as userLanguage from './027_user_language.js';
import * as personaAsked from './028_persona_asked.js';

/** One versioned schema change. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** In DuckDB's spelling (translated by `dialect.ddl`); may be empty when the change is PostgreSQL's only. */
  readonly sql: string;
  /** Run instead of `sql` on PostgreSQL, when given. */
  readonly postgresSql?: string;
}

/** Every migration, in the order they apply. */
export const MIGRATIONS: readonly Migration[] = [
  initial,
  models,
  eventApi,
  identity,
  profiles,
  segments,
  segmentHistory,
  personas,
  upkeep,
  fieldAliases,
  security,
  importKeys,
  privacy,
  definitions,
  encryption,
  social,
  activation,
  housekeeping,
  fastPaths,
  journeys,
  engagement,
  journeyVersions,
  serverMode,
  profileReads,
  userLanguage,
  personaAsked,
];
