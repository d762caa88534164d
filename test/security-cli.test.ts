import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openWarehouse } from '../src/store/index.js';
import { runCli } from './helpers/cli.js';
import { withTestDatabase } from './helpers/engine.js';
import { spawnServe } from './helpers/serve-process.js';
import { withTempDir } from './helpers/tmp.js';

const BIN = fileURLToPath(new URL('../bin/clientele.js', import.meta.url));

async function json<T>(args: string[]): Promise<T> {
  const run = await runCli([...args, '--json']);
  assert.equal(run.code, 0, `clientele ${args.join(' ')}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

// The CLI with `input` on stdin (runCli gives it none).
function withStdin(args: string[], input: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input);
  });
}

it('users create stores an argon2id hash, prints {name, role, token} once, and list, disable and reset work; the audit log records them and verify catches a forged entry', async () => {
  await withTestDatabase(async ({ location: db }) => {
    const created = await json<Record<string, string>>([
      'users',
      'create',
      'ana',
      '--role',
      'analyst',
      '--password',
      'a password long enough',
      '--db',
      db,
    ]);
    assert.deepEqual(Object.keys(created), ['name', 'role', 'token']);
    assert.equal(created.name, 'ana');
    assert.equal(created.role, 'analyst');
    assert.match(created.token!, /^cltu_[\w-]{32}$/);

    const piped = await withStdin(
      ['users', 'create', 'max', '--role', 'marketer', '--db', db, '--json'],
      'piped password here\n',
    );
    assert.equal(piped.code, 0, piped.stderr);
    const bad = await runCli([
      'users',
      'create',
      'eve',
      '--role',
      'owner',
      '--password',
      'a password long enough',
      '--db',
      db,
    ]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /CLT_ERR_USER_ROLE/);
    const short = await runCli([
      'users',
      'create',
      'eve',
      '--role',
      'viewer',
      '--password',
      'short',
      '--db',
      db,
    ]);
    assert.match(short.stderr, /at least 12/);

    const list = await json<
      { name: string; role: string; disabledAt: string | null; activeTokens: number }[]
    >(['users', 'list', '--db', db]);
    assert.deepEqual(
      list.map((u) => [u.name, u.role, u.disabledAt, u.activeTokens]),
      [
        ['ana', 'analyst', null, 1],
        ['max', 'marketer', null, 1],
      ],
    );
    const token = await json<{ id: string; scopes: string[] }>([
      'tokens',
      'create',
      '--user',
      'max',
      '--scopes',
      'read,pii',
      '--days',
      '7',
      '--db',
      db,
    ]);
    assert.deepEqual(token.scopes, ['read', 'pii']);
    assert.equal((await runCli(['tokens', 'revoke', token.id, '--db', db])).code, 0);
    assert.equal((await runCli(['users', 'disable', 'ana', '--db', db])).code, 0);
    assert.equal(
      (await runCli(['users', 'reset', 'max', '--password', 'another long password', '--db', db])).code,
      0,
    );

    const w = await openWarehouse(db);
    try {
      const rows = await w.all<{ name: string; password_hash: string }>(
        'SELECT name, password_hash FROM users ORDER BY name',
      );
      for (const r of rows) assert.match(r.password_hash, /^\$argon2id\$/, r.name);
      const hashes = await w.all<{ h: string }>('SELECT token_sha256 AS h FROM api_tokens');
      assert.ok(hashes.every((r) => /^[0-9a-f]{64}$/.test(r.h)));
      assert.ok(!hashes.some((r) => r.h === created.token), 'the token itself is not stored');
    } finally {
      await w.close();
    }

    const log = await json<{ seq: number; actor: string; action: string; target: string }[]>([
      'audit-log',
      '--db',
      db,
    ]);
    assert.deepEqual(
      log.map((e) => `${e.action} ${e.target}`),
      [
        'user-change user:ana',
        'user-change user:max',
        'token-change token:' + token.id,
        'token-change token:' + token.id,
        'user-change user:ana',
        'user-change user:max',
      ],
    );
    assert.match(log[0]!.actor, /^cli:/);
    assert.deepEqual(await json(['audit-log', 'verify', '--db', db]), {
      ok: true,
      entries: 6,
      firstBad: null,
    });
    assert.equal((await json<unknown[]>(['audit-log', '--since', '2999-01-01', '--db', db])).length, 0);

    // Edit an entry in the file, as someone with the file (and no key) could.
    const t = await openWarehouse(db);
    try {
      await t.run("UPDATE audit_log SET actor = 'cli:nobody' WHERE seq = 2");
    } finally {
      await t.close();
    }
    const verify = await runCli(['audit-log', 'verify', '--db', db]);
    assert.equal(verify.code, 1);
    assert.match(verify.stdout, /tampered with at entry 2: its content was changed/);
  });
});

it('keys rotate and revoke from the command line: the old key is gone, the source keeps its name', async () => {
  await withTestDatabase(async ({ location: db }) => {
    const first = await json<{ key: string; importId: number }>([
      'keys',
      'create',
      '--name',
      'web',
      '--db',
      db,
    ]);
    const rotated = await json<{ key: string; importId: number }>([
      'keys',
      'rotate',
      '--name',
      'web',
      '--db',
      db,
    ]);
    assert.notEqual(rotated.key, first.key);
    assert.equal(rotated.importId, first.importId);
    assert.deepEqual(await json(['keys', 'revoke', '--name', 'web', '--db', db]), {
      name: 'web',
      revoked: true,
    });
    assert.deepEqual(await json(['keys', 'list', '--db', db]), []);
    const again = await runCli(['keys', 'revoke', '--name', 'web', '--db', db]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /CLT_ERR_API_KEY_NOT_FOUND/);
    const log = await json<{ action: string; details: { change: string } }[]>(['audit-log', '--db', db]);
    assert.deepEqual(
      log.map((e) => `${e.action}:${e.details.change}`),
      ['key-change:create', 'key-change:rotate', 'key-change:revoke'],
    );
  });
});

// About the CLI going through the server that holds a DuckDB file (on PostgreSQL every process opens the
// database itself): DuckDB only.
it('users and tokens work while clientele serve holds the database, through its admin API, audited as the server saw them', async () => {
  await withTempDir(async (dir) => {
    const db = join(dir, 'held.duckdb');
    const { child, url } = await spawnServe(db);
    try {
      const ann = await json<{ name: string; role: string; token: string }>([
        'users',
        'create',
        'ann',
        '--role',
        'analyst',
        '--password',
        'correct horse battery',
        '--db',
        db,
      ]);
      assert.equal(ann.role, 'analyst');
      // The token works against the running server at once.
      const overview = await fetch(`${url}/v1/overview`, {
        headers: { authorization: `Bearer ${ann.token}` },
      });
      assert.equal(overview.status, 200);
      const users = await json<{ name: string }[]>(['users', 'list', '--db', db]);
      assert.deepEqual(
        users.map((u) => u.name),
        ['ann'],
      );
      const extra = await json<{ id: string; token: string }>([
        'tokens',
        'create',
        '--user',
        'ann',
        '--scopes',
        'read',
        '--db',
        db,
      ]);
      const tokens = await json<{ id: string }[]>(['tokens', 'list', '--user', 'ann', '--db', db]);
      assert.equal(tokens.length, 2);
      await json(['tokens', 'revoke', extra.id, '--db', db]);
      const revoked = await fetch(`${url}/v1/overview`, {
        headers: { authorization: `Bearer ${extra.token}` },
      });
      assert.equal(revoked.status, 403);
      await json(['users', 'disable', 'ann', '--db', db]);
      const disabled = await fetch(`${url}/v1/overview`, {
        headers: { authorization: `Bearer ${ann.token}` },
      });
      assert.equal(disabled.status, 403);
      const refused = await runCli([
        'users',
        'create',
        'ann',
        '--role',
        'analyst',
        '--password',
        'another long one',
        '--db',
        db,
      ]);
      assert.equal(refused.code, 2, refused.stderr);
      assert.match(refused.stderr, /CLT_ERR_USER_NAME/);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
    }
    const log = await json<{ action: string; actor: string; details: { change?: string } }[]>([
      'audit-log',
      '--db',
      db,
    ]);
    const changes = log.filter((e) => e.action === 'user-change' || e.action === 'token-change');
    assert.deepEqual(
      changes.map((e) => `${e.action}:${e.details.change}:${e.actor}`),
      [
        'user-change:create:admin-token',
        'token-change:create:admin-token',
        'token-change:revoke:admin-token',
        'user-change:disable:admin-token',
      ],
    );
  });
});
