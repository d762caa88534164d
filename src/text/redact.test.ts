import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactPersonal } from './redact.js';

test('redactPersonal() hides e-mails, links, handles, phone numbers and known names, and nothing else', () => {
  assert.equal(
    redactPersonal('Write to ann.smith@x.io or see https://x.com/p1, ping @AnnSmith, call +48 601 234 567.', [
      'Ann',
      'Smith',
    ]),
    'Write to [email] or see [link] ping @…, call [phone].',
  );
  assert.equal(redactPersonal('Anna said Ann was right', ['Ann']), 'Anna said [name] was right');
  assert.equal(redactPersonal('Order 12 of 2024 came in 3 days', ['Al']), 'Order 12 of 2024 came in 3 days');
  // Names are literal text, any case: a dot in one is not a wildcard.
  assert.equal(redactPersonal('Łucja and Joxn wrote', ['łucja', 'Jo.n']), '[name] and Joxn wrote');
});
