/**
 * Journeys: a trigger (a segment entered or left, an event, a date such as a birthday, a score crossing a
 * threshold) followed by steps (wait, branch, destination, e-mail, tag, exit), each person's position stored
 * and advanced by `clientele journeys run` and `clientele serve`.
 */
export type { StepCounts } from './advance.js';
export type { EmailOutcome, SkipReason } from './email.js';
export { edgesOf, graphIssues, type JourneyIssue, nextOf } from './graph.js';
export { type JourneyRun, type RunOptions, runJourneys } from './run.js';
export {
  JourneyDefinition,
  type QuietHours,
  type Reentry,
  type Step,
  type StepKind,
  type Trigger,
} from './schema.js';
export {
  createJourney,
  createJourneyFromFile,
  DEFAULT_SETTINGS,
  deleteJourney,
  describeTrigger,
  getJourney,
  type Journey,
  type JourneySettings,
  listJourneys,
  readSettings,
  setJourneyState,
  writeSettings,
} from './store.js';
export {
  isZone,
  localTime,
  nextClockTime,
  parseDuration,
  quietUntil,
  waitUntil,
  zonedInstant,
  zoneOf,
} from './time.js';
export { type JourneyUpdate, survivorOf, updateJourney, updateJourneyFromFile } from './update.js';
export { checkJourney, journeyError, parseEventFilters, shapeIssues } from './validate.js';
