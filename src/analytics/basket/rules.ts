import { ItemsetIndex } from './itemset-index.js';
import type { FrequentItemsets } from './itemsets.js';
import { checkShare } from './options.js';

/**
 * An association rule antecedent ⇒ consequent (item ids, ascending) with its interest measures
 * (Hahsler, Grün & Hornik 2005, arules §2; conviction: Brin et al. 1997).
 */
export interface Rule {
  readonly antecedent: readonly number[];
  readonly consequent: readonly number[];
  /** Baskets holding antecedent ∪ consequent. */
  readonly count: number;
  readonly support: number;
  readonly confidence: number;
  readonly lift: number;
  readonly leverage: number;
  /** (1 − supp(Y)) / (1 − conf); null when confidence is 1, where it is infinite. */
  readonly conviction: number | null;
}

/** Options of `associationRules`; the defaults are arules' `apriori` defaults. */
export interface RuleOptions {
  /** Minimum confidence in [0, 1]; default 0.8. */
  readonly minConfidence?: number;
  /** Only rules with one item on the right-hand side; default true. */
  readonly singleConsequent?: boolean;
  /** Also rules {} ⇒ Y from one-item itemsets, as arules does with minlen = 1; default true. */
  readonly emptyAntecedent?: boolean;
}

// Enumerating every consequent of an itemset of this size means 2^size subsets.
const MAX_LENGTH_ALL_CONSEQUENTS = 20;

/**
 * The rules derivable from frequent itemsets that reach the minimum confidence, sorted by lift,
 * then confidence, support and item ids. The itemsets must be closed under subsets (as mined).
 */
export function associationRules(itemsets: FrequentItemsets, options: RuleOptions = {}): Rule[] {
  const minConfidence = checkShare('minConfidence', options.minConfidence ?? 0.8);
  const single = options.singleConsequent ?? true;
  const empty = options.emptyAntecedent ?? true;
  const { offsets, items, counts, basketCount: n } = itemsets;
  const index = new ItemsetIndex(itemsets);
  const countOf = (ids: Uint32Array, length: number): number => {
    if (length === 0) return n;
    const k = index.find(ids, 0, length);
    if (k < 0) throw new Error(`missing subset: ${Array.from(ids.subarray(0, length)).join(',')}`);
    return counts[k]!;
  };
  const rules: Rule[] = [];
  let longest = 0;
  for (let k = 0; k < counts.length; k++) longest = Math.max(longest, offsets[k + 1]! - offsets[k]!);
  const lhs = new Uint32Array(longest);
  const rhs = new Uint32Array(longest);
  for (let k = 0; k < counts.length; k++) {
    const start = offsets[k]!;
    const length = offsets[k + 1]! - start;
    if (length === 1 && !empty) continue;
    if (!single && length > MAX_LENGTH_ALL_CONSEQUENTS) {
      throw new Error(`itemset too long for all consequents: ${length}`);
    }
    const choices = single ? length : 2 ** length - 1;
    for (let choice = 0; choice < choices; choice++) {
      let a = 0;
      let c = 0;
      for (let i = 0; i < length; i++) {
        // One consequent: choice is its position; otherwise choice + 1 is its bit mask.
        const right = single ? i === choice : ((choice + 1) >>> i) & 1;
        if (right) rhs[c++] = items[start + i]!;
        else lhs[a++] = items[start + i]!;
      }
      if (a === 0 && !empty) continue;
      const both = counts[k]!;
      const countX = countOf(lhs, a);
      const confidence = both / countX;
      if (confidence < minConfidence) continue;
      rules.push(measure(lhs, a, rhs, c, both, countX, countOf(rhs, c), n));
    }
  }
  return rules.sort(byLift);
}

function measure(
  lhs: Uint32Array,
  a: number,
  rhs: Uint32Array,
  c: number,
  both: number,
  countX: number,
  countY: number,
  n: number,
): Rule {
  const support = both / n;
  const confidence = both / countX;
  const supportY = countY / n;
  return {
    antecedent: Array.from(lhs.subarray(0, a)),
    consequent: Array.from(rhs.subarray(0, c)),
    count: both,
    support,
    confidence,
    lift: confidence / supportY,
    leverage: support - (countX / n) * supportY,
    conviction: both === countX ? null : (1 - supportY) / (1 - confidence),
  };
}

function byLift(x: Rule, y: Rule): number {
  return (
    y.lift - x.lift ||
    y.confidence - x.confidence ||
    y.support - x.support ||
    compareIds(x.antecedent, y.antecedent) ||
    compareIds(x.consequent, y.consequent)
  );
}

function compareIds(x: readonly number[], y: readonly number[]): number {
  for (let i = 0; i < x.length && i < y.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}
