import assert from 'node:assert/strict';
import { it } from 'node:test';
import { shapeIssues } from '../../src/journeys/index.js';
import {
  type DraftStep,
  flatten,
  newStep,
  placeOf,
  type Step,
  toDraft,
} from '../../web/src/screens/act/journey-draft.js';

const d = (step: Step, sub: DraftStep[] = []): DraftStep => ({ key: step.id, step, sub });
const trigger = { kind: 'segment', segment: 'vip' } as const;

it('flatten() writes a branch’s own steps after the main list, coming back after the branch', () => {
  const draft = [
    d({ id: 'w', kind: 'wait', duration: '1d' }),
    d({ id: 'b', kind: 'branch', if: 'orders >= 3' }, [
      d({ id: 'mail', kind: 'email', campaign: 'thanks' }),
      d({ id: 'b2', kind: 'branch', if: 'orders >= 9' }, [d({ id: 'vip', kind: 'tag', add: 'vip' })]),
    ]),
    d({ id: 't', kind: 'tag', add: 'seen' }),
  ];
  const flat = flatten(draft);
  assert.deepEqual(flat.steps, [
    { id: 'w', kind: 'wait', duration: '1d' },
    { id: 'b', kind: 'branch', if: 'orders >= 3', goto: 'mail' },
    // The main list's last step must not run into the sub-steps written after it.
    { id: 't', kind: 'tag', add: 'seen', next: 'end' },
    { id: 'mail', kind: 'email', campaign: 'thanks' },
    { id: 'b2', kind: 'branch', if: 'orders >= 9', goto: 'vip', else: 't' },
    { id: 'vip', kind: 'tag', add: 'vip', next: 't' },
    { id: 'end', kind: 'exit' },
  ]);
  assert.deepEqual(flat.owners, ['w', 'b', 't', 'mail', 'b2', 'vip', null]);
  // The server's own check (shape, graph: no cycle, nothing unreachable) accepts it.
  assert.deepEqual(shapeIssues({ name: 'j', trigger, steps: flat.steps }), []);
});

it('flatten() leaves a flat journey as written, so an edit round-trips', () => {
  const steps: Step[] = [
    { id: 'a', kind: 'wait', duration: '2d', next: 'c' },
    { id: 'b', kind: 'exit' },
    { id: 'c', kind: 'branch', if: 'orders >= 1', goto: 'b' },
    { id: 'd', kind: 'tag', remove: 'x' },
  ];
  assert.deepEqual(flatten(toDraft({ name: 'j', trigger, steps })).steps, steps);
});

it('newStep() takes an id not yet used; placeOf() finds the builder’s field of a server path', () => {
  assert.equal(newStep('wait', ['wait-1', 'wait-2']).step.id, 'wait-3');
  const owners = ['k1', 'k2', null];
  assert.deepEqual(placeOf('/steps/1/if', owners), { at: 'step', key: 'k2', field: 'if' });
  assert.deepEqual(placeOf('/trigger/segment', owners), { at: 'trigger', field: 'segment' });
  assert.deepEqual(placeOf('/name', owners), { at: 'form', field: 'name' });
  assert.deepEqual(placeOf('/steps/2', owners), { at: 'form', field: 'steps' });
});
