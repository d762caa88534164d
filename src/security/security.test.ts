import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { withTestDatabase, withTestDb } from '../../test/helpers/engine.js';
import type { PersonalKind } from '../domain/kinds.js';
import { openWarehouse } from '../store/index.js';
import {
  appendAudit,
  createToken,
  createUser,
  disableUser,
  hashPassword,
  listAudit,
  maskPersonal,
  maskSql,
  maskValue,
  neutraliseCell,
  neutraliseSql,
  PERSONAL_FIELDS,
  principalForToken,
  revokeToken,
  safeEqual,
  signInUser,
  verifyAudit,
} from './index.js';

const SAMPLES: [PersonalKind, string][] = [
  ['email', 'jane.doe@example.com'],
  ['email', 'no-at-sign'],
  ['phone', '+49 170 1234567'],
  ['name', 'Émilie'],
  ['handle', '@janedoe'],
  ['address', 'SW1A 1AA'],
  ['date', '1987-05-04'],
  ['network', '203.0.113.7'],
  ['text', 'call me on 0170 1234567'],
  ['name', ''],
];

describe('masking', () => {
  it('marks the personal fields of the kinds: e-mail, phone, names, birth date, postal code, handles, IP, free text', () => {
    for (const f of [
      'email',
      'phone',
      'first_name',
      'lastName',
      'full_name',
      'birth_date',
      'postal_code',
      'twitter',
      'instagram',
      'whatsapp',
      'ip',
      'text',
    ])
      assert.ok(PERSONAL_FIELDS.has(f), f);
    for (const f of ['country', 'orders', 'revenue', 'customer_id', 'city'])
      assert.ok(!PERSONAL_FIELDS.has(f), f);
  });

  it('maskValue and the SQL of maskSql give the same text for every kind of personal data', async () => {
    await withTestDb(async (db) => {
      for (const [kind, value] of SAMPLES) {
        const [row] = await db.all<{ m: string }>(
          `SELECT ${maskSql(db.dialect, kind, 'v')} AS m FROM (SELECT CAST(? AS VARCHAR) AS v) t`,
          [value],
        );
        assert.equal(row?.m, maskValue(kind, value), `${kind} ${value}`);
        if (value) assert.notEqual(maskValue(kind, value), value, `${kind} ${value} is changed`);
      }
      assert.equal(maskValue('email', 'jane.doe@example.com'), 'j***@example.com');
      assert.equal(maskValue('phone', '+49 170 1234567'), '***67');
      assert.equal(maskValue('email', null), null);
    });
  });

  it('maskPersonal masks personal keys at any depth and personal identities, and leaves figures alone', () => {
    const masked = maskPersonal(
      {
        profiles: [{ id: 7, email: 'ann@shop.de', firstName: 'Ann', country: 'DE', revenue: -12.5 }],
        identities: [
          { type: 'email', value: 'ann@shop.de' },
          { type: 'customer_id', value: 'C-1' },
        ],
        traits: { birth_date: '1990-02-03', phone: '0170 555 1234' },
        metrics: { email: { sent: 3, respondsTo: ['sale'] } },
        raw: 'ann@shop.de;Ann',
      },
      ['raw'],
    ) as Record<string, unknown>;
    assert.deepEqual(masked, {
      profiles: [{ id: 7, email: 'a***@shop.de', firstName: 'A***', country: 'DE', revenue: -12.5 }],
      identities: [
        { type: 'email', value: 'a***@shop.de' },
        { type: 'customer_id', value: 'C-1' },
      ],
      traits: { birth_date: '1990-**-**', phone: '***34' },
      metrics: { email: { sent: 3, respondsTo: ['sale'] } },
      raw: '[redacted]',
    });
  });
});

