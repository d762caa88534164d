/**
 * Keyword and social alerts (issue 15): evaluated on every import and every API event exactly once per
 * (alert, record); hits go to an inbox and, through the outbox, to the alert's webhook.
 */

export { keywordMatcher, type MatchOptions, matchKeywords, normalizeForMatch } from '../text/index.js';
export { alertOnArrivals } from './arrivals.js';
export {
  type AlertEvaluation,
  type AlertHit,
  alertInbox,
  evaluateAlerts,
  hasAlerts,
  isAction,
} from './evaluate.js';
export { sentimentScore } from './sentiment.js';
export { type Candidate, candidates } from './sources.js';
export {
  ALERT_ACTIONS,
  ALERT_SOURCES,
  type Alert,
  type AlertAction,
  type AlertInput,
  type AlertSource,
  createAlert,
  deleteAlert,
  getAlert,
  listAlerts,
  parseKeywords,
} from './store.js';
