import assert from 'node:assert/strict';
import { it } from 'node:test';
import { channelWord, fieldPhrase } from './field.js';
import { isPhrase, phrase, say } from './phrase.js';
import { speaker } from './speak.js';

it('a field inside a sentence is its catalogue label in the reader’s language, else its name as words', () => {
  const pl = speaker('pl');
  assert.equal(
    say(pl, phrase('import.refused', { field: fieldPhrase('children'), reason: 'x' })),
    'nie pole „Dzieci”: x',
  );
  assert.equal(
    say(speaker('en'), phrase('import.refused', { field: fieldPhrase('first_name'), reason: 'x' })),
    'not the field “First name”: x',
  );
  assert.equal(fieldPhrase('ship_country'), 'ship country');
  assert.ok(isPhrase(fieldPhrase('consent_email')));
});

it('a message channel is named in the reader’s language inside a sentence', () => {
  assert.equal(channelWord(speaker('pl'), 'email'), 'e-mail');
  assert.equal(channelWord(speaker('pl'), 'push'), 'powiadomienia push');
  assert.equal(channelWord(speaker('pl'), 'carrier_pigeon'), 'carrier_pigeon');
});
