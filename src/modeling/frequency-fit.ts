import { bgNbdProbabilityOfPurchases } from '../analytics/clv/index.js';

/** Customers with each number of repeat purchases in the calibration period: counted, and as BG/NBD expects. */
export interface FrequencyBin {
  /** Repeat purchases: 0, 1 … and, in the last bin, that many or more. */
  readonly repeat: number;
  readonly orMore: boolean;
  readonly actual: number;
  readonly expected: number;
}

/** Bins drawn: 0 … 6 repeat purchases and "7 or more" (Fader, Hardie & Lee 2005, figure 2). */
export const FREQUENCY_BINS = 8;

/**
 * The calibration-period fit of BG/NBD: how many customers made 0, 1, … 7+ repeat purchases, against the
 * number the fitted model expects, Σᵢ P(X(Tᵢ) = x) over customers (Fader, Hardie & Lee 2005, eq. 8 and
 * figure 2). Customers of the same age T share one evaluation.
 */
export function frequencyFit(
  h: { readonly x: ArrayLike<number>; readonly T: ArrayLike<number> },
  params: { readonly r: number; readonly alpha: number; readonly a: number; readonly b: number },
): FrequencyBin[] {
  const last = FREQUENCY_BINS - 1;
  const actual = new Float64Array(FREQUENCY_BINS);
  const ages = new Map<number, number>();
  for (let i = 0; i < h.x.length; i++) {
    const x = h.x[i] ?? 0;
    actual[Math.min(last, Math.max(0, Math.round(x)))]! += 1;
    const T = h.T[i] ?? 0;
    ages.set(T, (ages.get(T) ?? 0) + 1);
  }
  const expected = new Float64Array(FREQUENCY_BINS);
  const counts = Array.from({ length: last }, (_, k) => k);
  for (const [T, customers] of ages) {
    if (!(T > 0)) {
      expected[0]! += customers;
      continue;
    }
    const p = bgNbdProbabilityOfPurchases(counts, { params, t: T });
    let head = 0;
    for (let k = 0; k < last; k++) {
      const pk = Number.isFinite(p[k]) ? (p[k] as number) : 0;
      expected[k]! += customers * pk;
      head += pk;
    }
    expected[last]! += customers * Math.max(0, 1 - head);
  }
  return Array.from({ length: FREQUENCY_BINS }, (_, k) => ({
    repeat: k,
    orMore: k === last,
    actual: actual[k] ?? 0,
    expected: Math.round((expected[k] ?? 0) * 10) / 10,
  }));
}
