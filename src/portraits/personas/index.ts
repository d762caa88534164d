export { escapeXml } from '../../text/markup.js';
export { buildPersona, NOT_ENOUGH_DATA, type PersonaFigures, THRESHOLDS } from './build.js';
export { type CachedPersonas, type EarlierPersonas, personaCacheKey } from './cache.js';
export { personaHtml, personaPng, personaSvg } from './card.js';
export { applyEdit, editPersona, loadEdit, type PersonaEdit, type PersonaPatch } from './edits.js';
export {
  cachedPersonaFacts,
  computePersonaFacts,
  earlierPersonaFacts,
  generatePersonas,
  type PersonaFacts,
  type PersonaJob,
  type PersonaOptions,
  personaJob,
  personaOf,
  STAGE_SEGMENTS,
  saveStageSegments,
  sayPersonas,
  selectSegments,
} from './generate.js';
export { personaAvatar, personaName, type TakenIdentities, uniqueIdentity } from './identity.js';
export {
  applyPlaybook,
  type Condition,
  DEFAULT_PLAYBOOK,
  type PlaybookRule,
  parsePlaybook,
  playbookFigures,
} from './playbook.js';
export type { Action, ActiveTimes, Evidence, MustHave, Persona, Stage } from './types.js';
