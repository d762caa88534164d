/**
 * Segments that emerge: k-means (k-means++ starts, Lloyd's iterations on one or more threads) over
 * standardized features, k chosen by silhouette, stability by bootstrap refits, and the adjusted Rand
 * index to compare partitions. Plain functions over typed arrays, no I/O.
 */
export { adjustedRandIndex } from './ari.js';
export {
  decodeCentre,
  type EncodedFeature,
  type Encoding,
  encodeFeatures,
  type FeatureInput,
} from './encode.js';
export { kmeansPlusPlus } from './init.js';
export { type KMeansOptions, type KMeansResult, kmeans } from './kmeans.js';
export type { Matrix } from './matrix.js';
export { type Assigner, createAssigner } from './pool.js';
// The service over the warehouse (the one file here that does I/O): `clientele cluster`.
export { type ClusterOptions, type ClusterRun, type ClusterSegment, clusterProfiles } from './run.js';
export { type ChooseKOptions, type ChooseKResult, chooseK, clusterWithK, type KScore } from './select.js';
export { type SilhouetteOptions, silhouette } from './silhouette.js';
export { nearestCentre, type Stability, type StabilityOptions, stability } from './stability.js';
export { CLUSTER_LIMITS, clusterWarnings } from './warnings.js';
