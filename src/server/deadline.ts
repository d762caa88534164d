import type { FastifyInstance } from 'fastify';

/**
 * Answers 408 and closes the connection when a request's body has not fully arrived within `ms` of its
 * start. Node's own `requestTimeout` did not fire on a client trickling its body (Node 20, tested in
 * clients.test.ts), and the idle timeout never fires while bytes keep coming.
 */
export function registerRequestDeadline(app: FastifyInstance, ms: number): void {
  app.addHook('onRequest', async (request, reply) => {
    const raw = request.raw;
    // The idle limit (Timeouts.idleMs) is for sockets that send nothing. Node counts the time the server spends
    // answering as idle too, so a heavy answer (an audit, a report over 30 s) lost its socket mid-work; from
    // here the deadline below guards the request's arrival, and after the answer Node's keep-alive limit
    // takes over.
    raw.socket?.setTimeout?.(0);
    const timer = setTimeout(() => {
      if (raw.complete) return;
      const socket = raw.socket;
      // An injected request (tests, the CLI's in-process calls) has no real socket to answer on or close.
      if (typeof socket?.destroy !== 'function') return;
      if (!reply.raw.headersSent && socket.writable) {
        socket.end(
          'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Type: application/json\r\n' +
            `Content-Length: ${BODY.length}\r\n\r\n${BODY}`,
        );
      }
      socket.destroySoon?.();
      setTimeout(() => socket.destroy(), 100).unref();
    }, ms);
    timer.unref();
    reply.raw.once('close', () => clearTimeout(timer));
    reply.raw.once('finish', () => clearTimeout(timer));
  });
}

const BODY = JSON.stringify({
  error: {
    code: 'CLT_ERR_API_TIMEOUT',
    message: 'the request did not arrive in time',
    hint: 'Send the whole request within the server’s request timeout (15 s by default).',
  },
});
