import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { globals, report } from '../context.js';

/** `clientele init [--encrypt]`: makes the database, and with --encrypt stores its personal fields encrypted. */
export function registerInit(program: Command): void {
  program
    .command('init')
    .description(
      'create the database (migrations applied); --encrypt stores personal fields encrypted under a key from CLIENTELE_KEY or a key file made beside it',
    )
    .option(
      '--encrypt',
      'encrypt personal fields (e-mail, phone, names, free text…) from now on; only for a database with no records yet',
    )
    .action(async (o: { encrypt?: boolean }, command: Command) => {
      const { openWarehouse, resolveDbPath } = await import('../../store/index.js');
      const { enableEncryption, encryptionState, databaseFiles, restrictFiles, restrictUmask } = await import(
        '../../privacy/index.js'
      );
      restrictUmask();
      const location = resolveDbPath(globals(command).db);
      // init makes the database's folder too (owner-only, by the umask above).
      if (location !== ':memory:') mkdirSync(dirname(resolve(location)), { recursive: true });
      const db = await openWarehouse(location);
      let state: Awaited<ReturnType<typeof enableEncryption>>;
      try {
        state = o.encrypt ? await enableEncryption(db) : await encryptionState(db);
      } finally {
        await db.close();
      }
      restrictFiles(...databaseFiles(location));
      report(command, state, () =>
        state.encrypted
          ? `${state.database}: personal fields are stored encrypted${state.changed ? ' from now on' : ''}; key from ${state.keySource === 'env' ? 'CLIENTELE_KEY' : state.keySource}. Keep the key apart from backups of the database: without it nothing personal can be read.`
          : `${state.database}: ready (personal fields in clear; clientele init --encrypt on a new database encrypts them)`,
      );
    });
}
