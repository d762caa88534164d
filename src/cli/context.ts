import type { Command } from 'commander';
import { ClienteleError, onSurface } from '../errors/index.js';
import type { FieldCrypto } from '../privacy/fields.js';
import type { Warehouse } from '../store/index.js';
import { resolveDbPath } from '../store/location.js';
import { sayWarningsIn, warningOnSurface } from '../warnings/surface.js';

/** The options every command accepts. */
export interface GlobalOptions {
  readonly db?: string;
  readonly json?: boolean;
  readonly debug?: boolean;
}

/** The global options as seen from inside a subcommand. */
export function globals(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

/**
 * Opens the database a command works on and closes it after `fn`, whatever happens. Unless `current` is false,
 * profiles and saved segments are first brought up to date with whatever arrived since they were last resolved
 * (an import, events the server took in), so that no command answers from stale profiles.
 */
export async function withWarehouse<T>(
  command: Command,
  fn: (db: Warehouse, location: string) => Promise<T>,
  options: { readonly current?: boolean } = {},
): Promise<T> {
  const location = resolveDbPath(globals(command).db);
  // Loaded here, not at the top, so that `--version`, `--help` and commands that never open the file skip DuckDB.
  const { openWarehouse } = await import('../store/index.js');
  const db = await openWarehouse(location);
  try {
    // An encrypted database without its key stops here, with a coded error, before anything is read or written.
    revealing = await (await import('../privacy/fields.js')).fieldCrypto(db);
    if (options.current ?? true) await (await import('../identity/current.js')).ensureCurrent(db);
    // db.location, not the option: a PostgreSQL URL is passed on without its password.
    return await fn(db, db.location);
  } finally {
    await db.close();
  }
}

// The field encryption of the database this process opened last: the CLI's user holds the key, so what it
// prints is decrypted at this boundary (and only here).
let revealing: FieldCrypto | null = null;

/** Prints a command's result: JSON for machines with --json, else the text for people; personal values decrypted. */
export function report(command: Command, value: unknown, text: () => string): void {
  const crypto = revealing;
  // What the command line prints names options as its flags (`--tracking-url`, src/errors/option.ts).
  if (globals(command).json) {
    const json = sayWarningsIn(value, (w) => warningOnSurface(w, 'cli'));
    process.stdout.write(`${JSON.stringify(crypto ? crypto.revealDeep(json) : json, null, 2)}\n`);
  } else
    process.stdout.write(`${onSurface(crypto ? (crypto.revealDeep(text()) as string) : text(), 'cli')}\n`);
}

/** Parses a whole number option, naming the option when it is not one. */
export function parseCount(option: string, min = 0): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) {
      throw new ClienteleError(
        'CLT_ERR_USAGE',
        `${option} ${value}: expected a whole number of at least ${min}`,
      );
    }
    return n;
  };
}
