import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { test } from 'node:test';
import { failureReason, fetchCause } from './failure.js';

// Why a delivery failed, from what fetch really throws: a port nobody listens on, a host name that does not
// exist, a receiver that hangs up.

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function thrown(url: string): Promise<unknown> {
  try {
    await fetch(url, { method: 'POST', body: '{}', signal: AbortSignal.timeout(5_000) });
  } catch (error) {
    return error;
  }
  throw new Error(`${url} answered`);
}

test('a refused connection keeps its code and message, never just "fetch failed"', async () => {
  const error = await thrown(`http://127.0.0.1:${await closedPort()}/hooks`);
  assert.equal((error as Error).message, 'fetch failed', 'what fetch says by itself');
  const cause = fetchCause(error);
  assert.match(cause, /^ECONNREFUSED: /);
  assert.equal(failureReason(null, cause), 'refused');
});

test('a receiver that hangs up is a cut connection; an unknown host, a host that does not exist', async () => {
  const s = createServer((req) => req.socket.destroy());
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  try {
    const cause = fetchCause(await thrown(`http://127.0.0.1:${(s.address() as { port: number }).port}/`));
    assert.equal(failureReason(null, cause), 'dropped', cause);
  } finally {
    await new Promise<void>((r) => s.close(() => r()));
  }
  assert.equal(failureReason(null, 'ENOTFOUND: getaddrinfo ENOTFOUND hooks.invalid'), 'unknownHost');
  assert.equal(failureReason(null, 'no answer within 5000 ms'), 'timeout');
  assert.equal(failureReason(500, 'HTTP 500'), 'status');
  assert.equal(failureReason(null, "ENOENT: no such file or directory, open '/nope/x.csv'"), 'file');
  assert.equal(failureReason(null, 'fetch failed'), 'other');
});
