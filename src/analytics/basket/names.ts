import type { Rule } from './rules.js';

/** The ids of named items, in the order given; throws on a name not in `itemNames`. */
export function itemIds(itemNames: readonly string[], names: readonly string[]): number[] {
  const ids = new Map<string, number>();
  for (let id = 0; id < itemNames.length; id++) ids.set(itemNames[id]!, id);
  return names.map((name) => {
    const id = ids.get(name);
    if (id === undefined) throw new Error(`unknown item: ${name}`);
    return id;
  });
}

/** A rule as text in arules' `inspect` form: `{a,b} => {c}`. */
export function formatRule(rule: Rule, itemNames: readonly string[]): string {
  const side = (ids: readonly number[]) => `{${ids.map((id) => itemNames[id] ?? `#${id}`).join(',')}}`;
  return `${side(rule.antecedent)} => ${side(rule.consequent)}`;
}
