/**
 * The population stability index of a distribution against a baseline: bins at the baseline's deciles,
 * PSI = Σ (current − baseline) · ln(current / baseline) over the bins' shares, each share floored at 1e-4 so an
 * empty bin stays finite. Read as the industry does: below 0.1 stable, 0.1 to 0.25 watch, 0.25 and above drifted.
 */

export const PSI_WATCH = 0.1;
export const PSI_DRIFTED = 0.25;
const FLOOR = 1e-4;

/** Bin edges at the baseline's deciles (ties merged, so a many-zeros feature has fewer bins). */
export function decileEdges(baseline: readonly number[]): number[] {
  const sorted = [...baseline].filter(Number.isFinite).sort((a, b) => a - b);
  if (!sorted.length) return [];
  const edges: number[] = [];
  for (let q = 1; q < 10; q++) {
    const v = sorted[Math.min(sorted.length - 1, Math.floor((q * sorted.length) / 10))]!;
    if (!edges.length || v > edges[edges.length - 1]!) edges.push(v);
  }
  return edges;
}

function shares(values: readonly number[], edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  let n = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    // Bin i holds values below edges[i]; the last holds the rest.
    let i = 0;
    while (i < edges.length && v >= edges[i]!) i++;
    counts[i]!++;
    n++;
  }
  return counts.map((c) => Math.max(FLOOR, n ? c / n : 0));
}

/** PSI of `current` against `baseline`; 0 when either is empty. */
export function psi(baseline: readonly number[], current: readonly number[]): number {
  if (!baseline.length || !current.length) return 0;
  const edges = decileEdges(baseline);
  const b = shares(baseline, edges);
  const c = shares(current, edges);
  let total = 0;
  for (let i = 0; i < b.length; i++) total += (c[i]! - b[i]!) * Math.log(c[i]! / b[i]!);
  return total;
}

export type DriftStatus = 'stable' | 'watch' | 'drifted';

export function statusOf(value: number): DriftStatus {
  return value >= PSI_DRIFTED ? 'drifted' : value >= PSI_WATCH ? 'watch' : 'stable';
}
