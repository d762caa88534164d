/**
 * Segment tree → one DuckDB query selecting the members' `profile_id` from `profiles`, with every value
 * bound to a `?` placeholder. Each condition compiles to a boolean that is never NULL (a comparison with a
 * missing value is false), so `not` is the plain complement, exactly as in `evaluate.ts`.
 */
import { assertUnreachable } from '../errors/index.js';
import { type Dialect, duckdbDialect } from '../store/dialect.js';
import type { SqlValue } from '../store/index.js';
import { construct, type Fragment, identifier, join, param, raw, sql } from '../store/sql.js';
import { checkBudget, type SegmentBudget } from './budget.js';
import {
  type CompareNode,
  compareValues,
  type EventNode,
  type PropertyFilter,
  type ScalarOp,
  type SegmentNode,
  type SegmentValue,
  type SequenceNode,
} from './nodes.js';
import { type FieldType, resolveField, type SegmentSchema } from './schema.js';
import { type SegmentIssue, type SegmentLookup, validateSegment } from './validate.js';

/** What a tree compiles against. */
export interface CompileOptions {
  readonly schema: SegmentSchema;
  /** Other segments' trees, for `in segment`; they are inlined. */
  readonly segments?: SegmentLookup;
  /** The name the tree is saved under (a reference to itself is a cycle). */
  readonly name?: string;
  /** The instant "in the last D days" counts back from. */
  readonly now: Date;
  /** How large the rule may be (DEFAULT_SEGMENT_BUDGET when omitted). */
  readonly budget?: SegmentBudget;
  /** The engine's dialect (DuckDB's when omitted). */
  readonly dialect?: Dialect;
}

// The dialect of the compilation under way: compileSegment is synchronous, so it is set and restored around
// one whole compilation and no other can interleave.
let d: Dialect = duckdbDialect;

/** The query, or the issues that keep the tree from compiling. */
export type CompileResult =
  | { ok: true; sql: string; params: SqlValue[] }
  | { ok: false; issues: SegmentIssue[] };

const SQL_TYPE: Readonly<Record<FieldType, string>> = {
  string: 'VARCHAR',
  number: 'DOUBLE',
  boolean: 'BOOLEAN',
};

/** Validates `node`, then compiles it to `SELECT p.profile_id FROM profiles AS p WHERE …`. */
export function compileSegment(node: SegmentNode, options: CompileOptions): CompileResult {
  const issues = validateSegment(node, options);
  if (issues.length > 0) return { ok: false, issues };
  // Referenced rules are inlined below, so the budget holds for the whole, once cycles are ruled out.
  const inlined = checkBudget(node, options.budget, options.segments);
  if (inlined.length > 0) return { ok: false, issues: inlined };
  const outer = d;
  d = options.dialect ?? duckdbDialect;
  try {
    const where = predicate(node, options);
    const query = sql`SELECT p.profile_id FROM profiles AS p WHERE ${where}`;
    return { ok: true, sql: query.text, params: [...query.params] };
  } finally {
    d = outer;
  }
}

function typeOf(value: SegmentValue): FieldType {
  return typeof value === 'string' ? 'string' : typeof value === 'number' ? 'number' : 'boolean';
}

function typed(value: SegmentValue, type: FieldType): Fragment {
  return sql`CAST(${param(value)} AS ${raw(SQL_TYPE[type])})`;
}

// A JSON key read as `type`, NULL when absent or of another JSON type (DuckDB's json_type names).
function jsonField(document: Fragment, key: string, type: FieldType): Fragment {
  const path = param(d.jsonKeyParam(key));
  const kind = construct((doc, k) => d.jsonKindAt(doc, k), document, path);
  const test =
    type === 'string'
      ? sql`${kind} = 'VARCHAR'`
      : type === 'number'
        ? sql`${kind} IN ('BIGINT', 'UBIGINT', 'DOUBLE')`
        : sql`${kind} = 'BOOLEAN'`;
  const read = construct((doc, k) => d.jsonTextAt(doc, k), document, path);
  const value =
    type === 'string' ? read : type === 'number' ? sql`CAST(${read} AS DOUBLE)` : sql`(${read} = 'true')`;
  return sql`(CASE WHEN ${test} THEN ${value} END)`;
}

function field(name: string, schema: SegmentSchema): { expr: Fragment; type: FieldType } {
  const resolved = resolveField(schema, name);
  if (resolved === undefined) throw new Error(`unvalidated field: ${name}`);
  // The canonical name, not the one typed: `customer_state` reads the column `region`.
  const key = resolved.name;
  const expr =
    resolved.source === 'column'
      ? sql`CAST(p.${identifier(key)} AS ${raw(SQL_TYPE[resolved.type])})`
      : resolved.source === 'score'
        ? score(key, resolved.type)
        : jsonField(raw('p.traits'), key, resolved.type);
  return { expr, type: resolved.type };
}

// A model score: the profile's value in the latest run that wrote it (customer_key is the profile id as text).
function score(name: string, type: FieldType): Fragment {
  const column = raw(type === 'string' ? 's.label' : `CAST(s.value AS ${SQL_TYPE[type]})`);
  return sql`(SELECT ${column} FROM customer_scores AS s WHERE s.score = ${param(name)} AND s.customer_key = CAST(p.profile_id AS VARCHAR) AND s.run_id = (SELECT max(run_id) FROM customer_scores WHERE score = ${param(name)}))`;
}

