export type { ChannelEngagement, ProductFigure, Trend } from './activity.js';
export { type CompareSide, compareSegments, type SegmentComparison } from './compare.js';
export type { Contrast, ContrastSet } from './contrast.js';
export * from './personas/index.js';
export { profileSegment, type ScoreFigure, type SegmentProfile } from './profile.js';
export { benjaminiHochberg, cohenD, cohenH, lift, type Moments, twoProportionZ, welchT } from './stats.js';
