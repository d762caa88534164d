/**
 * Overload: many clients at once against `clientele serve` in a child process, over loopback. Reports the
 * sustained rate of acknowledged events, request latency (p50, p95, max), 429s, and the server's memory
 * (RSS) before, at its peak during the load, and settled after the load stops. Bounded in time and in
 * requests. Run through `bench/ingest.ts --overload`.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';

/** What the overload run is given. */
export interface OverloadOptions {
  readonly child: ChildProcess;
  readonly url: URL;
  readonly auth: string;
  /** Concurrent clients, each with its own keep-alive connection. */
  readonly clients: number;
  readonly seconds: number;
  /** Stop after this many requests in all, whichever comes first. */
  readonly maxRequests: number;
  /** Seconds to wait after the load before reading the settled memory. */
  readonly settleSeconds: number;
  /** Builds request body number `n` (unique messageIds). */
  readonly body: (n: number) => string;
  readonly eventsPerRequest: number;
}

/** The overload figures. */
export interface OverloadResult {
  readonly rate: number;
  readonly requests: number;
  readonly acked: number;
  readonly throttled: number;
  readonly failed: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
  readonly baselineMb: number;
  readonly peakMb: number;
  readonly settledMb: number;
}

/** Resident memory of a process, in MB, from /proc. */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  return kb ? Number(kb) / 1024 : Number.NaN;
}

const quantile = (sorted: readonly number[], q: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : Number.NaN;

/** Runs the load, then idles, sampling the server's memory throughout. */
export async function overload(o: OverloadOptions): Promise<OverloadResult> {
  const pid = o.child.pid!;
  const baselineMb = rssMb(pid);
  let peakMb = baselineMb;
  const sampler = setInterval(() => {
    peakMb = Math.max(peakMb, rssMb(pid));
  }, 100);
  const agent = new Agent({ keepAlive: true, maxSockets: o.clients });
  const latencies: number[] = [];
  let requests = 0;
  let acked = 0;
  let throttled = 0;
  let failed = 0;
  let next = 0;
  const post = (body: string) =>
    new Promise<{ status: number; retryAfter: number }>((resolve) => {
      const req = request(
        {
          agent,
          host: o.url.hostname,
          port: o.url.port,
          path: '/v1/batch',
          method: 'POST',
          headers: {
            authorization: o.auth,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, retryAfter: Number(res.headers['retry-after'] ?? 0) }),
          );
        },
      );
      req.on('error', () => resolve({ status: 0, retryAfter: 0 }));
      req.end(body);
    });
  const started = performance.now();
  const deadline = started + o.seconds * 1000;
  await Promise.all(
    Array.from({ length: o.clients }, async () => {
      while (performance.now() < deadline && next < o.maxRequests) {
        const body = o.body(next++);
        const t0 = performance.now();
        const { status, retryAfter } = await post(body);
        latencies.push(performance.now() - t0);
        requests++;
        if (status === 200) acked += o.eventsPerRequest;
        else if (status === 429) {
          throttled++;
          // As the official clients do: wait what Retry-After says (bounded here, so the run stays short).
          await new Promise((r) => setTimeout(r, Math.min(1000, retryAfter * 1000 || 100)));
        } else failed++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  await new Promise((r) => setTimeout(r, o.settleSeconds * 1000));
  clearInterval(sampler);
  const settledMb = rssMb(pid);
  const sorted = latencies.sort((a, b) => a - b);
  return {
    rate: acked / elapsed,
    requests,
    acked,
    throttled,
    failed,
    p50Ms: quantile(sorted, 0.5),
    p95Ms: quantile(sorted, 0.95),
    maxMs: sorted[sorted.length - 1] ?? Number.NaN,
    baselineMb,
    peakMb,
    settledMb,
  };
}
