import { CLV_LIMITS } from './clv-checks.js';
import { finite } from './columns.js';
import type { WarehouseHistories } from './histories.js';

/** Predicted against actual repeat purchases in the holdout, overall and by calibration frequency. */
export interface HoldoutCheck {
  /** Holdout length in the model's unit. */
  readonly length: number;
  readonly predicted: number | null;
  readonly actual: number;
  /** predicted / actual. */
  readonly ratio: number | null;
  /**
   * Whether the holdout holds enough repeat purchases (`CLV_LIMITS.holdoutPurchases`) for predicted
   * against actual to say anything about the fit; when false the figures are chance and a warning says so.
   */
  readonly sufficient: boolean;
  readonly meanAbsoluteError: number | null;
  /** Mean predicted and actual holdout purchases by calibration repeat count 0…6 and 7+ (Fader, Hardie & Lee 2005, fig. 4). */
  readonly byFrequency: readonly {
    x: string;
    customers: number;
    predicted: number | null;
    actual: number | null;
  }[];
}

/** Compares each customer's expected holdout purchases with the purchase days actually seen. */
export function holdoutCheck(h: WarehouseHistories, expected: Float64Array): HoldoutCheck {
  const groups = Array.from({ length: 8 }, () => ({ customers: 0, predicted: 0, actual: 0 }));
  let predicted = 0;
  let actual = 0;
  let absolute = 0;
  for (let i = 0; i < h.x.length; i++) {
    const e = expected[i] ?? 0;
    const a = h.holdoutX[i] ?? 0;
    predicted += e;
    actual += a;
    absolute += Math.abs(e - a);
    const g = groups[Math.min(7, h.x[i] ?? 0)];
    if (g) {
      g.customers++;
      g.predicted += e;
      g.actual += a;
    }
  }
  return {
    length: finite(h.holdoutLength) ?? 0,
    predicted: finite(predicted),
    actual,
    ratio: actual > 0 ? finite(predicted / actual, 4) : null,
    sufficient: actual >= CLV_LIMITS.holdoutPurchases,
    meanAbsoluteError: h.x.length ? finite(absolute / h.x.length, 4) : null,
    byFrequency: groups.map((g, k) => ({
      x: k === 7 ? '7+' : String(k),
      customers: g.customers,
      predicted: g.customers ? finite(g.predicted / g.customers, 4) : null,
      actual: g.customers ? finite(g.actual / g.customers, 4) : null,
    })),
  };
}
