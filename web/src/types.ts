/**
 * The API's answers as the screens read them: the server's contracts (src/contracts), imported as types
 * only, so the web app and the server cannot disagree on a field. UI-only types go below them.
 */

export type { ModelCard, ModelRun } from '@contracts/models';
export type { Breakdown, Overview } from '@contracts/overview';
export type { Profile, ProfileRow } from '@contracts/profiles';
export type { ResonanceReport } from '@contracts/resonance';
export type { SegmentSummary } from '@contracts/segments';
