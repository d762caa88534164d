import { type Static, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { ClienteleError } from '../errors/index.js';
import {
  parseSegment,
  type SegmentLookup,
  type SegmentNode,
  type SegmentSchema,
  segmentSchema,
  validateSegment,
} from '../segments/index.js';
import type { Warehouse } from '../store/index.js';

/** One rule of a placement: when `if` holds (always, without it), show `variant` (or an experiment's). */
export const PlacementRule = Type.Object(
  {
    if: Type.Optional(Type.String({ description: 'a segment expression, with the request context fields' })),
    variant: Type.Optional(Type.String({ minLength: 1 })),
    experiment: Type.Optional(Type.String({ minLength: 1, description: 'the variant is this experiment’s' })),
    payload: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: false },
);
export type PlacementRule = Static<typeof PlacementRule>;
export const PlacementRules = Type.Array(PlacementRule, { minItems: 1, maxItems: 100 });

/** The request's context, usable in rules as traits are (`local_hour >= 22`, `device = 'mobile'`). */
export const CONTEXT_FIELDS = {
  local_hour: 'number',
  weekday: 'string',
  device: 'string',
  is_new: 'boolean',
  last_viewed_category: 'string',
  country: 'string',
} as const;

/** The segment schema with the context fields as traits. */
export async function placementSchema(db: Warehouse): Promise<SegmentSchema> {
  const base = await segmentSchema(db);
  return { ...base, traits: { ...base.traits, ...CONTEXT_FIELDS } };
}

/** A lookup of the saved segments' trees, for `in segment` in rules. */
export async function savedTrees(db: Warehouse): Promise<SegmentLookup> {
  const rows = await db.all<{ name: string; kind: string; tree: string }>(
    'SELECT name, kind, CAST(tree AS VARCHAR) AS tree FROM segments',
  );
  const trees = new Map(
    rows.map((r) => [r.name, r.kind === 'rule' ? (JSON.parse(r.tree) as SegmentNode) : ('list' as const)]),
  );
  return (name) => trees.get(name);
}

const invalid = (message: string) => new ClienteleError('CLT_ERR_ACTIVATION_INVALID', message);

/**
 * Checks a placement's rules: the JSON shape, each `if` parsed and validated against the fields that exist
 * plus the context's, each rule naming a variant or an experiment that exists. Returns the parsed trees.
 */
export async function checkRules(
  db: Warehouse,
  rules: unknown,
): Promise<{ rules: PlacementRule[]; trees: (SegmentNode | null)[] }> {
  if (!Value.Check(PlacementRules, rules)) {
    const first = Value.Errors(PlacementRules, rules).First();
    throw invalid(
      `rules: ${first ? `${first.path || '/'}: ${first.message}` : 'an array of {if, variant, payload}'}`,
    );
  }
  const schema = await placementSchema(db);
  const segments = await savedTrees(db);
  const trees: (SegmentNode | null)[] = [];
  for (const [i, rule] of rules.entries()) {
    if ((rule.variant === undefined) === (rule.experiment === undefined))
      throw invalid(`rules/${i}: name either a variant or an experiment`);
    if (rule.experiment !== undefined) {
      const [e] = await db.all('SELECT 1 FROM experiments WHERE name = ?', [rule.experiment]);
      if (!e) throw invalid(`rules/${i}: no experiment named '${rule.experiment}'`);
    }
    if (rule.if === undefined) {
      trees.push(null);
      continue;
    }
    const parsed = parseSegment(rule.if);
    if (!parsed.ok) throw invalid(`rules/${i}/if: ${parsed.issue.message}`);
    const issues = validateSegment(parsed.node, { schema, segments });
    if (issues.length) throw invalid(`rules/${i}/if: ${issues.map((x) => x.message).join('; ')}`);
    trees.push(parsed.node);
  }
  return { rules, trees };
}
