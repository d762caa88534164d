export { findProfile } from './lookup.js';
export {
  explainProfile,
  getProfile,
  type Profile,
  type ProfileExplanation,
  type ProfileMetrics,
  type TimelineEntry,
} from './profile.js';
export { refreshProfiles } from './refresh.js';