describe('output safety and secrets', () => {
  it('neutralises cells starting with = + - @ tab or CR, in JS and in SQL alike', async () => {
    const cells = [
      '=HYPERLINK("http://x","y")',
      '@SUM(A1)',
      '+1',
      '-2+3',
      '\tcmd',
      '\rcmd',
      'plain',
      "O'Brien",
      '',
      '+491701234567',
      '-12.5',
      '-1+1',
      '+1e5',
    ];
    await withTestDb(async (db) => {
      for (const c of cells) {
        const [row] = await db.all<{ v: string }>(
          `SELECT ${neutraliseSql(db.dialect, 'x')} AS v FROM (SELECT CAST(? AS VARCHAR) AS x) t`,
          [c],
        );
        assert.equal(row?.v, neutraliseCell(c), JSON.stringify(c));
      }
    });
    assert.equal(neutraliseCell('=1+1'), "'=1+1");
    assert.equal(neutraliseCell('plain'), 'plain');
    assert.equal(neutraliseCell('+491701234567'), '+491701234567', 'a plain number runs nothing');
    assert.equal(neutraliseCell('-1+1'), "'-1+1");
  });

  it('compares secrets in constant time (timingSafeEqual over hashes), whatever their lengths', () => {
    assert.equal(safeEqual('abc', 'abc'), true);
    assert.equal(safeEqual('abc', 'abd'), false);
    assert.equal(safeEqual('abc', 'abcd'), false);
    assert.equal(safeEqual('', 'x'), false);
    // The server's admin-token check goes through safeEqual, never `!==`.
    const access = readFileSync(new URL('../server/access.ts', import.meta.url), 'utf8');
    assert.match(access, /safeEqual\(token, deps\.adminToken\)/);
    assert.doesNotMatch(access, /!==\s*`Bearer/);
  });

  it('hashes passwords with argon2id and refuses short ones', async () => {
    assert.match(await hashPassword('correct horse battery'), /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    await assert.rejects(hashPassword('short'), { code: 'CLT_ERR_USER_PASSWORD' });
  });
});

describe('users and tokens', () => {
  it('signs in with the right password only, tokens carry scopes within the role, and stop at revoke, expiry or disable', async () => {
    await withTestDb(async (db) => {
      await createUser(db, { name: 'ana', role: 'analyst', password: 'a long enough password' });
      assert.equal(await signInUser(db, 'ana', 'wrong password!!'), null);
      assert.equal(await signInUser(db, 'nobody', 'a long enough password'), null);
      const ana = await signInUser(db, 'ana', 'a long enough password');
      assert.deepEqual([...(ana?.scopes ?? [])], ['read', 'write', 'export']);
      await assert.rejects(createUser(db, { name: 'ana', role: 'viewer', password: 'another long one' }), {
        code: 'CLT_ERR_USER_NAME',
      });
      await assert.rejects(createUser(db, { name: 'x', role: 'owner', password: 'another long one' }), {
        code: 'CLT_ERR_USER_ROLE',
      });
      await assert.rejects(createToken(db, { user: 'ana', scopes: 'read,pii' }), {
        code: 'CLT_ERR_TOKEN_SCOPE',
      });

      const readOnly = await createToken(db, { user: 'ana', scopes: 'read', days: 1 });
      const found = await principalForToken(db, readOnly.token);
      assert.ok(found.ok);
      assert.deepEqual([...found.principal.scopes], ['read']);
      const [stored] = await db.all<{ h: string }>(
        'SELECT token_sha256 AS h FROM api_tokens WHERE token_id = ?',
        [readOnly.id],
      );
      assert.notEqual(stored?.h, readOnly.token, 'only a hash is stored');

      await db.run(
        "UPDATE api_tokens SET expires_at = current_timestamp - INTERVAL '1 minute' WHERE token_id = ?",
        [readOnly.id],
      );
      assert.deepEqual(await principalForToken(db, readOnly.token), { ok: false, reason: 'expired' });

      const other = await createToken(db, { user: 'ana' });
      await revokeToken(db, other.id);
      assert.deepEqual(await principalForToken(db, other.token), { ok: false, reason: 'revoked' });

      const third = await createToken(db, { user: 'ana' });
      await disableUser(db, 'ana');
      assert.equal((await principalForToken(db, third.token)).ok, false);
      assert.equal(await signInUser(db, 'ana', 'a long enough password'), null);
      assert.deepEqual(await principalForToken(db, 'cltu_made-up'), { ok: false, reason: 'unknown' });
    });
  });
});

describe('the audit log', () => {
  it('verify finds an entry edited, deleted or cut off in the database, and names the first bad one', async () => {
    await withTestDatabase(async ({ location: path }) => {
      const write = async () => {
        const db = await openWarehouse(path);
        try {
          for (let i = 1; i <= 5; i++)
            await appendAudit(db, {
              actor: 'ana',
              role: 'analyst',
              action: 'export',
              target: `segment:s${i}`,
              origin: '127.0.0.1',
            });
          assert.deepEqual(await verifyAudit(db), { ok: true, entries: 5, firstBad: null });
          const listed = await listAudit(db, { since: '2000-01-01' });
          assert.deepEqual(
            listed.map((e) => e.seq),
            [1, 2, 3, 4, 5],
          );
          assert.equal(listed[0]?.target, 'segment:s1');
        } finally {
          await db.close();
        }
      };
      const tamper = async (sql: string) => {
        const db = await openWarehouse(path);
        try {
          await db.run(sql);
          return await verifyAudit(db);
        } finally {
          await db.run('DELETE FROM audit_log; DELETE FROM audit_head');
          await db.close();
        }
      };
      await write();
      const edited = await tamper("UPDATE audit_log SET actor = 'someone else' WHERE seq = 3");
      assert.equal(edited.ok, false);
      assert.deepEqual(edited.firstBad, { seq: 3, reason: 'its content was changed' });
      await write();
      const deleted = await tamper('DELETE FROM audit_log WHERE seq = 2');
      assert.deepEqual(deleted.firstBad, { seq: 2, reason: 'entry 2 is missing' });
      await write();
      const cut = await tamper('DELETE FROM audit_log WHERE seq = 5');
      assert.equal(cut.firstBad?.seq, 5);
      await write();
      // Re-chaining after an edit needs every later hash and the head changed too: still caught at the edit.
      const rehashed = await tamper(
        "UPDATE audit_log SET target = 'segment:other', hash = 'f' || substr(hash, 2) WHERE seq = 4",
      );
      assert.equal(rehashed.firstBad?.seq, 4);
    });
  });

  it('a chain rewritten by someone who can write the file but lacks the key file is caught', async () => {
    await withTestDatabase(async ({ location: path }) => {
      const db = await openWarehouse(path);
      try {
        for (const target of ['segment:a', 'segment:b', 'segment:c'])
          await appendAudit(db, { actor: 'ana', role: 'analyst', action: 'export', target });
        const rows = await db.all<{ seq: number; hash: string }>(
          'SELECT seq, hash FROM audit_log ORDER BY seq',
        );
        assert.ok(
          rows.every((r) => r.hash.startsWith('k1:')),
          'entries are keyed',
        );
        // The forger hides entry 2's target and recomputes every hash as the old, unkeyed chain did.
        const all = await db.all<Record<string, unknown>>(
          `SELECT seq, CAST(${db.dialect.epochMs('logged_at')} AS BIGINT) AS at_ms, actor, role, action, target, origin, details FROM audit_log ORDER BY seq`,
        );
        let prev = '0'.repeat(64);
        for (const r of all) {
          const target = Number(r.seq) === 2 ? 'segment:nothing-to-see' : r.target;
          const content = JSON.stringify([
            Number(r.seq),
            Number(r.at_ms),
            r.actor,
            r.role,
            r.action,
            target,
            r.origin,
            r.details,
          ]);
          const hash = createHash('sha256').update(`${prev}\n${content}`).digest('hex');
          await db.run('UPDATE audit_log SET target = ?, prev_hash = ?, hash = ? WHERE seq = ?', [
            target as string,
            prev,
            hash,
            Number(r.seq),
          ]);
          prev = hash;
        }
        await db.run('UPDATE audit_head SET hash = ? WHERE id = 1', [prev]);
        const verdict = await verifyAudit(db);
        assert.equal(verdict.ok, false);
        // Where the key exists every entry must be signed with it: the first forged entry is named.
        assert.equal(verdict.firstBad?.seq, 1);
        assert.match(verdict.firstBad?.reason ?? '', /not signed with the instance key/);
      } finally {
        await db.close();
      }
    });
  });

  it('an intact log from before the chain was keyed is re-signed by the next append, and verifies', async () => {
    await withTestDb(async (db) => {
      let prev = '0'.repeat(64);
      for (const seq of [1, 2]) {
        const atMs = 1_700_000_000_000 + seq;
        const content = JSON.stringify([seq, atMs, 'old', null, 'export', `segment:${seq}`, null, null]);
        const hash = createHash('sha256').update(`${prev}\n${content}`).digest('hex');
        await db.run(
          `INSERT INTO audit_log (seq, logged_at, actor, role, action, target, origin, details, prev_hash, hash)
           VALUES (?, ${db.dialect.epochMsToTimestamp('?')}, 'old', NULL, 'export', ?, NULL, NULL, ?, ?)`,
          [seq, atMs, `segment:${seq}`, prev, hash],
        );
        prev = hash;
      }
      await db.run('INSERT INTO audit_head (id, seq, hash) VALUES (1, 2, ?)', [prev]);
      await appendAudit(db, { actor: 'new', action: 'export', target: 'segment:3' });
      assert.deepEqual(await verifyAudit(db), { ok: true, entries: 3, firstBad: null });
      const hashes = await db.all<{ hash: string }>('SELECT hash FROM audit_log ORDER BY seq');
      assert.ok(hashes.every((h) => h.hash.startsWith('k1:')));
    });
  });

  it('appends concurrent entries in one unbroken chain', async () => {
    await withTestDb(async (db) => {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) => appendAudit(db, { actor: `u${i}`, action: 'read-personal' })),
      );
      assert.deepEqual(await verifyAudit(db), { ok: true, entries: 20, firstBad: null });
    });
  });
});
