export { type Breakdown, type Overview, type OverviewParams, OverviewService } from './service.js';
export { profileScores, type ValueSummary, valueSummary } from './value.js';
