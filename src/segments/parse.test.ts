import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseSegment } from './parse.js';

function parsed(text: string) {
  const result = parseSegment(text);
  if (!result.ok) assert.fail(`${text}: ${result.issue.message}`);
  return result.node;
}

function issue(text: string) {
  const result = parseSegment(text);
  if (result.ok) assert.fail(`${text} parsed`);
  return result.issue;
}

describe('parseSegment()', () => {
  test('parses the issue’s examples into the documented trees', () => {
    assert.deepEqual(parsed("country = 'DE' and orders >= 2"), {
      kind: 'and',
      children: [
        { kind: 'compare', field: 'country', op: '=', value: 'DE' },
        { kind: 'compare', field: 'orders', op: '>=', value: 2 },
      ],
    });
    assert.deepEqual(parsed('revenue > 500 or clv > 300'), {
      kind: 'or',
      children: [
        { kind: 'compare', field: 'revenue', op: '>', value: 500 },
        { kind: 'compare', field: 'clv', op: '>', value: 300 },
      ],
    });
    assert.deepEqual(parsed("rfm_tier in ('At risk', 'Can''t lose them')"), {
      kind: 'compare',
      field: 'rfm_tier',
      op: 'in',
      values: ['At risk', "Can't lose them"],
    });
    assert.deepEqual(parsed("did 'Order Completed' at least 2 times in last 90 days"), {
      kind: 'event',
      did: true,
      event: 'Order Completed',
      times: 2,
      withinDays: 90,
      where: [],
    });
    assert.deepEqual(parsed("not in segment 'newsletter'"), {
      kind: 'not',
      child: { kind: 'in_segment', segment: 'newsletter' },
    });
  });

  test('and binds tighter than or; parentheses and not group', () => {
    assert.deepEqual(parsed('a = 1 or b = 2 and c = 3'), {
      kind: 'or',
      children: [
        { kind: 'compare', field: 'a', op: '=', value: 1 },
        {
          kind: 'and',
          children: [
            { kind: 'compare', field: 'b', op: '=', value: 2 },
            { kind: 'compare', field: 'c', op: '=', value: 3 },
          ],
        },
      ],
    });
    assert.deepEqual(parsed('NOT (a = 1 OR b is null) and c is not null'), {
      kind: 'and',
      children: [
        {
          kind: 'not',
          child: {
            kind: 'or',
            children: [
              { kind: 'compare', field: 'a', op: '=', value: 1 },
              { kind: 'compare', field: 'b', op: 'is_null' },
            ],
          },
        },
        { kind: 'compare', field: 'c', op: 'is_not_null' },
      ],
    });
  });

  test('parses not in, contains, booleans, negative numbers, <> and event filters', () => {
    assert.deepEqual(parsed("country not in ('DE', 'FR')"), {
      kind: 'compare',
      field: 'country',
      op: 'not_in',
      values: ['DE', 'FR'],
    });
    assert.deepEqual(parsed("email contains '@gmail'"), {
      kind: 'compare',
      field: 'email',
      op: 'contains',
      value: '@gmail',
    });
    assert.deepEqual(parsed('vip = true and score <> -1.5'), {
      kind: 'and',
      children: [
        { kind: 'compare', field: 'vip', op: '=', value: true },
        { kind: 'compare', field: 'score', op: '!=', value: -1.5 },
      ],
    });
    assert.deepEqual(parsed("did not 'Signed Up' with (plan = 'pro', amount >= 10)"), {
      kind: 'event',
      did: false,
      event: 'Signed Up',
      times: 1,
      where: [
        { property: 'plan', op: '=', value: 'pro' },
        { property: 'amount', op: '>=', value: 10 },
      ],
    });
  });

  test('event clauses come in any order', () => {
    assert.deepEqual(
      parsed("did 'Order Completed' with (amount >= 50) in last 30 days at least 2 times"),
      parsed("did 'Order Completed' at least 2 times in last 30 days with (amount >= 50)"),
    );
    assert.equal(
      issue("did 'x' in last 3 days in last 4 days").message,
      "unexpected 'in' at column 24 (expected 'and', 'or' or end of input)",
    );
  });

  test('a hostile string is one value', () => {
    assert.deepEqual(parsed("country = '''; DROP TABLE profiles; --'"), {
      kind: 'compare',
      field: 'country',
      op: '=',
      value: "'; DROP TABLE profiles; --",
    });
  });

  test('errors name the token and its column', () => {
    assert.equal(
      issue("country = 'DE')").message,
      "unexpected ')' at column 15 (expected 'and', 'or' or end of input)",
    );
    assert.deepEqual(issue("(country = 'DE' ))"), {
      message: "unexpected ')' at column 18 (expected 'and', 'or' or end of input)",
      column: 18,
    });
    assert.equal(issue('orders >=').message, 'unexpected end of input at column 10 (expected a value)');
    assert.equal(issue("country = 'DE").message, 'unterminated string at column 11');
    assert.equal(issue('orders ; 2').message, "unexpected ';' at column 8");
    assert.equal(issue('and = 1').message, "unexpected 'and' at column 1 (expected a field name)");
    assert.equal(issue("did 'x' at least 0 times").column, 18);
    assert.equal(issue('(a = 1').message, "unexpected end of input at column 7 (expected ')')");
  });
});

describe('docs/segments.md', () => {
  test('every example of the text form parses', async () => {
    const { readFile } = await import('node:fs/promises');
    const page = await readFile(new URL('../../docs/segments.md', import.meta.url), 'utf8');
    const block = /## The text form\n\n```\n([\s\S]*?)```/.exec(page)?.[1];
    assert.ok(block);
    const examples = block.split('\n').filter((line) => line.trim() !== '');
    assert.ok(examples.length >= 5);
    for (const example of examples) parsed(example);
  });
});
