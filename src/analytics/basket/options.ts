/** Options of `fpGrowth`: a minimum support as a share or a count, and a cap on itemset size. */
export interface ItemsetOptions {
  /** Minimum share of baskets, in (0, 1]; arules' `supp`. Default 0.1 when no `minCount`. */
  readonly minSupport?: number;
  /** Minimum number of baskets, a positive integer; excludes `minSupport`. */
  readonly minCount?: number;
  /** Largest itemset size, a positive integer; default no cap. */
  readonly maxLength?: number;
}

// arules' default `supp`.
const DEFAULT_MIN_SUPPORT = 0.1;

/**
 * The smallest basket count an itemset needs: support ≥ minSupport means count ≥ minSupport · n,
 * so the ceiling; the tolerance keeps 0.3 · 10 (= 3.0000000000000004) at 3.
 */
export function resolveMinCount(options: ItemsetOptions, n: number): number {
  const { minSupport, minCount } = options;
  if (minSupport !== undefined && minCount !== undefined) {
    throw new Error('invalid options: minSupport and minCount together');
  }
  if (minCount !== undefined) {
    if (!Number.isInteger(minCount) || minCount < 1) throw new Error(`invalid minCount: ${minCount}`);
    return minCount;
  }
  const share = minSupport ?? DEFAULT_MIN_SUPPORT;
  if (!(share > 0 && share <= 1)) throw new Error(`invalid minSupport: ${share}`);
  return Math.max(1, Math.ceil(share * n - 1e-9));
}

/** The itemset size cap, checked; `Infinity` when none is given. */
export function resolveMaxLength(options: ItemsetOptions): number {
  const { maxLength } = options;
  if (maxLength === undefined) return Number.POSITIVE_INFINITY;
  if (!Number.isInteger(maxLength) || maxLength < 1) throw new Error(`invalid maxLength: ${maxLength}`);
  return maxLength;
}

/** Checks a share option in [0, 1], naming it in the error. */
export function checkShare(name: string, value: number): number {
  if (!(value >= 0 && value <= 1)) throw new Error(`invalid ${name}: ${value}`);
  return value;
}

/** Checks an enum option against its choices, naming the option in the error. */
export function checkChoice<T extends string>(name: string, value: T, choices: readonly T[]): T {
  if (!choices.includes(value)) throw new Error(`invalid ${name}: ${value}`);
  return value;
}
