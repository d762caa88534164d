import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { personaAvatar, personaName, uniqueIdentity } from './identity.js';

describe('uniqueIdentity()', () => {
  test('keeps the first draw when it is free, draws again when an earlier persona of the run took it', () => {
    const taken = { names: new Set<string>(), avatars: new Set<string>() };
    const first = uniqueIdentity('seg-1', 'female', 'US', taken);
    assert.equal(first.name, personaName('seg-1', 'female', 'US'));
    assert.equal(first.avatar, personaAvatar('seg-1', 'female'));
    // A second segment that would draw the very same name and face (here: the same segment name again).
    const second = uniqueIdentity('seg-1', 'female', 'US', taken);
    assert.notEqual(second.name, first.name);
    assert.notEqual(second.avatar, first.avatar);
    assert.equal(second.name, personaName('seg-1', 'female', 'US', 1), 'the next draw, deterministic');
    assert.equal(taken.names.size, 2);
    assert.equal(taken.avatars.size, 2);
  });

  test('twenty personas of one run have twenty names and twenty faces', () => {
    const taken = { names: new Set<string>(), avatars: new Set<string>() };
    const all = Array.from({ length: 20 }, (_, i) =>
      uniqueIdentity(`cluster-${i % 4}`, i % 2 ? 'male' : 'female', null, taken),
    );
    assert.equal(new Set(all.map((p) => p.name)).size, 20);
    assert.equal(new Set(all.map((p) => p.avatar)).size, 20);
  });
});
