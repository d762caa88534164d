export { buildPersona, type PersonaFigures, THRESHOLDS } from './build.js';
export { escapeXml, personaHtml, personaPng, personaSvg } from './card.js';
export { applyEdit, editPersona, loadEdit, type PersonaEdit, type PersonaPatch } from './edits.js';
export {
  generatePersonas,
  type PersonaOptions,
  personaOf,
  STAGE_SEGMENTS,
  saveStageSegments,
  selectSegments,
} from './generate.js';
export { personaAvatar, personaName } from './identity.js';
export {
  applyPlaybook,
  type Condition,
  DEFAULT_PLAYBOOK,
  type PlaybookRule,
  parsePlaybook,
  playbookFigures,
} from './playbook.js';
export type { Action, ActiveTimes, Evidence, Persona, Stage } from './types.js';
