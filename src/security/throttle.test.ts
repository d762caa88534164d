import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FAILURE_WINDOW_MS, FREE_FAILURES, SignInThrottle } from './throttle.js';

describe('sign-in throttle', () => {
  it('lets the free failures through, then makes each further attempt wait twice as long', () => {
    let now = 0;
    const t = new SignInThrottle(() => now);
    for (let i = 0; i < FREE_FAILURES - 1; i++) {
      assert.equal(t.waitFor(['ip:a']), 0);
      t.failed(['ip:a']);
    }
    assert.equal(t.waitFor(['ip:a']), 0);
    t.failed(['ip:a']);
    assert.equal(t.waitFor(['ip:a']), 1000);
    now += 1000;
    t.failed(['ip:a']);
    assert.equal(t.waitFor(['ip:a']), 2000);
    assert.equal(t.waitFor(['ip:b']), 0, 'another address is not slowed');
  });

  it('a success clears the name, and failures are forgotten after the window', () => {
    let now = 0;
    const t = new SignInThrottle(() => now);
    for (let i = 0; i < FREE_FAILURES; i++) t.failed(['name:ann']);
    assert.ok(t.waitFor(['name:ann']) > 0);
    t.succeeded('name:ann');
    assert.equal(t.waitFor(['name:ann']), 0);
    for (let i = 0; i < FREE_FAILURES; i++) t.failed(['name:bob']);
    now += FAILURE_WINDOW_MS + 60_000;
    assert.equal(t.waitFor(['name:bob']), 0);
  });
});
