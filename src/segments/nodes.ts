/**
 * The segment language as a tree of small immutable nodes, each a TypeBox schema with a string `kind`
 * (Dittofeed's segment nodes, Kysely's operation nodes). The union `SegmentNode` is at once the TypeScript
 * type, the JSON form a route accepts and the text a parser produces.
 */
import { type Static, type TSchema, Type } from '@sinclair/typebox';

/** A scalar a comparison compares with: text, a number or a boolean. */
export const SegmentValue = Type.Union([Type.String(), Type.Number(), Type.Boolean()], {
  description: 'A value compared with a field: text, a number or a boolean.',
});
export type SegmentValue = Static<typeof SegmentValue>;

/** A field or property name: letters, digits and underscores, not starting with a digit. */
export const FieldName = Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$', description: 'A field name.' });

/** Comparisons against one value. */
export const ScalarOp = Type.Union(
  [
    Type.Literal('='),
    Type.Literal('!='),
    Type.Literal('<'),
    Type.Literal('<='),
    Type.Literal('>'),
    Type.Literal('>='),
  ],
  { description: 'A comparison with one value.' },
);
export type ScalarOp = Static<typeof ScalarOp>;

/** A profile field compared with one value (`orders >= 2`, `country = 'DE'`, `email contains 'gmail'`). */
export const CompareScalarNode = Type.Object(
  {
    kind: Type.Literal('compare'),
    field: FieldName,
    op: Type.Union([ScalarOp, Type.Literal('contains')]),
    value: SegmentValue,
  },
  { description: 'A profile field (column or trait) compared with one value.' },
);

/** A profile field tested against a list (`rfm_tier in ('At risk', 'Champions')`). */
export const CompareListNode = Type.Object(
  {
    kind: Type.Literal('compare'),
    field: FieldName,
    op: Type.Union([Type.Literal('in'), Type.Literal('not_in')]),
    values: Type.Array(SegmentValue, { minItems: 1 }),
  },
  { description: 'A profile field tested for membership of a list of values.' },
);

/** A profile field tested for a missing value (`age is null`). */
export const CompareNullNode = Type.Object(
  {
    kind: Type.Literal('compare'),
    field: FieldName,
    op: Type.Union([Type.Literal('is_null'), Type.Literal('is_not_null')]),
  },
  { description: 'A profile field tested for a missing value.' },
);

/** Every form of `compare`. */
export const CompareNode = Type.Union([CompareScalarNode, CompareListNode, CompareNullNode]);
export type CompareNode = Static<typeof CompareNode>;
export type CompareOp = CompareNode['op'];

/** A condition on one property of an event (`amount > 50`). */
export const PropertyFilter = Type.Object(
  { property: FieldName, op: ScalarOp, value: SegmentValue },
  { description: "A condition on one of the event's properties." },
);
export type PropertyFilter = Static<typeof PropertyFilter>;

/** Did (or did not) do an event at least `times` times, within the last `withinDays` days if given. */
export const EventNode = Type.Object(
  {
    kind: Type.Literal('event'),
    did: Type.Boolean({ description: 'false for "did not": fewer than `times` matching events.' }),
    event: Type.String({ description: 'The event name, as tracked.' }),
    times: Type.Integer({
      minimum: 1,
      maximum: 1_000_000,
      description: 'At least this many matching events (1 by default).',
    }),
    withinDays: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 36_500, description: 'Only events in the last D days.' }),
    ),
    where: Type.Array(PropertyFilter, { description: 'Every filter must hold for an event to count.' }),
  },
  { description: 'Whether the person did an event, how often, how recently, with which properties.' },
);
export type EventNode = Static<typeof EventNode>;

/** One step of a sequence: an event name and filters on its properties. */
export const SequenceStep = Type.Object(
  {
    event: Type.String({ description: 'The event name, as tracked.' }),
    where: Type.Array(PropertyFilter, { description: 'Every filter must hold for the event to count.' }),
  },
  { description: 'One step of an ordered sequence.' },
);
export type SequenceStep = Static<typeof SequenceStep>;

/** Did (or did not) do events in a given order, each strictly later than the one before. */
export const SequenceNode = Type.Object(
  {
    kind: Type.Literal('sequence'),
    did: Type.Boolean({ description: 'false for "did not": the steps never happened in this order.' }),
    steps: Type.Array(SequenceStep, { minItems: 2, maxItems: 10 }),
    withinDays: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 36_500, description: 'Every step in the last D days.' }),
    ),
  },
  { description: 'Whether the person did events in a given order.' },
);
export type SequenceNode = Static<typeof SequenceNode>;

/** Membership of another segment, by name. */
export const InSegmentNode = Type.Object(
  { kind: Type.Literal('in_segment'), segment: Type.String({ description: 'The other segment.' }) },
  { description: 'Membership of another segment.' },
);
export type InSegmentNode = Static<typeof InSegmentNode>;

/** The segment tree: leaves combined with and, or, not. */
export const SegmentNode = Type.Recursive(
  (Self) =>
    Type.Union([
      Type.Object({ kind: Type.Literal('and'), children: Type.Array(Self, { minItems: 1 }) }),
      Type.Object({ kind: Type.Literal('or'), children: Type.Array(Self, { minItems: 1 }) }),
      Type.Object({ kind: Type.Literal('not'), child: Self }),
      CompareNode as TSchema,
      EventNode,
      SequenceNode,
      InSegmentNode,
    ]),
  { $id: 'SegmentNode', description: 'A segment rule: conditions combined with and, or and not.' },
);

/** All children must hold. */
export interface AndNode {
  readonly kind: 'and';
  readonly children: readonly SegmentNode[];
}
/** At least one child holds. */
export interface OrNode {
  readonly kind: 'or';
  readonly children: readonly SegmentNode[];
}
/** The child does not hold. */
export interface NotNode {
  readonly kind: 'not';
  readonly child: SegmentNode;
}
/** One node of a segment rule. */
export type SegmentNode = AndNode | OrNode | NotNode | CompareNode | EventNode | SequenceNode | InSegmentNode;
export type SegmentKind = SegmentNode['kind'];

/** The values a comparison compares with: one, a list, or none for the null tests. */
export function compareValues(node: CompareNode): readonly SegmentValue[] {
  return 'values' in node ? node.values : 'value' in node ? [node.value] : [];
}
