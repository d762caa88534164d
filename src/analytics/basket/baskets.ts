/**
 * Baskets in compressed sparse row (CSR) form: basket `b` holds
 * `items[offsets[b]] … items[offsets[b + 1] - 1]`, each an index into `itemNames`.
 */
export interface Baskets {
  readonly offsets: Uint32Array;
  readonly items: Uint32Array;
  readonly itemNames: readonly string[];
}

/** The number of baskets in a CSR layout. */
export function basketCount(baskets: Baskets): number {
  return baskets.offsets.length - 1;
}

/**
 * Builds the CSR layout from lists of item names; item ids follow first appearance and
 * an item listed twice in one basket is kept once.
 */
export function basketsFromLists(lists: readonly (readonly string[])[]): Baskets {
  const ids = new Map<string, number>();
  const itemNames: string[] = [];
  const offsets = new Uint32Array(lists.length + 1);
  let total = 0;
  for (const list of lists) total += list.length;
  const items = new Uint32Array(total);
  let at = 0;
  for (let b = 0; b < lists.length; b++) {
    const start = at;
    for (const name of lists[b] ?? []) {
      let id = ids.get(name);
      if (id === undefined) {
        id = itemNames.length;
        ids.set(name, id);
        itemNames.push(name);
      }
      if (!contains(items, start, at, id)) items[at++] = id;
    }
    offsets[b + 1] = at;
  }
  return { offsets, items: items.slice(0, at), itemNames };
}

/**
 * Splits text with one basket a line and items separated by `separator` (the Groceries
 * CSV form); blank lines are empty baskets, a trailing newline ends the last basket.
 */
export function parseBasketText(text: string, separator = ','): string[][] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => (line === '' ? [] : line.split(separator)));
}

/** Checks the CSR invariants; throws on the first broken one. */
export function checkBaskets(baskets: Baskets): void {
  const { offsets, items, itemNames } = baskets;
  if (offsets.length === 0) throw new Error('invalid baskets: offsets is empty');
  if (offsets[0] !== 0) throw new Error(`invalid baskets: offsets[0] is ${offsets[0]}`);
  const last = offsets[offsets.length - 1];
  if (last !== items.length) throw new Error(`invalid baskets: last offset ${last} != ${items.length} items`);
  for (let b = 1; b < offsets.length; b++) {
    if (offsets[b]! < offsets[b - 1]!) throw new Error(`invalid baskets: offsets decrease at ${b}`);
  }
  for (let i = 0; i < items.length; i++) {
    if (items[i]! >= itemNames.length) throw new Error(`invalid item id: ${items[i]}`);
  }
}

function contains(items: Uint32Array, from: number, to: number, id: number): boolean {
  for (let i = from; i < to; i++) if (items[i] === id) return true;
  return false;
}
