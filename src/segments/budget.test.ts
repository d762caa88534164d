import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withTestDatabase } from '../../test/helpers/engine.js';
import { openWarehouse } from '../store/index.js';
import { checkBudget, DEFAULT_SEGMENT_BUDGET } from './budget.js';
import { compileSegment } from './compile.js';
import type { SegmentNode } from './nodes.js';
import { parseSegment } from './parse.js';
import { PROFILE_COLUMNS } from './schema.js';
import { compileExpression } from './store.js';

const schema = { columns: PROFILE_COLUMNS, traits: {}, scores: {} };
const clauses = (n: number) =>
  Array.from({ length: n }, (_, i) => `did 'e${i}' in last 30 days`).join(' and ');

describe('the segment complexity budget', () => {
  it('parses 10,000 brackets without overflowing, refusing them at the depth limit', () => {
    const deep = `${'('.repeat(10_000)}orders > 1${')'.repeat(10_000)}`;
    const r = parseSegment(deep);
    assert.ok(!r.ok);
    assert.equal(r.issue.tooComplex, true);
    assert.match(r.issue.message, /deeper than 32 levels/);
    assert.ok(parseSegment(`${'('.repeat(30)}orders > 1${')'.repeat(30)}`).ok);
    const nots = parseSegment(`${'not '.repeat(10_000)}orders > 1`);
    assert.ok(!nots.ok && nots.issue.tooComplex);
  });

  it('refuses counts and windows beyond the engine’s integers with the limit named', () => {
    for (const text of [
      "did 'x' at least 99999999999999999999 times",
      "did 'x' at least 1000001 times",
      "did 'x' in last 99999999999 days",
    ]) {
      const r = parseSegment(text);
      assert.ok(!r.ok, text);
      assert.match(r.issue.message, /a whole number from 1 to (1000000|36500)/);
    }
    const huge = parseSegment('orders > 1e400');
    assert.ok(!huge.ok);
    assert.match(huge.issue.message, /too large/);
  });

  it('counts event conditions, conditions and list values, and a tree arriving as JSON at any depth', () => {
    const parsed = parseSegment(clauses(400));
    assert.ok(parsed.ok);
    assert.match(checkBudget(parsed.node)[0]?.message ?? '', /more than 20 event conditions/);
    const twenty = parseSegment(clauses(20));
    assert.ok(twenty.ok);
    assert.deepEqual(checkBudget(twenty.node), []);
    const many = parseSegment(Array.from({ length: 201 }, (_, i) => `orders > ${i}`).join(' or '));
    assert.ok(many.ok);
    assert.match(checkBudget(many.node)[0]?.message ?? '', /more than 200 conditions/);
    const list = parseSegment(`country in (${Array.from({ length: 1001 }, (_, i) => `'c${i}'`).join(', ')})`);
    assert.ok(list.ok);
    assert.match(checkBudget(list.node)[0]?.message ?? '', /1001 values; the limit is 1000/);

    let tree: SegmentNode = { kind: 'compare', field: 'orders', op: '>', value: 1 };
    for (let i = 0; i < 100_000; i++) tree = { kind: 'not', child: tree };
    const compiled = compileSegment(tree, { schema, now: new Date() });
    assert.ok(!compiled.ok);
    assert.equal(compiled.issues[0]?.code, 'too_complex');
    const times = compileSegment(
      { kind: 'event', did: true, event: 'x', times: 1e20, where: [] },
      { schema, now: new Date() },
    );
    assert.ok(!times.ok);
  });

  it('counts the saved rules a rule references, as the compiler inlines them', () => {
    const ten = parseSegment(clauses(10));
    assert.ok(ten.ok);
    const lookup = (name: string) => (name === 'ten' ? ten.node : undefined);
    const both = parseSegment(`in segment 'ten' and in segment 'ten' and did 'z'`);
    assert.ok(both.ok);
    assert.deepEqual(checkBudget(both.node), [], 'alone it is small');
    const r = compileSegment(both.node, { schema, segments: lookup, now: new Date() });
    assert.ok(!r.ok);
    assert.match(r.issues[0]?.message ?? '', /more than 20 event conditions/);
  });

  it('compileExpression answers CLT_ERR_SEGMENT_TOO_COMPLEX before running any query', async () => {
    await withTestDatabase(async ({ location }) => {
      const db = await openWarehouse(location);
      try {
        await assert.rejects(compileExpression(db, clauses(400)), (e: Error & { code?: string }) => {
          assert.equal(e.code, 'CLT_ERR_SEGMENT_TOO_COMPLEX');
          assert.match(e.message, /20 event conditions/);
          assert.ok(e.message.length < 1000, 'the message does not echo a 12 KB rule');
          return true;
        });
      } finally {
        await db.close();
      }
    });
    assert.equal(DEFAULT_SEGMENT_BUDGET.maxEventWindows, 20);
  });
});
