/** A basket rule as the network reads it. */
export interface NetworkRule {
  antecedent: string[];
  consequent: string[];
  support: number;
  confidence: number;
  lift: number;
}

/** An item with its share of orders, and a pair bought together with its lift. */
export interface ItemNetwork {
  items: { name: string; support: number }[];
  pairs: { a: string; b: string; lift: number }[];
}

/**
 * The item network of one-to-one rules with lift above 1: items as nodes, pairs as edges. An item's support
 * is read off the rules (support ÷ confidence is the "if" side's, confidence ÷ lift the "then" side's); a pair
 * found in both directions is one edge (lift is symmetric).
 */
export function itemNetwork(rules: readonly NetworkRule[]): ItemNetwork {
  const support = new Map<string, number>();
  const pairs = new Map<string, { a: string; b: string; lift: number }>();
  for (const r of rules) {
    const [a] = r.antecedent;
    const [b] = r.consequent;
    if (r.antecedent.length !== 1 || r.consequent.length !== 1 || !a || !b || !(r.lift > 1)) continue;
    if (r.confidence > 0) support.set(a, Math.max(support.get(a) ?? 0, r.support / r.confidence));
    if (r.lift > 0) support.set(b, Math.max(support.get(b) ?? 0, r.confidence / r.lift));
    const [x, y] = a < b ? [a, b] : [b, a];
    const key = `${x}\u0000${y}`;
    const seen = pairs.get(key);
    if (!seen || seen.lift < r.lift) pairs.set(key, { a: x, b: y, lift: r.lift });
  }
  return {
    items: [...support].map(([name, s]) => ({ name, support: s })).sort((p, q) => q.support - p.support),
    pairs: [...pairs.values()].sort((p, q) => q.lift - p.lift),
  };
}
