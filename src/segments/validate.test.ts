import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SegmentNode } from './nodes.js';
import { parseSegment } from './parse.js';
import { PROFILE_COLUMNS, type SegmentSchema } from './schema.js';
import { validateSegment } from './validate.js';

const SCHEMA: SegmentSchema = { columns: PROFILE_COLUMNS, traits: { rfm_tier: 'string', clv: 'number' } };

function tree(text: string): SegmentNode {
  const result = parseSegment(text);
  if (!result.ok) assert.fail(result.issue.message);
  return result.node;
}

function messages(text: string, segments: Record<string, string> = {}, name?: string): string[] {
  const lookup = (n: string) => (Object.hasOwn(segments, n) ? tree(segments[n]!) : undefined);
  return validateSegment(tree(text), { schema: SCHEMA, segments: lookup, ...(name ? { name } : {}) }).map(
    (i) => `${i.code}: ${i.message}`,
  );
}

describe('validateSegment()', () => {
  test('accepts the issue’s examples when their fields and segments exist', () => {
    assert.deepEqual(messages("country = 'DE' and orders >= 2"), []);
    assert.deepEqual(messages('revenue > 500 or clv > 300'), []);
    assert.deepEqual(messages("rfm_tier in ('At risk', 'Can''t lose them')"), []);
    assert.deepEqual(messages("did 'Order Completed' at least 2 times in last 90 days"), []);
    assert.deepEqual(messages("not in segment 'newsletter'", { newsletter: 'consent_email = true' }), []);
  });

  test('names an unknown field (a trait that does not exist), with the nearest known names', () => {
    const [message, ...rest] = messages('revenue > 500 or churn > 0.5');
    assert.match(message!, /^unknown_field: unknown field 'churn'; 44 names are known \(e\.g\. email, phone/);
    assert.deepEqual(rest, []);
    assert.deepEqual(messages("regoin = 'SP'"), [
      "unknown_field: unknown field 'regoin'; did you mean 'region'?",
    ]);
    const withAlias = {
      ...SCHEMA,
      aliases: [{ kind: 'customers', alias: 'customer_state', field: 'region' }],
    };
    assert.deepEqual(validateSegment(tree("customer_state = 'SP'"), { schema: withAlias }), []);
    assert.deepEqual(
      validateSegment(tree("customer_stat = 'SP'"), { schema: withAlias }).map((i) => i.message),
      ["unknown field 'customer_stat'; did you mean 'customer_state'?"],
    );
  });

  test('names the field of a type mismatch and an operator its type lacks', () => {
    assert.deepEqual(messages("orders = 'two' and country > 3 and revenue contains 'x'"), [
      'type_mismatch: field \'orders\' is a number, compared with the string "two"',
      "type_mismatch: field 'country' is a string, compared with the number 3",
      "invalid_operator: field 'country': '>' compares numbers, not a string",
      'type_mismatch: field \'revenue\' is a number, compared with the string "x"',
      "invalid_operator: field 'revenue': 'contains' needs a string, not a number",
    ]);
    assert.deepEqual(messages("did 'Order Completed' with (plan > 'pro')"), [
      "invalid_operator: property 'plan': '>' compares numbers, not a string",
    ]);
  });

  test('finds unknown segments and cycles of references, including through other segments', () => {
    assert.deepEqual(messages("in segment 'nope'"), ["unknown_segment: unknown segment 'nope'"]);
    assert.deepEqual(messages("in segment 'a'", { a: "in segment 'b'", b: "orders > 1 or in segment 'a'" }), [
      "segment_cycle: segment references form a cycle: 'a' → 'b' → 'a'",
    ]);
    assert.deepEqual(messages("in segment 'me'", { me: "in segment 'me'" }, 'me'), [
      "segment_cycle: segment references form a cycle: 'me' → 'me'",
    ]);
    // A segment referenced twice (a diamond) is not a cycle.
    assert.deepEqual(
      messages("in segment 'a' and in segment 'b'", {
        a: "in segment 'c'",
        b: "in segment 'c'",
        c: 'orders > 1',
      }),
      [],
    );
  });

  test('refuses a JSON tree that is not a segment tree', () => {
    const bogus = { kind: 'compare', field: 'country; --', op: '=', value: 'x' } as unknown as SegmentNode;
    const [issue] = validateSegment(bogus, { schema: SCHEMA });
    assert.equal(issue?.code, 'invalid_node');
  });
});
