import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseInterval, staleCutoff } from './duration.js';

test('a bad interval or age names its option as the API spells it, not a CLI flag (issue 13)', () => {
  assert.equal(parseInterval('15m'), 900);
  assert.throws(() => parseInterval('soon'), {
    code: 'CLT_ERR_SCHEDULE_BAD_INTERVAL',
    message: 'every soon: expected a number and a unit (s, m, h, d, w), e.g. 15m',
    details: { option: 'every' },
  });
  assert.throws(() => parseInterval('soon', '--retry-after', 'CLT_ERR_USAGE'), {
    code: 'CLT_ERR_USAGE',
    details: { option: 'retryAfter' },
  });
  assert.throws(() => staleCutoff('soon', new Date()), {
    code: 'CLT_ERR_AUDIT_BAD_OPTION',
    message: 'staleAfter soon: expected a whole number and a unit (d, w, m for months, y), e.g. 18m',
    details: { option: 'staleAfter' },
  });
});
