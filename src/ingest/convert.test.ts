import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openDuckDB } from '../store/index.js';
import { asciiRowExpr } from './convert.js';

// Texts on both sides of the line: ASCII (control characters and DEL included) and not (a combining accent,
// emoji, flags, a no-break space, a zero-width space, Polish letters), and JSON lines with \u escapes.
const TEXTS = [
  'abc',
  '',
  '\u0000',
  '\u007f',
  'tab\there',
  'e\u0301',
  '\u0080',
  '👍🏽',
  '🇵🇱',
  'a\u00a0b',
  'x\u200b',
  'zażółć',
  '{"a":"b\\u00a0"}',
  '{"a":"plain"}',
  '\\u',
];

describe('asciiRowExpr', () => {
  it('says a text is all ASCII exactly when no character lies past 0x7F, and counts \\u escapes in JSON as not', async () => {
    // The staging query reads the rows' own text in the engine: the test asks the engine too.
    const db = await openDuckDB(':memory:');
    try {
      for (const json of [false, true]) {
        const rows = await db.all<{ t: string; ascii: boolean }>(
          `SELECT t, ${asciiRowExpr('t', json)} AS ascii FROM (VALUES ${TEXTS.map(() => '(CAST(? AS VARCHAR))').join(', ')}) AS v(t)`,
          TEXTS,
        );
        for (const r of rows) {
          // The definition: every UTF-16 unit below 0x80 (a character past it is a unit past it), and for JSON no `\u`.
          const expected = [...r.t].every((c) => c.charCodeAt(0) < 0x80) && !(json && r.t.includes('\\u'));
          assert.equal(r.ascii, expected, `${JSON.stringify(r.t)}${json ? ' as JSON' : ''}`);
        }
        assert.equal(rows.length, TEXTS.length);
      }
    } finally {
      await db.close();
    }
  });
});
