import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { describe, it } from 'node:test';
import { openWarehouse } from '../src/store/index.js';
import { runCli, runCliJson } from './helpers/cli.js';
import { testLocation } from './helpers/engine.js';
import { spawnServe } from './helpers/serve-process.js';
import { withTempDir } from './helpers/tmp.js';

/** Starts `clientele serve --port 0` and waits for the lines that give its address and the app's link. */
async function serve(db: string) {
  const server = await spawnServe(db, { waitFor: [/the web app: http:\/\/\S+/] });
  return { ...server, link: /the web app: (http:\/\/\S+)/.exec(server.stderr())![1]! };
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode ? resolve() : child.once('exit', () => resolve()),
  );

describe('clientele serve and keys (built CLI)', () => {
  it('keeps an acknowledged event when the server is killed with SIGKILL right after the 200', async () => {
    await withTempDir(async (dir) => {
      const db = await testLocation(dir, 'c.duckdb');
      const { key } = await runCliJson<{ key: string }>(['--db', db, 'keys', 'create', '--name', 'web']);
      const { child, url } = await serve(db);
      try {
        const auth = `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
        const r = await fetch(`${url}/v1/track`, {
          method: 'POST',
          headers: { authorization: auth, 'content-type': 'application/json' },
          body: JSON.stringify({
            userId: 'u1',
            event: 'Paid',
            messageId: 'durable-1',
            properties: { amount: 9 },
          }),
        });
        assert.equal(r.status, 200);
        child.kill('SIGKILL');
        await exited(child);
      } finally {
        child.kill('SIGKILL');
      }
      assert.equal(child.signalCode, 'SIGKILL');
      const warehouse = await openWarehouse(db);
      try {
        const rows = await warehouse.all(
          "SELECT message_id, event, properties->>'amount' AS amount FROM events",
        );
        assert.deepEqual(rows, [{ message_id: 'durable-1', event: 'Paid', amount: '9' }]);
      } finally {
        await warehouse.close();
      }
    });
  });

  it('prints the app link with the admin token, creates and lists keys through the running server, which then accepts the new key', async () => {
    await withTempDir(async (dir) => {
      const db = await testLocation(dir, 'k.duckdb');
      const { child, url, link } = await serve(db);
      try {
        // serve prints the app's link with the admin token in its fragment, as demo does, and the token works.
        const token = decodeURIComponent(/#token=([^&]+)/.exec(link)?.[1] ?? '');
        assert.ok(link.startsWith(`${url}/`) && token.length >= 16, link);
        const overview = await fetch(`${url}/v1/overview`, { headers: { authorization: `Bearer ${token}` } });
        assert.equal(overview.status, 200);
        const created = await runCliJson<{ key: string; name: string }>([
          '--db',
          db,
          'keys',
          'create',
          '--name',
          'ios',
        ]);
        assert.match(created.key, /^clt_/);
        const listed = await runCli(['--db', db, 'keys', 'list']);
        assert.equal(listed.code, 0, listed.stderr);
        assert.match(listed.stdout, /ios\s+clt_/);
        assert.doesNotMatch(listed.stdout, new RegExp(created.key));
        const taken = await runCli(['--db', db, 'keys', 'create', '--name', 'ios']);
        assert.equal(taken.code, 2);
        assert.match(taken.stderr, /exists already/);
        const r = await fetch(`${url}/v1/identify`, {
          method: 'POST',
          headers: { authorization: `Basic ${Buffer.from(`${created.key}:`).toString('base64')}` },
          body: JSON.stringify({ userId: 'u9', traits: { plan: 'pro' } }),
        });
        assert.equal(r.status, 200);
      } finally {
        child.kill('SIGTERM');
        await exited(child);
      }
      assert.equal(child.exitCode, 0, 'SIGTERM commits the queue and exits cleanly');
      const warehouse = await openWarehouse(db);
      try {
        assert.deepEqual(await warehouse.all('SELECT user_id FROM events'), [{ user_id: 'u9' }]);
      } finally {
        await warehouse.close();
      }
    });
  });
});
