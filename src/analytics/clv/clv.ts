import { type BgNbdModel, bgNbdConditionalExpectedPurchases } from './bgnbd.js';
import { type GammaGammaModel, gammaGammaExpectedSpend } from './gammagamma.js';
import { checkHistories, type PurchaseHistories } from './history.js';
import { type ParetoNbdModel, paretoNbdConditionalExpectedPurchases } from './paretonbd.js';
import { checkTimeUnit, compressHistories, type TimeUnit } from './summary.js';

/** A fitted purchase model: BG/NBD or Pareto/NBD, tagged as the fits tag themselves. */
export type PurchaseModel = ({ model: 'bgnbd' } & BgNbdModel) | ({ model: 'paretonbd' } & ParetoNbdModel);

/** Histories with each customer's mean repeat-purchase value z̄. */
export interface ValueHistories extends PurchaseHistories {
  zbar: Float64Array;
}

/** Options of {@link customerLifetimeValue}. */
export interface ClvOptions {
  /** The model of purchase counts, e.g. the result of `fitBgNbd`. */
  purchases: PurchaseModel;
  /** The model of spend per purchase, e.g. the result of `fitGammaGamma`. */
  spend: GammaGammaModel;
  /** Time unit of t_x and T, which the models were fitted in. */
  unit: TimeUnit;
  /** Horizon in months; default 12. */
  months?: number;
  /** Discount rate per month; default 0.01. */
  discountRate?: number;
}

// Model time units per month, as lifetimes has them (a month of 30 days or 4.345 weeks).
const UNITS_PER_MONTH: Record<TimeUnit, number> = { day: 30, week: 4.345, month: 1 };

/**
 * Customer lifetime value over a horizon of whole months with monthly discounting, as lifetimes'
 * `customer_lifetime_value`: CLV = Σ_{m=1..M} E(spend) · (E[Y(m·k)] − E[Y((m−1)·k)]) / (1 + d)^m,
 * where E[Y(t)] is the conditional expected number of purchases, k the model units per month and
 * E(spend) the Gamma-Gamma conditional expected spend (Fader, Hardie & Lee 2005, "RFM and CLV").
 */
export function customerLifetimeValue(data: ValueHistories, options: ClvOptions): Float64Array {
  const months = options.months ?? 12;
  const rate = options.discountRate ?? 0.01;
  if (!(Number.isInteger(months) && months >= 0)) throw new Error(`invalid months: ${months}`);
  if (!(Number.isFinite(rate) && rate > -1)) throw new Error(`invalid discountRate: ${rate}`);
  const perMonth = UNITS_PER_MONTH[checkTimeUnit(options.unit)];
  checkHistories(data);
  const spend = gammaGammaExpectedSpend(data, options.spend);
  // The discounted expected purchases depend on (x, t_x, T) only: compute them once per pattern.
  const patterns = compressHistories({ x: data.x, tx: data.tx, T: data.T });
  const discounted = new Float64Array(patterns.x.length);
  let previous: Float64Array = new Float64Array(patterns.x.length);
  for (let m = 1; m <= months; m++) {
    const cumulative = expectedPurchases(patterns, options.purchases, m * perMonth);
    const factor = (1 + rate) ** -m;
    for (let k = 0; k < discounted.length; k++) {
      discounted[k] = (discounted[k] ?? 0) + ((cumulative[k] ?? 0) - (previous[k] ?? 0)) * factor;
    }
    previous = cumulative;
  }
  return spend.map((v, i) => v * (discounted[patterns.pattern[i] ?? 0] ?? 0));
}

function expectedPurchases(data: PurchaseHistories, model: PurchaseModel, t: number): Float64Array {
  switch (model.model) {
    case 'bgnbd':
      return bgNbdConditionalExpectedPurchases(data, { params: model.params, t });
    case 'paretonbd':
      return paretoNbdConditionalExpectedPurchases(data, { params: model.params, t });
    default:
      return assertUnreachable(model);
  }
}

function assertUnreachable(x: never): never {
  throw new Error(`unknown purchase model: ${JSON.stringify(x)}`);
}
