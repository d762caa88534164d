/**
 * Random and hostile input against the event API, the segment parser and the import's sniffing: no 5xx,
 * no crash, nothing acknowledged lost, and the good events beside bad ones stored. Bounded (modest
 * numRuns, fixed seed) so that it runs in CI in well under a minute.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ClienteleError } from '../src/errors/index.js';
import { importFile } from '../src/ingest/index.js';
import { parseSegment } from '../src/segments/index.js';
import { ADMIN_TOKEN, withApi } from './helpers/server.js';

const SEED = 19;
const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

// Strings of any UTF-16 code units, lone surrogates included.
const anyText = fc.string({ unit: 'binary', maxLength: 40 });

// A hostile event as JSON text: deep nesting, huge numbers, impossible dates, lone surrogates, wrong types.
const hostileEvent = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  anyText.map((t) => JSON.stringify({ type: 'track', event: t, userId: 'h' })),
  fc
    .integer({ min: 33, max: 3000 })
    .map(
      (d) =>
        `{"type":"track","event":"deep","userId":"h","properties":${'{"a":'.repeat(d)}1${'}'.repeat(d)}}`,
    ),
  fc.constantFrom(
    '{"type":"track","event":"\\ud800","userId":"h"}',
    '{"type":"track","event":"n","userId":"h","properties":{"n":99999999999999999999}}',
    '{"type":"track","event":"n","userId":"h","properties":{"n":1e400}}',
    '{"type":"track","event":"d","userId":"h","timestamp":"2024-02-30T00:00:00Z"}',
    '{"type":"identify","userId":{"x":1}}',
    '{"type":"nope","userId":"h"}',
    '[[[[[]]]]]',
    'null',
    '"\\udfff"',
  ),
);

describe('fuzz', () => {
  it('the event API: no 5xx, the good events beside bad ones stored, nothing acknowledged lost', async () => {
    await withApi(
      async ({ app, auth, db }) => {
        let counter = 0;
        let acknowledged = 0;
        await fc.assert(
          fc.asyncProperty(
            fc.array(fc.oneof(fc.constant(null), hostileEvent), { minLength: 1, maxLength: 8 }),
            async (slots) => {
              // null slots become good events with fresh messageIds; the rest are hostile.
              const ids: string[] = [];
              const parts = slots.map((s) => {
                if (s !== null) return s;
                const id = `good-${counter++}`;
                ids.push(id);
                return JSON.stringify({ type: 'track', event: 'Viewed', userId: 'u', messageId: id });
              });
              const r = await app.inject({
                method: 'POST',
                url: '/v1/batch',
                headers: { authorization: auth, 'content-type': 'application/json' },
                payload: `{"batch":[${parts.join(',')}]}`,
              });
              assert.ok(r.statusCode < 500, `${r.statusCode} ${r.body.slice(0, 300)}`);
              assert.ok([200, 400, 413].includes(r.statusCode), r.body.slice(0, 300));
              const body = r.json();
              acknowledged += r.statusCode === 200 ? body.accepted : (body.error.details?.accepted ?? 0);
              if (ids.length > 0) {
                const stored = await db.all<{ m: string }>(
                  `SELECT message_id AS m FROM events WHERE ${db.dialect.listContains(db.dialect.jsonList('?', 'VARCHAR'), 'message_id')}`,
                  [JSON.stringify(ids)],
                );
                assert.equal(stored.length, ids.length, 'every good event of the batch is stored');
              }
            },
          ),
          { numRuns: 30, seed: SEED },
        );
        const [n] = await db.all<{ n: number }>('SELECT count(*) AS n FROM events');
        assert.ok((n?.n ?? 0) >= acknowledged, `acknowledged ${acknowledged}, stored ${n?.n}`);
      },
      { writer: { maxDelayMs: 1 } },
    );
  });

  it('the segment parser never throws, and the preview route never answers 5xx', async () => {
    const token = fc.oneof(
      fc.constantFrom(
        '(',
        ')',
        'and',
        'or',
        'not',
        'did',
        'in',
        'last',
        'days',
        'at',
        'least',
        'times',
        'with',
        'then',
        'segment',
        'is',
        'null',
        'contains',
        '=',
        '>=',
        '<',
        '!=',
        ',',
        'orders',
        'country',
        "'DE'",
        "'x''y'",
        "'",
        '99999999999999999999',
        '1e400',
        '-0',
        '3',
        '\ud800',
        '"',
      ),
      anyText,
    );
    const expression = fc.array(token, { maxLength: 30 }).map((t) => t.join(' '));
    fc.assert(
      fc.property(expression, (text) => {
        const r = parseSegment(text);
        assert.ok(r.ok || typeof r.issue.message === 'string');
      }),
      { numRuns: 2000, seed: SEED },
    );
    const deep = fc.integer({ min: 1, max: 6000 }).map((d) => `${'('.repeat(d)}orders > 1${')'.repeat(d)}`);
    await withApi(async ({ app }) => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(expression, deep), async (where) => {
          const r = await app.inject({
            method: 'POST',
            url: '/v1/segments/preview',
            headers: admin,
            payload: { where },
          });
          assert.ok(r.statusCode < 500, `${r.statusCode} ${r.body.slice(0, 300)}`);
        }),
        { numRuns: 30, seed: SEED },
      );
    });
  });

  it('import sniffing: small random and hostile files are imported or refused with a code, never internal', async () => {
    const hostileFile = fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 300 }),
      fc
        .constantFrom(
          '[{"email":"a@x.com"},{"email":"b@',
          '[{"email":"a@x.com"} {"email":"b@x.com"}]',
          '[]',
          '[1, 2, 3]',
          '{"email":"a@x.com"}\n{"email":',
          'email,first_name\na@x.com,Bj\xf6rn\nb@x.com,Caf\u00e9\n',
          '\ufeffemail;first_name\r\na@x.com;A\r\n',
          'email\n"unterminated\n',
          'PAR1 not really',
          '\u0000\u0001binary',
        )
        .map((t) => Buffer.from(t, t.includes('\xf6') ? 'latin1' : 'utf8')),
      fc
        .array(fc.oneof(anyText, fc.constantFrom(',', '\n', '"', '{', '}', '[', ']', ':', '\t')), {
          maxLength: 60,
        })
        .map((parts) => Buffer.from(`email,first_name\n${parts.join('')}`, 'utf8')),
    );
    await withApi(async ({ db, dir }) => {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(
          hostileFile,
          fc.constantFrom('f.csv', 'f.json', 'f.jsonl', 'f.txt'),
          async (bytes, name) => {
            const path = join(dir, `${n++}-${name}`);
            await writeFile(path, bytes);
            try {
              await importFile(db, path, { kind: 'customers' });
            } catch (error) {
              assert.ok(error instanceof ClienteleError, `not a coded error: ${(error as Error).message}`);
              assert.notEqual(error.code, 'CLT_ERR_INTERNAL');
            }
          },
        ),
        { numRuns: 30, seed: SEED },
      );
    });
  });
});
