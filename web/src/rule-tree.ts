import { type Condition, conditionText } from './fields.js';

/** "Did EVENT at least N times in the last D days" (or did not). */
export interface EventCondition {
  kind: 'event';
  did: boolean;
  event: string;
  times: string;
  days: string;
}

/** A condition on a field. */
export interface FieldCondition extends Condition {
  kind: 'field';
}

/** Conditions joined by one `and` or `or`; a group may hold groups. */
export interface Group {
  kind: 'group';
  join: 'and' | 'or';
  items: Item[];
}

/** One line of the visual builder. */
export type Item = FieldCondition | EventCondition | Group;

/** How deep groups may nest in the builder (the language allows more; a person rarely needs it). */
export const MAX_DEPTH = 3;

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
const whole = (s: string, min: number) => {
  const n = Number(s);
  return Number.isInteger(n) && n >= min ? n : null;
};

/** The text form of an event condition (docs/segments.md): `did 'Order Completed' at least 2 times in last 90 days`. */
export function eventText(e: EventCondition): string {
  if (!finished(e)) return '';
  const times = whole(e.times, 1);
  const days = whole(e.days, 1);
  return [
    e.did ? 'did' : 'did not',
    quote(e.event.trim()),
    times !== null && times > 1 ? `at least ${times} times` : '',
    days !== null ? `in last ${days} days` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/**
 * Whether a line says enough to be sent: a field condition with its value (or a null test; `in` with at
 * least one value), an event condition with its event. An unfinished line is left out of the rule, never
 * sent as `country = ''`.
 */
export function finished(item: FieldCondition | EventCondition): boolean {
  if (item.kind === 'event') return item.event.trim() !== '';
  if (item.op === 'is null' || item.op === 'is not null') return true;
  if (item.op === 'in') return item.value.split(',').some((v) => v.trim() !== '');
  return item.value.trim() !== '';
}

/** How many lines of the tree are not finished yet (see {@link finished}). */
export function unfinished(item: Item): number {
  return item.kind === 'group' ? item.items.reduce((n, i) => n + unfinished(i), 0) : finished(item) ? 0 : 1;
}

/** The text form of a builder tree: a nested group of two or more in parentheses; unfinished lines left out. */
export function itemText(item: Item, nested = false): string {
  switch (item.kind) {
    case 'field':
      return finished(item) ? conditionText(item) : '';
    case 'event':
      return eventText(item);
    case 'group': {
      const parts = item.items.map((i) => itemText(i, true)).filter(Boolean);
      const text = parts.join(` ${item.join} `);
      return nested && parts.length > 1 ? `(${text})` : text;
    }
  }
}

/** Replaces the item at `path` (indexes from the root group) with `next`, or removes it when `next` is null. */
export function updateAt(root: Group, path: readonly number[], next: Item | null): Group {
  const [head, ...rest] = path;
  if (head === undefined) return next && next.kind === 'group' ? next : root;
  const items = root.items.flatMap((item, i): Item[] => {
    if (i !== head) return [item];
    if (rest.length === 0) return next ? [next] : [];
    return item.kind === 'group' ? [updateAt(item, rest, next)] : [item];
  });
  return { ...root, items };
}
