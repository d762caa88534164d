import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/clientele.js', import.meta.url));
const MAIN = new URL('../../dist/cli/main.js', import.meta.url).href;
const FIELDS = new URL('../../dist/privacy/fields.js', import.meta.url).href;

/** What a run of the CLI printed and how it ended. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the built CLI (dist/, as bin/clientele.js does) as a user would and returns what it printed and
 * its exit code. Most runs call the built `main` inside this test process: a new process loads the whole
 * command tree again, a second or more each time, hundreds of times over the suite. A run gets its own
 * process when it must: a `cwd` or `env` of its own, a command that serves or reads stdin, another run still
 * going (output is taken from process.stdout), a server of this process holding the database (DuckDB's lock
 * does not keep one process from opening a file twice), or CLIENTELE_TEST_CLI=spawn for every run.
 */
export function runCli(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<CliRun> {
  return inProcess(args, options) ? runHere(args) : spawnCli(args, options);
}

/** Runs the CLI with --json and parses what it printed. */
export async function runCliJson<T = Record<string, unknown>>(
  args: readonly string[],
  options: { cwd?: string } = {},
): Promise<T> {
  const run = await runCli([...args, '--json'], options);
  if (run.code !== 0) throw new Error(`clientele ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

// Commands that serve until stopped, or read a password from stdin when none is given.
const OWN_PROCESS = new Set(['serve', '--serve', 'users', '-']);
let running = false;

function inProcess(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string> },
): boolean {
  if (running || process.env.CLIENTELE_TEST_CLI === 'spawn') return false;
  if (options.cwd !== undefined || options.env !== undefined) return false;
  if (args.some((a) => OWN_PROCESS.has(a))) return false;
  return !existsSync(`${resolve(dbOf(args))}.server.json`);
}

/** The database a run names (--db, else CLIENTELE_DB, else the default), as the CLI resolves it. */
function dbOf(args: readonly string[]): string {
  const at = args.indexOf('--db');
  return (at >= 0 ? args[at + 1] : undefined) ?? process.env.CLIENTELE_DB ?? 'clientele.duckdb';
}

async function runHere(args: readonly string[]): Promise<CliRun> {
  running = true;
  const { main } = (await import(MAIN)) as { main: (argv: readonly string[]) => Promise<number> };
  const out: string[] = [];
  const err: string[] = [];
  const stdoutWrite = process.stdout.write;
  const stderrWrite = process.stderr.write;
  // Text is the command's; buffers go on to the real stream (the test runner reports through it).
  const capture = (into: string[], original: typeof process.stdout.write) =>
    function write(this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
      if (typeof chunk !== 'string')
        return (original as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
      into.push(chunk);
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      if (done) queueMicrotask(done);
      return true;
    } as typeof process.stdout.write;
  const exitCode = process.exitCode;
  // main() narrows the umask for what the product writes; the test's own files keep the usual one.
  const umask = process.umask();
  process.exitCode = undefined;
  process.stdout.write = capture(out, stdoutWrite);
  process.stderr.write = capture(err, stderrWrite);
  try {
    const code = await main([process.execPath, BIN, ...args]);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    // A process of its own would read the database's key afresh: the next run must not see this one's.
    const { forgetFieldCrypto } = (await import(FIELDS)) as { forgetFieldCrypto: (location: string) => void };
    for (const location of new Set([dbOf(args), resolve(dbOf(args))])) forgetFieldCrypto(location);
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
    process.exitCode = exitCode;
    process.umask(umask);
    running = false;
  }
}

function spawnCli(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string> },
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
