import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addRecords, type Conflict, emptyGraph, type GraphRecord, settle } from './graph.js';

const USER = 0;
const EMAIL = 1;
const ANON = 2;
const limits = [1, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];

function run(records: GraphRecord[], l = limits) {
  const state = emptyGraph(100);
  const conflicts: Conflict[] = [];
  const profiles = settle(state, addRecords(state, records, l, conflicts));
  return { profiles: [...profiles], conflicts };
}

describe('identity graph', () => {
  it('joins records that share an identifier, transitively', () => {
    const { profiles } = run([
      { nodes: [10], types: [EMAIL] },
      { nodes: [10, 20], types: [EMAIL, ANON] },
      { nodes: [20], types: [ANON] },
      { nodes: [30], types: [EMAIL] },
    ]);
    assert.deepEqual(profiles, [0, 0, 0, 1]);
  });

  it('refuses a merge that would give a profile two user ids, and records it', () => {
    const { profiles, conflicts } = run([
      { nodes: [1, 20], types: [USER, ANON] }, // user 1 on a shared device
      { nodes: [2, 20], types: [USER, ANON] }, // user 2 on the same device
    ]);
    assert.notEqual(profiles[0], profiles[1]);
    assert.equal(conflicts.length, 1);
    assert.deepEqual([conflicts[0]!.record, conflicts[0]!.node], [1, 20]);
  });

  it('merges two profiles when a later record links them and the limits allow', () => {
    const { profiles } = run([
      { nodes: [10], types: [EMAIL] },
      { nodes: [20], types: [ANON] },
      { nodes: [10, 20], types: [EMAIL, ANON] },
    ]);
    assert.deepEqual(profiles, [0, 0, 0]);
  });

  it('adding records one by one gives the same profiles as all at once (incremental = rebuild)', () => {
    const record = fc.record({
      nodes: fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { minLength: 0, maxLength: 4 }),
    });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 40 }), (raw) => {
        const records = raw.map((r) => ({ nodes: r.nodes, types: r.nodes.map((n) => n % 3) }));
        const whole = run(records).profiles;
        const state = emptyGraph(100);
        const conflicts: Conflict[] = [];
        const pieces: number[] = [];
        for (const rec of records) pieces.push(...addRecords(state, [rec], limits, conflicts));
        assert.deepEqual([...settle(state, Int32Array.from(pieces))], whole);
      }),
    );
  });

  it('never leaves a profile with more user ids than the limit', () => {
    const record = fc.record({ nodes: fc.uniqueArray(fc.integer({ min: 0, max: 20 }), { maxLength: 4 }) });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 60 }), (raw) => {
        const records = raw.map((r) => ({ nodes: r.nodes, types: r.nodes.map((n) => n % 3) }));
        const state = emptyGraph(100);
        addRecords(state, records, limits, []);
        const users = new Map<number, Set<number>>();
        for (let node = 0; node <= 20; node++) {
          if (node % 3 !== USER || state.profileOfNode[node]! < 0) continue;
          const p = settle(state, Int32Array.of(state.profileOfNode[node]!))[0]!;
          users.set(p, (users.get(p) ?? new Set()).add(node));
        }
        for (const set of users.values()) assert.ok(set.size <= 1);
      }),
    );
  });
});
