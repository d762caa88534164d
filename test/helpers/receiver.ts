import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '../../src/outbox/index.js';

/** One request a webhook receiver accepted. */
export interface Received {
  readonly delivery: string;
  readonly verified: boolean;
  readonly body: Record<string, unknown>;
}

/**
 * A real webhook receiver on a socket, as a customer would write one: it verifies the signature, dedupes on
 * X-Clientele-Delivery and answers what `mode` says (ok, 500, 410, or never).
 */
export async function startReceiver(secret: string | null) {
  const got: Received[] = [];
  const seen = new Set<string>();
  let requests = 0;
  const state: { mode: 'ok' | 500 | 410 | 'hang' } = { mode: 'ok' };
  const server: Server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      requests++;
      if (state.mode === 'hang') return;
      if (state.mode !== 'ok') {
        res.statusCode = state.mode;
        res.end();
        return;
      }
      const delivery = String(req.headers['x-clientele-delivery']);
      const verified =
        secret === null || verifySignature(body, secret, req.headers['x-clientele-signature'] as string);
      if (!seen.has(delivery)) {
        seen.add(delivery);
        got.push({ delivery, verified, body: JSON.parse(body) as Record<string, unknown> });
      }
      res.statusCode = verified ? 200 : 401;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    got,
    state,
    requests: () => requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
