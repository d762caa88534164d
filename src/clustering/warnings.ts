/**
 * What a clustering cannot support, as warnings: clusters too small to describe a kind of customer,
 * clusters that overlap (low silhouette), and a partition that bootstrap refits do not reproduce.
 * docs/clustering.md ("Warnings") gives the thresholds and their sources.
 */
import { type Warning, warning } from '../warnings/index.js';
import type { Stability } from './stability.js';

/** Thresholds of the clustering warnings. */
export const CLUSTER_LIMITS = {
  /** A cluster with fewer members than this is tiny: too few for a portrait or a persona to state findings. */
  tinyMembers: 30,
  /** … or with a smaller share of the profiles than this: k-means spent a centre on a few outliers. */
  tinyShare: 0.01,
  /** A mean silhouette at or below this: "no substantial structure" (Kaufman & Rousseeuw 1990). */
  silhouette: 0.25,
  /** A mean adjusted Rand index of the bootstrap refits below this: the partition is not stable. */
  meanAri: 0.6,
} as const;

/** The warnings of a clustering from its cluster sizes, silhouette and stability check. */
export function clusterWarnings(
  segments: readonly { name: string; count: number; share: number }[],
  silhouette: number,
  stability: Stability | null,
): Warning[] {
  const out: Warning[] = [];
  const tiny = segments.filter(
    (s) => s.count < CLUSTER_LIMITS.tinyMembers || s.share < CLUSTER_LIMITS.tinyShare,
  );
  if (tiny.length) {
    out.push(
      warning(
        'CLT_WARN_CLUSTER_TINY',
        `${tiny.map((s) => `${s.name} has ${s.count} members (${(100 * s.share).toFixed(1)} %)`).join(', ')}: fewer than ${CLUSTER_LIMITS.tinyMembers} or under ${100 * CLUSTER_LIMITS.tinyShare} % of the profiles, too few to describe a kind of customer (often a few outliers); try a smaller k or the log of a skewed feature`,
      ),
    );
  }
  if (silhouette <= CLUSTER_LIMITS.silhouette) {
    out.push(
      warning(
        'CLT_WARN_CLUSTER_WEAK_SEPARATION',
        `mean silhouette ${silhouette.toFixed(3)} (at most ${CLUSTER_LIMITS.silhouette}): the clusters overlap, so read them as ranges of a continuum rather than distinct kinds of people`,
      ),
    );
  }
  if (stability && stability.meanAri < CLUSTER_LIMITS.meanAri) {
    out.push(
      warning(
        'CLT_WARN_CLUSTER_UNSTABLE',
        `bootstrap refits agree with these clusters at a mean adjusted Rand index of ${stability.meanAri.toFixed(3)} (lowest ${stability.minAri.toFixed(3)}, below ${CLUSTER_LIMITS.meanAri}): another sample of the same customers would cut them differently`,
      ),
    );
  }
  return out;
}
