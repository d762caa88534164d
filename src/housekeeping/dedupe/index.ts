export { COMPARISONS, type PersonRecord } from './compare.js';
export { autoAccept, type DecisionResult, decidePair, undoDecision } from './decide.js';
export { fitEm, matchProbabilities } from './fellegi-sunter.js';
export { jaroWinkler } from './jaro-winkler.js';
export { sameName, variantsOf } from './nicknames.js';
export { type DedupePair, type DedupeResult, findDuplicates, loadRecords, pairKey } from './run.js';
