/**
 * A plain in-memory evaluator of segment trees over arrays of profiles and events, with the same
 * meaning as the compiled SQL (a comparison with a missing value is false; `not` is the complement).
 * It is the reference the property tests hold the compiler to.
 */
import { assertUnreachable } from '../errors/index.js';
import {
  type CompareNode,
  compareValues,
  type EventNode,
  type ScalarOp,
  type SegmentNode,
  type SegmentValue,
  type SequenceNode,
} from './nodes.js';
import { type FieldType, resolveField, type SegmentSchema } from './schema.js';
import type { SegmentLookup } from './validate.js';

/** A `profiles` row: its columns by name, `traits` as an object or its JSON text. */
export type ProfileRow = { readonly profile_id: number } & Readonly<Record<string, unknown>>;

/** An event already attributed to its profile (what `record_profiles` joined to `events` gives). */
export interface ProfileEvent {
  readonly profile_id: number;
  readonly event: string | null;
  readonly ts: Date | null;
  readonly properties: Readonly<Record<string, unknown>> | null;
}

/** What a tree is evaluated against; the tree must have passed `validateSegment`. */
export interface EvaluateOptions {
  readonly schema: SegmentSchema;
  readonly segments?: SegmentLookup;
  /** The current members of list segments (those the lookup answers `'list'` for). */
  readonly members?: (segment: string) => ReadonlySet<number>;
  readonly now: Date;
}

type Scalar = string | number | boolean | null;

/** The ids of the profiles in the segment. */
export function evaluateSegment(
  node: SegmentNode,
  profiles: readonly ProfileRow[],
  events: readonly ProfileEvent[],
  options: EvaluateOptions,
): Set<number> {
  const byProfile = new Map<number, ProfileEvent[]>();
  for (const event of events) {
    const list = byProfile.get(event.profile_id);
    if (list === undefined) byProfile.set(event.profile_id, [event]);
    else list.push(event);
  }
  const members = new Set<number>();
  for (const profile of profiles) {
    const traits = typeof profile.traits === 'string' ? JSON.parse(profile.traits) : (profile.traits ?? null);
    const context = { profile, traits, events: byProfile.get(profile.profile_id) ?? [], options };
    if (holds(node, context)) members.add(profile.profile_id);
  }
  return members;
}

interface Context {
  readonly profile: ProfileRow;
  readonly traits: unknown;
  readonly events: readonly ProfileEvent[];
  readonly options: EvaluateOptions;
}

// A column value as `type` (BIGINT may arrive as bigint).
function column(value: unknown, type: FieldType): Scalar {
  if (value === null || value === undefined) return null;
  if (type === 'number') return typeof value === 'bigint' ? Number(value) : (value as number);
  return value as string | boolean;
}

// A JSON value as `type`, null when absent or of another JSON type (as json_type decides in SQL).
function jsonValue(document: unknown, key: string, type: FieldType): Scalar {
  if (document === null || typeof document !== 'object' || !Object.hasOwn(document, key)) return null;
  const value = (document as Record<string, unknown>)[key];
  return typeof value === (type === 'string' ? 'string' : type === 'number' ? 'number' : 'boolean')
    ? (value as Scalar)
    : null;
}

function scalar(left: Scalar, op: ScalarOp | 'contains', right: SegmentValue): boolean {
  if (left === null) return false;
  switch (op) {
    case '=':
      return left === right;
    case '!=':
      return left !== right;
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    case 'contains':
      return String(left).includes(String(right));
    default:
      return assertUnreachable(op);
  }
}

function compare(node: CompareNode, context: Context): boolean {
  const field = resolveField(context.options.schema, node.field);
  if (field === undefined) throw new Error(`unvalidated field: ${node.field}`);
  // A score is carried on the in-memory row under its name, as a column is.
  const value =
    field.source === 'trait'
      ? jsonValue(context.traits, field.name, field.type)
      : column(context.profile[field.name], field.type);
  switch (node.op) {
    case 'is_null':
      return value === null;
    case 'is_not_null':
      return value !== null;
    case 'in':
      return value !== null && compareValues(node).includes(value);
    case 'not_in':
      return value !== null && !compareValues(node).includes(value);
    case '=':
    case '!=':
    case '<':
    case '<=':
    case '>':
    case '>=':
    case 'contains':
      return scalar(value, node.op, compareValues(node)[0]!);
    default:
      return assertUnreachable(node);
  }
}

function typeOf(value: SegmentValue): FieldType {
  return typeof value === 'string' ? 'string' : typeof value === 'number' ? 'number' : 'boolean';
}

function event(node: EventNode, context: Context): boolean {
  const now = context.options.now.getTime();
  const from = node.withinDays === undefined ? undefined : now - node.withinDays * 86_400_000;
  let count = 0;
  for (const e of context.events) {
    if (e.event !== node.event) continue;
    if (from !== undefined) {
      if (e.ts === null || e.ts.getTime() < from || e.ts.getTime() > now) continue;
    }
    const matches = node.where.every((filter) =>
      scalar(jsonValue(e.properties, filter.property, typeOf(filter.value)), filter.op, filter.value),
    );
    if (matches) count++;
  }
  return count >= node.times === node.did;
}

// The same greedy rule as the SQL: each step's earliest event strictly after the previous step's match.
function sequence(node: SequenceNode, context: Context): boolean {
  const now = context.options.now.getTime();
  const from = node.withinDays === undefined ? undefined : now - node.withinDays * 86_400_000;
  let after = Number.NEGATIVE_INFINITY;
  for (const step of node.steps) {
    let earliest = Number.POSITIVE_INFINITY;
    for (const e of context.events) {
      if (e.event !== step.event || e.ts === null) continue;
      const t = e.ts.getTime();
      if (t <= after || t >= earliest) continue;
      if (from !== undefined && (t < from || t > now)) continue;
      const matches = step.where.every((filter) =>
        scalar(jsonValue(e.properties, filter.property, typeOf(filter.value)), filter.op, filter.value),
      );
      if (matches) earliest = t;
    }
    if (earliest === Number.POSITIVE_INFINITY) return !node.did;
    after = earliest;
  }
  return node.did;
}

function holds(node: SegmentNode, context: Context): boolean {
  switch (node.kind) {
    case 'and':
      return node.children.every((child) => holds(child, context));
    case 'or':
      return node.children.some((child) => holds(child, context));
    case 'not':
      return !holds(node.child, context);
    case 'compare':
      return compare(node, context);
    case 'event':
      return event(node, context);
    case 'sequence':
      return sequence(node, context);
    case 'in_segment': {
      const other = context.options.segments?.(node.segment);
      if (other === undefined) throw new Error(`unvalidated segment: ${node.segment}`);
      if (other === 'list')
        return context.options.members?.(node.segment).has(context.profile.profile_id) ?? false;
      return holds(other, context);
    }
    default:
      return assertUnreachable(node);
  }
}
