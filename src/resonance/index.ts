/** Which e-mails resonate (issue 15): open, click and reply rates by type, subject word and send hour. */
export {
  bestHour,
  type Resonance,
  type ResonanceGroup,
  type ResonanceOptions,
  resonanceOf,
  type Send,
  subjectWords,
} from './measure.js';
export { type ResolvedScope, type ResonanceScope, readSends, resolveScope } from './read.js';
export { type ResonanceReport, resonanceReport } from './report.js';
export { RESONANCE_TRAITS, writeResonanceTraits } from './traits.js';
