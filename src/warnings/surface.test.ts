import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sayWarningsIn, warningOnSurface } from './surface.js';

const api = (w: unknown) => warningOnSurface(w, 'api');

test('warnings deep in an answer are said for the API; the answer given is never changed', () => {
  const rows = Array.from({ length: 3 }, (_, i) => ({ id: i, name: `row ${i}` }));
  const answer = {
    total: 3,
    rows,
    run: { warnings: [{ code: 'X', message: 'set {--tracking-url} first' }, 'plain words'] },
  };
  const frozen = structuredClone(answer);
  const said = sayWarningsIn(answer, api);
  assert.deepEqual(answer, frozen);
  assert.equal(
    said.run.warnings[0] && (said.run.warnings[0] as { message: string }).message,
    'set trackingUrl first',
  );
  assert.equal(said.run.warnings[1], 'plain words');
  // What did not change is shared, not copied: a long list of rows is walked, not rebuilt.
  assert.equal(said.rows, rows);
  assert.notEqual(said, answer);
});

test('an answer without marks comes back as the very same object', () => {
  const answer = {
    a: [{ b: 1 }],
    warnings: ['nothing to say'],
    c: { warnings: [{ code: 'Y', message: 'ok' }] },
  };
  assert.equal(sayWarningsIn(answer, api), answer);
});
