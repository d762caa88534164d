/**
 * Segment tree → the compact text form, so that a tree saved as JSON can be shown and edited as text;
 * `parseSegment(formatSegment(tree))` gives the tree back (one-child `and`/`or` become their child).
 */
import { assertUnreachable } from '../errors/index.js';
import type {
  CompareNode,
  EventNode,
  PropertyFilter,
  SegmentNode,
  SegmentValue,
  SequenceNode,
} from './nodes.js';

/** The text form of a value: a quoted string, a number or a boolean. */
export function formatValue(value: SegmentValue): string {
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`invalid number: ${value}`);
  return String(value);
}

function compare(node: CompareNode): string {
  switch (node.op) {
    case 'is_null':
      return `${node.field} is null`;
    case 'is_not_null':
      return `${node.field} is not null`;
    case 'in':
    case 'not_in':
      return `${node.field} ${node.op === 'in' ? 'in' : 'not in'} (${node.values.map(formatValue).join(', ')})`;
    case '=':
    case '!=':
    case '<':
    case '<=':
    case '>':
    case '>=':
    case 'contains':
      return `${node.field} ${node.op} ${formatValue(node.value)}`;
    default:
      return assertUnreachable(node);
  }
}

const filters = (where: readonly PropertyFilter[]): string =>
  `with (${where.map((f) => `${f.property} ${f.op} ${formatValue(f.value)}`).join(', ')})`;

function sequence(node: SequenceNode): string {
  const steps = node.steps.map((s) =>
    [formatValue(s.event), ...(s.where.length ? [filters(s.where)] : [])].join(' '),
  );
  const window = node.withinDays === undefined ? '' : ` in last ${node.withinDays} days`;
  return `did${node.did ? '' : ' not'} ${steps.join(' then ')}${window}`;
}

function event(node: EventNode): string {
  const parts = [`did${node.did ? '' : ' not'} ${formatValue(node.event)}`];
  if (node.times !== 1) parts.push(`at least ${node.times} times`);
  if (node.withinDays !== undefined) parts.push(`in last ${node.withinDays} days`);
  if (node.where.length > 0) parts.push(filters(node.where));
  return parts.join(' ');
}

// Children that are themselves and/or are parenthesized, so the text keeps the tree's shape.
function operand(node: SegmentNode): string {
  const text = formatSegment(node);
  return (node.kind === 'and' || node.kind === 'or') && node.children.length > 1 ? `(${text})` : text;
}

/** The compact text form of a segment tree. */
export function formatSegment(node: SegmentNode): string {
  switch (node.kind) {
    case 'and':
    case 'or':
      return node.children.map(operand).join(` ${node.kind} `);
    case 'not':
      return `not ${operand(node.child)}`;
    case 'compare':
      return compare(node);
    case 'event':
      return event(node);
    case 'sequence':
      return sequence(node);
    case 'in_segment':
      return `in segment ${formatValue(node.segment)}`;
    default:
      return assertUnreachable(node);
  }
}
