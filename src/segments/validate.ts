/**
 * Checks a segment tree against the fields that exist: unknown fields, values of the wrong type,
 * operators a type does not have, unknown segments and cycles of segment references. Failures are
 * values, every one found, each naming the field or segment at fault.
 */

import { Value } from '@sinclair/typebox/value';
import { assertUnreachable } from '../errors/index.js';
import { checkBudget, type SegmentBudget } from './budget.js';
import {
  compareValues,
  type SegmentNode,
  SegmentNode as SegmentNodeSchema,
  type SegmentValue,
} from './nodes.js';
import { type FieldType, resolveField, type SegmentSchema, unknownFieldMessage } from './schema.js';

/** One thing wrong with a segment. */
export interface SegmentIssue {
  readonly code:
    | 'invalid_node'
    | 'unknown_field'
    | 'type_mismatch'
    | 'invalid_operator'
    | 'unknown_segment'
    | 'segment_cycle'
    | 'too_complex';
  readonly message: string;
}

/**
 * Finds another saved segment by name: its rule's tree, or `'list'` for a segment that is a stored list of
 * members (a cluster) and so references nothing further.
 */
export type SegmentLookup = (name: string) => SegmentNode | 'list' | undefined;

/** What a tree is checked against. */
export interface ValidateOptions {
  readonly schema: SegmentSchema;
  /** Other segments, for `in segment` (none when omitted). */
  readonly segments?: SegmentLookup;
  /** The name the tree is saved under, so that a reference to itself is a cycle. */
  readonly name?: string;
  /** How large the rule may be (DEFAULT_SEGMENT_BUDGET when omitted). */
  readonly budget?: SegmentBudget;
}

/** Every issue of `node` and of the segments it references; an empty list means it compiles. */
export function validateSegment(node: SegmentNode, options: ValidateOptions): SegmentIssue[] {
  // Size and depth first, iteratively: the schema check and the walks below recurse.
  const budget = checkBudget(node, options.budget);
  if (budget.length > 0) return budget;
  // A tree that arrived as JSON is checked against the node schemas before anything reads it.
  if (!Value.Check(SegmentNodeSchema, node)) {
    const first = Value.Errors(SegmentNodeSchema, node).First();
    const where = first === undefined ? '' : ` at ${first.path || '/'}: ${first.message}`;
    return [{ code: 'invalid_node', message: `not a segment tree${where}` }];
  }
  const issues: SegmentIssue[] = [];
  const lookup = options.segments ?? (() => undefined);
  const done = new Set<string>();
  const visit = (current: SegmentNode, path: readonly string[]): void => {
    walk(current, options.schema, issues, (segment) => {
      const at = path.indexOf(segment);
      if (at >= 0) {
        const cycle = [...path.slice(at), segment].map((s) => `'${s}'`).join(' → ');
        issues.push({ code: 'segment_cycle', message: `segment references form a cycle: ${cycle}` });
        return;
      }
      if (done.has(segment)) return;
      const other = lookup(segment);
      if (other === undefined) {
        issues.push({ code: 'unknown_segment', message: `unknown segment '${segment}'` });
        return;
      }
      if (other !== 'list') visit(other, [...path, segment]);
      done.add(segment);
    });
  };
  visit(node, options.name === undefined ? [] : [options.name]);
  return issues;
}

function typeOf(value: SegmentValue): FieldType {
  return typeof value === 'string' ? 'string' : typeof value === 'number' ? 'number' : 'boolean';
}

function walk(
  node: SegmentNode,
  schema: SegmentSchema,
  issues: SegmentIssue[],
  onSegment: (name: string) => void,
): void {
  switch (node.kind) {
    case 'and':
    case 'or':
      for (const child of node.children) walk(child, schema, issues, onSegment);
      return;
    case 'not':
      walk(node.child, schema, issues, onSegment);
      return;
    case 'compare': {
      const field = resolveField(schema, node.field);
      if (field === undefined) {
        issues.push({ code: 'unknown_field', message: unknownFieldMessage(schema, node.field) });
        return;
      }
      if (node.op === 'is_null' || node.op === 'is_not_null') return;
      for (const value of compareValues(node)) {
        if (typeOf(value) !== field.type) {
          issues.push({
            code: 'type_mismatch',
            message: `field '${node.field}' is a ${field.type}, compared with the ${typeOf(value)} ${JSON.stringify(value)}`,
          });
        }
      }
      checkOperator(node.op, field.type, `field '${node.field}'`, issues);
      return;
    }
    case 'event':
      for (const filter of node.where) {
        checkOperator(filter.op, typeOf(filter.value), `property '${filter.property}'`, issues);
      }
      return;
    case 'sequence':
      for (const filter of node.steps.flatMap((step) => step.where)) {
        checkOperator(filter.op, typeOf(filter.value), `property '${filter.property}'`, issues);
      }
      return;
    case 'in_segment':
      onSegment(node.segment);
      return;
    default:
      assertUnreachable(node);
  }
}

const ORDERED = new Set(['<', '<=', '>', '>=']);

function checkOperator(op: string, type: FieldType, what: string, issues: SegmentIssue[]): void {
  if (ORDERED.has(op) && type !== 'number') {
    issues.push({ code: 'invalid_operator', message: `${what}: '${op}' compares numbers, not a ${type}` });
  } else if (op === 'contains' && type !== 'string') {
    issues.push({ code: 'invalid_operator', message: `${what}: 'contains' needs a string, not a ${type}` });
  }
}