// Operators reach the text only through this table, whatever a tree that skipped validation carries.
const SQL_OP: Readonly<Record<ScalarOp, string>> = {
  '=': '=',
  '!=': '<>',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};

function comparison(expr: Fragment, op: ScalarOp | 'contains', value: Fragment): Fragment {
  if (op === 'contains')
    return sql`(${expr} IS NOT NULL AND ${construct((t, v) => d.containsText(t, v), expr, value)})`;
  const text = Object.hasOwn(SQL_OP, op) ? SQL_OP[op] : undefined;
  if (text === undefined) throw new Error(`invalid operator: ${String(op)}`);
  return sql`(${expr} IS NOT NULL AND ${expr} ${raw(text)} ${value})`;
}

function compare(node: CompareNode, schema: SegmentSchema): Fragment {
  const { expr, type } = field(node.field, schema);
  switch (node.op) {
    case 'is_null':
      return sql`(${expr} IS NULL)`;
    case 'is_not_null':
      return sql`(${expr} IS NOT NULL)`;
    case 'in':
    case 'not_in': {
      const list = join(
        compareValues(node).map((v) => typed(v, type)),
        ', ',
      );
      const negate = raw(node.op === 'not_in' ? 'NOT ' : '');
      const contains = construct((l, e) => d.listContains(d.list([l]), e), list, expr);
      return sql`(${expr} IS NOT NULL AND ${negate}${contains})`;
    }
    case '=':
    case '!=':
    case '<':
    case '<=':
    case '>':
    case '>=':
    case 'contains':
      return comparison(expr, node.op, typed(compareValues(node)[0]!, type));
    default:
      return assertUnreachable(node);
  }
}

// The events of one step: name, property filters and the window, attributed to profiles.
function stepEvents(
  step: { event: string; where: readonly PropertyFilter[] },
  withinDays: number | undefined,
  now: Date,
): Fragment {
  const conditions = [sql`e.event = ${typed(step.event, 'string')}`];
  if (withinDays !== undefined) {
    const at = sql`CAST(${param(now)} AS TIMESTAMPTZ)`;
    // Whole hours, not days: a day interval on TIMESTAMPTZ follows the session's time zone across DST.
    conditions.push(
      sql`e.ts >= ${at} - ${construct((n) => d.hours(n), sql`CAST(${param(withinDays * 24)} AS BIGINT)`)}`,
    );
    conditions.push(sql`e.ts <= CAST(${param(now)} AS TIMESTAMPTZ)`);
  }
  for (const filter of step.where) {
    const type = typeOf(filter.value);
    conditions.push(
      comparison(jsonField(raw('e.properties'), filter.property, type), filter.op, typed(filter.value, type)),
    );
  }
  return join(conditions, ' AND ');
}

const EVENTS = raw(
  "record_profiles AS rp JOIN events AS e ON rp.record_table = 'events' AND rp.row_key = e.row_key",
);

function event(node: EventNode, now: Date): Fragment {
  const members = sql`SELECT rp.profile_id FROM ${EVENTS} WHERE ${stepEvents(node, node.withinDays, now)} GROUP BY rp.profile_id HAVING count(*) >= CAST(${param(node.times)} AS BIGINT)`;
  return sql`(p.profile_id ${raw(node.did ? 'IN' : 'NOT IN')} (${members}))`;
}

// Steps in order: each step's earliest event strictly after the previous step's earliest match. Taking
// the earliest match at every step finds an ordered occurrence whenever one exists.
function sequence(node: SequenceNode, now: Date): Fragment {
  let previous: Fragment | undefined;
  for (const step of node.steps) {
    const events = stepEvents(step, node.withinDays, now);
    previous =
      previous === undefined
        ? sql`SELECT rp.profile_id, min(e.ts) AS t FROM ${EVENTS} WHERE ${events} AND e.ts IS NOT NULL GROUP BY rp.profile_id`
        : sql`SELECT rp.profile_id, min(e.ts) AS t FROM ${EVENTS} JOIN (${previous}) AS s ON s.profile_id = rp.profile_id WHERE ${events} AND e.ts > s.t GROUP BY rp.profile_id`;
  }
  return sql`(p.profile_id ${raw(node.did ? 'IN' : 'NOT IN')} (SELECT q.profile_id FROM (${previous ?? raw('SELECT NULL AS profile_id')}) AS q))`;
}

function predicate(node: SegmentNode, options: CompileOptions): Fragment {
  switch (node.kind) {
    case 'and':
    case 'or':
      return sql`(${join(
        node.children.map((child) => predicate(child, options)),
        node.kind === 'and' ? ' AND ' : ' OR ',
      )})`;
    case 'not':
      return sql`(NOT ${predicate(node.child, options)})`;
    case 'compare':
      return compare(node, options.schema);
    case 'event':
      return event(node, options.now);
    case 'sequence':
      return sequence(node, options.now);
    case 'in_segment': {
      const other = options.segments?.(node.segment);
      if (other === undefined) throw new Error(`unvalidated segment: ${node.segment}`);
      if (other === 'list') {
        return sql`(p.profile_id IN (SELECT profile_id FROM segment_membership WHERE segment = ${param(node.segment)} AND exited_at IS NULL))`;
      }
      return predicate(other, options);
    }
    default:
      return assertUnreachable(node);
  }
}
