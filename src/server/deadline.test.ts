import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import { registerRequestDeadline } from './deadline.js';

/** Sends `request` on a raw socket; the whole text the server wrote, and when the socket closed. */
function exchange(url: string, request: string): Promise<{ text: string; ms: number }> {
  const { hostname, port } = new URL(url);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      if (request) socket.write(request);
    });
    let text = '';
    socket.on('data', (d) => {
      text += d;
    });
    socket.on('close', () => resolve({ text, ms: Date.now() - started }));
    socket.on('error', reject);
  });
}

describe('the idle limit', () => {
  it('closes a socket that sends nothing, but not one whose answer takes longer than the limit', async () => {
    const app = Fastify({ connectionTimeout: 300, keepAliveTimeout: 200 });
    registerRequestDeadline(app, 5_000);
    app.get('/slow', async () => {
      await new Promise((r) => setTimeout(r, 1_200));
      return { done: true };
    });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const [silent, slow] = await Promise.all([
        exchange(url, ''),
        exchange(url, 'GET /slow HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
      ]);
      assert.equal(silent.text, '');
      assert.ok(
        silent.ms < slow.ms,
        `the silent socket closed (${silent.ms} ms) before the slow answer (${slow.ms} ms)`,
      );
      assert.match(slow.text, /^HTTP\/1\.1 200 /, slow.text.slice(0, 200));
      assert.match(slow.text, /"done":true/);
    } finally {
      await app.close();
    }
  });
});
