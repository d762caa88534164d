import assert from 'node:assert/strict';
import { it } from 'node:test';
import { runCli } from './helpers/cli.js';
import { testLocation } from './helpers/engine.js';
import { testEngine } from './helpers/postgres.js';
import { spawnServe } from './helpers/serve-process.js';
import { withTempDir } from './helpers/tmp.js';

const PASSWORD = 'correct horse battery';

async function json<T>(args: string[]): Promise<T> {
  const run = await runCli([...args, '--json']);
  assert.equal(run.code, 0, `clientele ${args.join(' ')}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

const changes = async (db: string) =>
  (
    await json<
      { action: string; actor: string; target: string; details: { change?: string; language?: unknown } }[]
    >(['audit-log', '--db', db])
  )
    .filter((e) => e.action === 'user-change' && e.details.change === 'language')
    .map((e) => `${e.target}:${String(e.details.language)}:${e.actor === 'admin-token' ? 'api' : 'cli'}`);

it('users language NAME en|pl|auto sets what a user is answered in, on the file, audited; bad input is refused', async () => {
  await withTempDir(async (dir) => {
    const db = await testLocation(dir, 'lang.duckdb');
    await json(['users', 'create', 'ola', '--role', 'viewer', '--password', PASSWORD, '--db', db]);

    const en = await runCli(['users', 'language', 'ola', 'pl', '--db', db]);
    assert.equal(en.code, 0, en.stderr);
    assert.equal(en.stdout.trim(), 'language of ola set to Polish');
    const pl = await runCli(['users', 'language', 'ola', 'en', '--db', db, '--lang', 'pl']);
    assert.equal(pl.stdout.trim(), 'język użytkownika ola: angielski');
    assert.deepEqual(await json(['users', 'language', 'ola', 'auto', '--db', db]), {
      name: 'ola',
      language: null,
    });
    assert.deepEqual(await json(['users', 'language', 'ola', 'PL', '--db', db]), {
      name: 'ola',
      language: 'pl',
    });

    const nobody = await runCli(['users', 'language', 'nobody', 'pl', '--db', db]);
    assert.notEqual(nobody.code, 0);
    assert.match(nobody.stderr, /CLT_ERR_USER_NOT_FOUND/);
    const german = await runCli(['users', 'language', 'ola', 'de', '--db', db]);
    assert.equal(german.code, 2);
    assert.match(german.stderr, /language de: use en, pl or auto/);

    assert.deepEqual(await changes(db), [
      'user:ola:pl:cli',
      'user:ola:en:cli',
      'user:ola:null:cli',
      'user:ola:pl:cli',
    ]);
  });
});

// While `clientele serve` holds a DuckDB file the command goes through its admin API (DuckDB only: on
// PostgreSQL every process opens the database itself).
const noHeldFile = testEngine() === 'postgres' && 'on PostgreSQL the command opens the database itself';
it('users language works through a running server: the user is answered in it at once, and the API audits it', {
  skip: noHeldFile,
}, async () => {
  await withTempDir(async (dir) => {
    const db = await testLocation(dir, 'held.duckdb');
    const { child, url } = await spawnServe(db);
    try {
      await json(['users', 'create', 'ann', '--role', 'analyst', '--password', PASSWORD, '--db', db]);
      assert.deepEqual(await json(['users', 'language', 'ann', 'pl', '--db', db]), {
        name: 'ann',
        language: 'pl',
      });
      const signIn = await fetch(`${url}/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'ann', password: PASSWORD }),
      });
      assert.equal(signIn.status, 200);
      const cookie = String(signIn.headers.get('set-cookie')).split(';')[0] as string;
      const runs = await fetch(`${url}/v1/models/runs`, { headers: { cookie, 'accept-language': 'en' } });
      assert.equal(runs.headers.get('content-language'), 'pl', "the admin's setting outranks the header");
      const nobody = await runCli(['users', 'language', 'nobody', 'en', '--db', db]);
      assert.match(nobody.stderr, /CLT_ERR_USER_NOT_FOUND/);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
    }
    assert.deepEqual(await changes(db), ['user:ann:pl:api']);
  });
});
