/**
 * The complexity budget of a segment rule, checked before any SQL is built or run: every event condition
 * joins the events table once (400 of them froze a server for minutes), nesting drives every recursive
 * walk of the tree, and counts and windows must fit the engine's integers. The walk is iterative, so a
 * tree of any depth that arrived as JSON is measured without overflowing the stack.
 */
import type { SegmentIssue, SegmentLookup } from './validate.js';

/** How large a rule may be. */
export interface SegmentBudget {
  /** `and`, `or`, `not` and brackets nested at most this deep. */
  readonly maxDepth: number;
  /** Conditions (comparisons, event conditions, segment references) in the rule, referenced rules included. */
  readonly maxConditions: number;
  /** Event conditions and sequence steps: each is one join over the events. */
  readonly maxEventWindows: number;
  /** Values in one `in (…)` list, and property filters in one `with (…)`. */
  readonly maxListValues: number;
  /** Largest `at least N times`. */
  readonly maxTimes: number;
  /** Largest `in last N days`. */
  readonly maxDays: number;
}

/** The defaults: far above any rule a person writes, far below what takes the engine down. */
export const DEFAULT_SEGMENT_BUDGET: SegmentBudget = {
  maxDepth: 32,
  maxConditions: 200,
  maxEventWindows: 20,
  maxListValues: 1000,
  maxTimes: 1_000_000,
  maxDays: 36_500,
};

const over = (message: string): SegmentIssue[] => [{ code: 'too_complex', message }];

/**
 * The budget issues of `node` with the saved rules it references inlined (as the compiler inlines them), or
 * an empty list. It does not validate: a malformed node is left for `validateSegment` to name.
 */
export function checkBudget(
  node: unknown,
  budget: SegmentBudget = DEFAULT_SEGMENT_BUDGET,
  lookup: SegmentLookup = () => undefined,
): SegmentIssue[] {
  const stack: { node: unknown; depth: number }[] = [{ node, depth: 1 }];
  let conditions = 0;
  let windows = 0;
  while (stack.length > 0) {
    const { node: n, depth } = stack.pop()!;
    if (depth > budget.maxDepth) {
      return over(`the rule nests and/or/not deeper than ${budget.maxDepth} levels (the limit)`);
    }
    if (typeof n !== 'object' || n === null) continue;
    const o = n as Partial<Record<string, unknown>>;
    switch (o.kind) {
      case 'and':
      case 'or':
        if (Array.isArray(o.children)) for (const c of o.children) stack.push({ node: c, depth: depth + 1 });
        continue;
      case 'not':
        stack.push({ node: o.child, depth: depth + 1 });
        continue;
      case 'compare':
        conditions++;
        if (Array.isArray(o.values) && o.values.length > budget.maxListValues) {
          return over(
            `an 'in' list of field '${String(o.field)}' has ${o.values.length} values; the limit is ${budget.maxListValues}`,
          );
        }
        break;
      case 'event':
      case 'sequence': {
        conditions++;
        const steps = o.kind === 'sequence' && Array.isArray(o.steps) ? o.steps.length : 1;
        windows += steps;
        const where =
          o.kind === 'event'
            ? [o.where]
            : Array.isArray(o.steps)
              ? o.steps.map((s) => (s as { where?: unknown }).where)
              : [];
        for (const w of where) {
          if (Array.isArray(w) && w.length > budget.maxListValues) {
            return over(`a 'with' has ${w.length} property filters; the limit is ${budget.maxListValues}`);
          }
        }
        if (typeof o.times === 'number' && o.times > budget.maxTimes) {
          return over(`'at least ${o.times} times' is over the limit of ${budget.maxTimes} times`);
        }
        if (typeof o.withinDays === 'number' && o.withinDays > budget.maxDays) {
          return over(`'in last ${o.withinDays} days' is over the limit of ${budget.maxDays} days`);
        }
        break;
      }
      case 'in_segment': {
        conditions++;
        // A referenced rule is inlined by the compiler, so it counts (run this after `validateSegment` has
        // ruled out cycles).
        const other = typeof o.segment === 'string' ? lookup(o.segment) : undefined;
        if (other !== undefined && other !== 'list') stack.push({ node: other, depth: depth + 1 });
        break;
      }
      default:
        continue;
    }
    if (conditions > budget.maxConditions) {
      return over(
        `the rule has more than ${budget.maxConditions} conditions (the limit), counting the segments it references`,
      );
    }
    if (windows > budget.maxEventWindows) {
      return over(
        `the rule has more than ${budget.maxEventWindows} event conditions (the limit; each one scans the events), counting the segments it references`,
      );
    }
  }
  return [];
}
