/**
 * Runs a peer script of ../shared/peers (scikit-learn from Debian, through /usr/bin/python3) and measures
 * its fit's CPU time too: a small prelude wraps the named estimator's `fit` with `time.process_time()` (all
 * of the process's threads), so a peer that uses two cores is compared on CPU as well as on wall time.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The peers folder: $CLIENTELE_PEERS, or the nearest shared/peers above this file (worktrees sit deeper). */
export function peersDir(): string {
  if (process.env.CLIENTELE_PEERS) return process.env.CLIENTELE_PEERS;
  for (let dir = import.meta.dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'peers');
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('no shared/peers folder above bench/: set CLIENTELE_PEERS');
}

const PRELUDE = `
import sys, time, json, runpy, importlib
module, name, script = sys.argv[1:4]
cls = getattr(importlib.import_module(module), name)
cpu = []
fit = cls.fit
def timed(self, *a, **k):
    t = time.process_time()
    try:
        return fit(self, *a, **k)
    finally:
        cpu.append(time.process_time() - t)
cls.fit = timed
sys.argv = sys.argv[3:]
runpy.run_path(script, run_name="__main__")
print(json.dumps({"fit_cpu_seconds": cpu}))
`;

/** The peer's output lines (JSON) and the CPU seconds of each fit of `estimator` ("module.Class"). */
export function runPeer(
  script: string,
  args: readonly string[],
  estimator: string,
  env: NodeJS.ProcessEnv = process.env,
): { lines: Record<string, unknown>[]; cpu: number[] } {
  const dot = estimator.lastIndexOf('.');
  const out = execFileSync(
    '/usr/bin/python3',
    ['-c', PRELUDE, estimator.slice(0, dot), estimator.slice(dot + 1), join(peersDir(), script), ...args],
    { encoding: 'utf8', maxBuffer: 1 << 24, env },
  );
  const lines = out
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const last = lines.pop() as { fit_cpu_seconds: number[] };
  return { lines, cpu: last.fit_cpu_seconds };
}
