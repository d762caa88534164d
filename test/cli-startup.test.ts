import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Command, Help } from 'commander';
import { COMMANDS, commandName } from '../src/cli/catalogue.js';
import { buildProgram, invokedCommand, programFor } from '../src/cli/main.js';
import { onlyVersion } from '../src/cli/version.js';
import { withTempDir } from './helpers/tmp.js';

// The CLI loads only the module of the command it runs (issue 13): these tests check that the catalogue still
// exposes every command as the modules define it, and that `--version` and `status` load no more than they need.

const BIN = fileURLToPath(new URL('../bin/clientele.js', import.meta.url));
const help = new Help();

function topLevel(program: Command): Command[] {
  return program.commands.filter((c) => c.name() !== 'help');
}

/** Every option of a command and of its subcommands, as `path --flags`. */
function optionsOf(command: Command, path = command.name()): string[] {
  return [
    ...command.options.map((o) => `${path} ${o.flags} ${JSON.stringify(o.defaultValue)}`),
    ...command.commands.flatMap((c) => optionsOf(c, `${path} ${c.name()}`)),
  ];
}

// Preloaded into the CLI's process: on exit, writes every module it loaded (ES modules through a load hook,
// CommonJS ones from require's cache, where DuckDB's binding is) to the file named by MODULES_OUT, and
// 'Intl.NumberFormat' for each number format made (the first loads ICU's number data).
const PRELOAD = `
import { register, createRequire } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
import { writeFileSync } from 'node:fs';
const { port1, port2 } = new MessageChannel();
const seen = [];
port1.on('message', (url) => seen.push(url));
port1.unref();
Intl.NumberFormat = new Proxy(Intl.NumberFormat, {
  construct(target, args) { seen.push('Intl.NumberFormat'); return Reflect.construct(target, args); },
});
register('data:text/javascript,' + encodeURIComponent(
  'let port; export function initialize(d) { port = d.port; }' +
  'export async function load(url, context, next) { port.postMessage(url); return next(url, context); }'),
  { parentURL: import.meta.url, data: { port: port2 }, transferList: [port2] });
process.on('exit', () => {
  const cjs = Object.keys(createRequire(import.meta.url).cache);
  writeFileSync(process.env.MODULES_OUT, JSON.stringify([...seen, ...cjs]));
});
`;

async function modulesLoaded(dir: string, args: readonly string[]): Promise<string[]> {
  const preload = join(dir, 'preload.mjs');
  const out = join(dir, `modules-${args[0]}.json`);
  await writeFile(preload, PRELOAD);
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', preload, BIN, ...args], {
      env: { ...process.env, MODULES_OUT: out },
      stdio: 'ignore',
    });
    child.on('error', reject);
    child.on('close', resolve);
  });
  assert.equal(code, 0, `clientele ${args.join(' ')}`);
  return JSON.parse(await readFile(out, 'utf8')) as string[];
}

const HEAVY = ['@duckdb', 'fastify', '@faker-js', '@dicebear', 'liquidjs', 'wink-', 'libphonenumber-js'];

describe('the lazy command line', () => {
  it('lists every command the modules register, with the usage and description they give', async () => {
    const full = await buildProgram();
    const loaded = topLevel(full).map((c) => [help.subcommandTerm(c), help.subcommandDescription(c)]);
    assert.deepEqual(
      COMMANDS.map((e) => [e.usage, e.description]),
      loaded,
    );
    // Root help without any command module loaded is the help of the whole tree.
    assert.equal(
      (await programFor(['node', 'clientele', '--help'])).helpInformation(),
      full.helpInformation(),
    );
  });

  it('loads, for the command being run, that command with every option and subcommand', async () => {
    const full = await buildProgram();
    for (const entry of COMMANDS) {
      const name = commandName(entry);
      const program = await programFor(['node', 'clientele', '--json', name, '--help']);
      const command = program.commands.find((c) => c.name() === name);
      const expected = full.commands.find((c) => c.name() === name);
      assert.ok(command && expected, name);
      assert.deepEqual(optionsOf(command), optionsOf(expected), name);
      assert.deepEqual(
        command.commands.map((c) => c.name()),
        expected.commands.map((c) => c.name()),
        name,
      );
    }
  });

  it('prints the version alone as commander prints it with other options', async () => {
    const run = (args: readonly string[]) =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
        });
        child.on('error', reject);
        child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}`))));
      });
    const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    assert.equal(await run(['--version']), `${pkg.version}\n`);
    assert.equal(await run(['-V']), `${pkg.version}\n`);
    // Through commander (a global option before it): the same line.
    assert.equal(await run(['--json', '--version']), `${pkg.version}\n`);
    assert.equal(onlyVersion(['node', 'clientele', '--version']), true);
    assert.equal(onlyVersion(['node', 'clientele', '--json', '--version']), false);
    assert.equal(onlyVersion(['node', 'clientele', 'status', '--version']), false);
  });

  it('reads the command from argv past the global options, as commander does', () => {
    assert.equal(invokedCommand(['status']), 'status');
    assert.equal(invokedCommand(['--db', 'x.duckdb', '--json', 'status', '--debug']), 'status');
    assert.equal(invokedCommand(['--db=x.duckdb', 'model', 'rfm']), 'model');
    assert.equal(invokedCommand(['help', 'segment']), 'segment');
    assert.equal(invokedCommand(['help']), undefined);
    assert.equal(invokedCommand(['--version']), undefined);
    assert.equal(invokedCommand(['--help', 'status']), undefined);
    assert.equal(invokedCommand([]), undefined);
  });

  it('`--version` loads no command module and no heavy library; `status` only its own', async () => {
    await withTempDir(async (dir) => {
      const version = await modulesLoaded(dir, ['--version']);
      assert.ok(
        version.some((m) => m.includes('/bin/clientele.js')),
        'the preload saw the CLI load',
      );
      // `--version` alone is answered by the entry point: no command line (commander, catalogue, errors).
      assert.deepEqual(
        version
          .filter((m) => m.includes('/dist/') || m.includes('node_modules'))
          .map((m) => m.replace(/.*\/dist\//, '')),
        ['cli/version.js'],
      );
      // The first command on a new database resolves its (empty) profiles; the second finds them current.
      await modulesLoaded(dir, ['status', '--db', join(dir, 'c.duckdb')]);
      const status = await modulesLoaded(dir, ['status', '--db', join(dir, 'c.duckdb')]);
      assert.ok(
        status.some((m) => m.includes('@duckdb')),
        'status opens the database',
      );
      assert.deepEqual(
        status.filter((m) => m.includes('/cli/commands/')).map((m) => m.replace(/.*\/cli\/commands\//, '')),
        ['status.js'],
      );
      assert.deepEqual(
        status.filter((m) => HEAVY.some((h) => h !== '@duckdb' && m.includes(h))),
        [],
      );
      // A database with every migration applied: none of the migrations' text is loaded.
      assert.deepEqual(
        status.filter((m) => m.includes('/store/migrations/')).map((m) => m.replace(/.*\/store\//, '')),
        ['migrations/versions.js'],
      );
      // English words need no ICU number data: counts and amounts are written by hand (i18n/en-number.ts).
      assert.ok(!status.includes('Intl.NumberFormat'), 'status made an Intl.NumberFormat');
    });
  });
});
