import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parseSegment } from '../../src/segments/index.js';
import { type Group, itemText, unfinished, updateAt } from '../../web/src/rule-tree.js';

const tree: Group = {
  kind: 'group',
  join: 'and',
  items: [
    { kind: 'field', field: 'country', op: '=', value: "Côte d'Ivoire" },
    {
      kind: 'group',
      join: 'or',
      items: [
        { kind: 'event', did: true, event: 'Order Completed', times: '3', days: '90' },
        { kind: 'field', field: 'orders', op: '>=', value: '5' },
      ],
    },
    { kind: 'event', did: false, event: 'Product Viewed', times: '1', days: '' },
  ],
};

it('the builder tree writes the text form: nested groups in parentheses, event conditions with counts and days', () => {
  const text = itemText(tree);
  assert.equal(
    text,
    "country = 'Côte d''Ivoire' and (did 'Order Completed' at least 3 times in last 90 days or orders >= 5) and did not 'Product Viewed'",
  );
  const parsed = parseSegment(text);
  assert.ok(parsed.ok, JSON.stringify(parsed));
  if (!parsed.ok) return;
  // The parser reads the same tree back: an and of a compare, an or of an event and a compare, and an event.
  const root = parsed.node as unknown as {
    kind: string;
    children: { kind: string; children?: { kind: string }[] }[];
  };
  assert.equal(root.kind, 'and');
  assert.deepEqual(
    root.children.map((c) => c.kind),
    ['compare', 'or', 'event'],
  );
  assert.deepEqual(
    root.children[1]?.children?.map((c) => c.kind),
    ['event', 'compare'],
  );
});

it('updateAt() replaces or removes one item deep in the tree and leaves the rest', () => {
  const changed = updateAt(tree, [1, 0], { kind: 'field', field: 'age', op: '<', value: '30' });
  assert.equal(
    itemText(changed),
    "country = 'Côte d''Ivoire' and (age < 30 or orders >= 5) and did not 'Product Viewed'",
  );
  const removed = updateAt(tree, [1, 1], null);
  assert.equal(
    itemText(removed),
    "country = 'Côte d''Ivoire' and did 'Order Completed' at least 3 times in last 90 days and did not 'Product Viewed'",
  );
  assert.equal(itemText(tree).includes('orders >= 5'), true, 'the original is not changed');
});

it("a line without its value is left out of the rule (never `country = ''`) and counted as unfinished", () => {
  const fresh: Group = {
    kind: 'group',
    join: 'and',
    items: [{ kind: 'field', field: 'country', op: '=', value: '' }],
  };
  assert.equal(itemText(fresh), '');
  assert.equal(unfinished(fresh), 1);
  const half: Group = {
    kind: 'group',
    join: 'and',
    items: [
      { kind: 'field', field: 'country', op: '=', value: '  ' },
      { kind: 'field', field: 'orders', op: '>=', value: '2' },
      { kind: 'field', field: 'city', op: 'in', value: ' , ' },
      { kind: 'field', field: 'email', op: 'is null', value: '' },
      {
        kind: 'group',
        join: 'or',
        items: [{ kind: 'event', did: true, event: ' ', times: '1', days: '90' }],
      },
    ],
  };
  assert.equal(itemText(half), 'orders >= 2 and email is null');
  assert.equal(unfinished(half), 3);
  const done = updateAt(half, [0], { kind: 'field', field: 'country', op: '=', value: 'PL' });
  assert.equal(itemText(done), "country = 'PL' and orders >= 2 and email is null");
  assert.equal(unfinished(done), 2);
});
