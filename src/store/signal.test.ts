import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createQueryScope, currentQueryScope, withQueryScope } from './scope.js';
import { signal } from './signal.js';
import type { Warehouse } from './warehouse.js';

// Only `location` is read by a signal; the rest of a warehouse is not needed to test who is told.
const at = (location: string) => ({ location }) as Warehouse;

test('a signal reaches the listeners of the same location, outside the emitter’s query scope', () => {
  const happened = signal();
  const heard: string[] = [];
  const scopes: unknown[] = [];
  const stopA = happened.on(at('/data/a.duckdb'), () => {
    heard.push('a');
    scopes.push(currentQueryScope());
  });
  happened.on(at('/data/b.duckdb'), () => heard.push('b'));

  // A session or transaction of the same file is another object with the same location.
  const scope = createQueryScope({ timeoutMs: 1000, label: 'test' });
  withQueryScope(scope, () => happened.emit(at('/data/a.duckdb')));
  scope.end();
  assert.deepEqual(heard, ['a']);
  assert.deepEqual(scopes, [undefined]);

  stopA();
  happened.emit(at('/data/a.duckdb'));
  assert.deepEqual(heard, ['a']);
  happened.emit(at('/data/b.duckdb'));
  assert.deepEqual(heard, ['a', 'b']);
});

test('two signals keep their listeners apart', () => {
  const resolved = signal();
  const refreshed = signal();
  let count = 0;
  resolved.on(at('x'), () => count++);
  refreshed.emit(at('x'));
  assert.equal(count, 0);
  resolved.emit(at('x'));
  assert.equal(count, 1);
});
