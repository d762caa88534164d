export { type Better, quintileScores, type Ties } from './quintiles.js';
export { type RfmColumns, type RfmScores, scoreRfm } from './score.js';
export { fmScore, RFM_TIER_GRID, RFM_TIERS, type RfmTier, rfmTier } from './tiers.js';
