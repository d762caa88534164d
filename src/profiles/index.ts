export { findProfile, requireProfile } from './lookup.js';
export {
  explainProfile,
  getProfile,
  type Profile,
  type ProfileExplanation,
  type ProfileMetrics,
  type TimelineEntry,
} from './profile.js';
export { refreshProfiles } from './refresh.js';
export { type ParsedUserAgent, parseEventUserAgents, parseUserAgent } from './user-agents.js';
