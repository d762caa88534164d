import assert from 'node:assert/strict';
import { test } from 'node:test';
import { optionName } from './index.js';

test('optionName spells a flag as the API does', () => {
  assert.equal(optionName('--min-support'), 'minSupport');
  assert.equal(optionName('--quiet-hours'), 'quietHours');
  assert.equal(optionName('staleAfter'), 'staleAfter');
  assert.equal(optionName('--tz'), 'tz');
});
