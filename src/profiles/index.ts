export { listProfiles, type ProfileListPage, type ProfileSearch, searchProfiles } from './list.js';
export {
  findProfile,
  identifierCandidates,
  profileNumber,
  requireProfile,
  requireProfileTimeline,
} from './lookup.js';
export {
  explainProfile,
  getProfile,
  type Profile,
  type ProfileExplanation,
  type ProfileMetrics,
  profileTimeline,
} from './profile.js';
export { refreshProfiles } from './refresh.js';
export { ensureProfileRows, rebuildProfileRows } from './rows.js';
export type { TimelineEntry, TimelinePage, TimelineQuery } from './timeline.js';
export { type ParsedUserAgent, parseEventUserAgents, parseUserAgent } from './user-agents.js';
