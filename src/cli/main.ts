import { Command, CommanderError, Help } from 'commander';
import { ClienteleError, engineConflict } from '../errors/index.js';
import { type Locale, pickLocale } from '../i18n/locale.js';
import { restrictUmask } from '../privacy/files.js';
import { COMMANDS, type CommandEntry, commandName } from './catalogue.js';
import { packageVersion } from './version.js';

/** The root command: its description and global options, no subcommands yet. */
function rootProgram(): Command {
  return new Command('clientele')
    .description(
      'Clientele: customer data modeling — profiles, value, segments, personas and models, on your own data',
    )
    .version(packageVersion())
    .option('--db <path>', 'database file (default: $CLIENTELE_DB or ./clientele.duckdb)')
    .option('--json', 'print results as JSON for machines')
    .option('--debug', 'print stack traces of failures')
    .option(
      '--lang <lang>',
      'en|pl: the language of text for people (default: $CLIENTELE_LANG, then $LANG, else en)',
    )
    .showHelpAfterError()
    .exitOverride();
}

/** Builds the whole `clientele` command tree, every command module loaded (for tests and tools; slow). */
export async function buildProgram(): Promise<Command> {
  const program = rootProgram();
  const loaded = new Set<CommandEntry['load']>();
  for (const entry of COMMANDS) {
    if (loaded.has(entry.load)) continue;
    loaded.add(entry.load);
    (await entry.load())(program);
  }
  for (const command of program.commands) command.exitOverride();
  return program;
}

/**
 * The command `args` (process.argv without node and the script) runs, as commander will read it: the first word
 * after the global options, or the command named by `help <command>`. Undefined when root help, the version
 * or an error about a root option comes first.
 */
export function invokedCommand(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--db' || arg === '--lang') i++;
    else if (arg.startsWith('--db=') || arg.startsWith('--lang=') || arg === '--json' || arg === '--debug')
      continue;
    else if (arg.startsWith('-')) return undefined;
    else if (arg === 'help') return args.slice(i + 1).find((a) => !a.startsWith('-'));
    else return arg;
  }
  return undefined;
}

/**
 * The command tree one run needs: the module of the command being run, and no other; without a known command
 * (root help, `--version`, a typo), every command as a stand-in made from the catalogue, which root help lists
 * and which commander's "did you mean" suggests from, without loading any command module.
 */
export async function programFor(argv: readonly string[]): Promise<Command> {
  const program = rootProgram();
  const name = invokedCommand(argv.slice(2));
  const entry = COMMANDS.find((e) => commandName(e) === name);
  if (entry) {
    (await entry.load())(program);
    for (const command of program.commands) command.exitOverride();
    return program;
  }
  const usage = new Map<Command, string>();
  for (const e of COMMANDS) {
    const standIn = program
      .command(commandName(e))
      .description(e.description)
      .action(() => {
        // Unreachable while invokedCommand reads argv as commander does; loud if it ever does not.
        throw new Error(`command ${commandName(e)} was not loaded`);
      });
    usage.set(standIn, e.usage);
  }
  const helper = new Help();
  program.configureHelp({
    subcommandTerm: (command) => usage.get(command) ?? helper.subcommandTerm(command),
  });
  return program;
}

/** Runs the CLI on `argv` (as process.argv) and returns the exit code: 0 success, 1 failure, 2 usage error. */
export async function main(argv: readonly string[]): Promise<number> {
  // Everything the CLI and the server it starts write holds customer data or secrets: owner-only.
  restrictUmask();
  const program = await programFor(argv);
  const json = argv.includes('--json');
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (thrown) {
    const error = engineConflict(thrown) ?? thrown;
    if (error instanceof CommanderError) {
      // --help and --version end through here too, with exit code 0.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof ClienteleError) {
      if (json) process.stdout.write(`${JSON.stringify({ error: error.toJSON() }, null, 2)}\n`);
      process.stderr.write(await errorLines(error, argvLocale(argv)));
      if (debug) process.stderr.write(`${error.stack}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    if (json)
      process.stdout.write(`${JSON.stringify({ error: { code: 'CLT_ERR_INTERNAL', message } }, null, 2)}\n`);
    process.stderr.write(`error: ${message}\n`);
    process.stderr.write(
      debug && error instanceof Error
        ? `${error.stack}\n`
        : '  (run again with --debug for the stack trace)\n',
    );
    return 1;
  }
}

/** A coded failure as the CLI prints it, in the CLI's language (the Polish words loaded only when asked for). */
async function errorLines(error: ClienteleError, locale: Locale): Promise<string> {
  if (locale === 'en') return `error: ${error.message}\n  ${error.hint} [${error.code}]\n`;
  const { sayError } = await import('../i18n/errors.js');
  const said = sayError(error, locale);
  return `błąd: ${said.message}\n  ${said.hint}\n  szczegóły: ${said.detail} [${error.code}]\n`;
}

/** The language `argv` asks for (`--lang X` or `--lang=X`, else the environment), for words said outside a command. */
function argvLocale(argv: readonly string[]): Locale {
  let explicit: string | undefined;
  argv.forEach((a, i) => {
    if (a === '--lang') explicit = argv[i + 1];
    else if (a.startsWith('--lang=')) explicit = a.slice('--lang='.length);
  });
  return pickLocale({ explicit, env: process.env });
}
