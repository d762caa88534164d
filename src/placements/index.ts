/** Placements and the personalization decision (`GET /v1/decide`): ordered rules over profile and context. */
export { type DecideContext, type Decision, decide, deviceOf, localTime, type Visitor } from './decide.js';
export { CONTEXT_FIELDS, checkRules, PlacementRule, PlacementRules } from './rules.js';
export { DECIDE_SCRIPT } from './script.js';
export { getPlacement, listPlacements, type Placement, savePlacement } from './store.js';
