import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClienteleError, onSurface, optionName } from './index.js';

test('optionName spells a flag as the API does', () => {
  assert.equal(optionName('--min-support'), 'minSupport');
  assert.equal(optionName('--quiet-hours'), 'quietHours');
  assert.equal(optionName('staleAfter'), 'staleAfter');
  assert.equal(optionName('--tz'), 'tz');
});

test('onSurface says an option mark as a flag on the command line and as the API names it elsewhere', () => {
  const hint = 'Fix {--map}: a JSON object such as {"category": "x"}; or pass {--date-format} dmy';
  assert.equal(
    onSurface(hint, 'cli'),
    'Fix --map: a JSON object such as {"category": "x"}; or pass --date-format dmy',
  );
  assert.equal(
    onSurface(hint, 'api'),
    'Fix map: a JSON object such as {"category": "x"}; or pass dateFormat dmy',
  );
  assert.equal(onSurface('{n, plural, one {#} other {#}}', 'api'), '{n, plural, one {#} other {#}}');
});

test('an error said through JSON.stringify keeps the command line spelling; the API asks for its own', () => {
  const error = new ClienteleError('CLT_ERR_USER_PASSWORD', 'too short');
  // JSON.stringify calls toJSON with the property's key ('error' here), which is not a surface.
  const stringified = JSON.parse(JSON.stringify({ error })) as { error: { hint: string } };
  assert.match(stringified.error.hint, /as --password;/);
  assert.match(String(error.toJSON('api').hint), /as password;/);
  assert.doesNotMatch(String(error.toJSON('api').hint), /--|\{/);
});
