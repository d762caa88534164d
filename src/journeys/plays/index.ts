/** Ready plays: the seeds' plays as segment + journey + template (+ a holdout), set up in one step. */
export { type ExpectedLift, PLAYS, type Play } from './catalog.js';
export { type EnableOptions, enablePlay, listPlays, type PlayEnabled, type PlaySummary } from './enable.js';
