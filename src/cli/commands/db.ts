import { resolve } from 'node:path';
import type { Command } from 'commander';
import { ClienteleError } from '../../errors/index.js';
import type { CopySummary } from '../../store/copy/index.js';
import { globals, report } from '../context.js';
import { n, table } from '../format.js';

interface CopyCliOptions {
  readonly to: string;
  readonly from?: string;
  readonly replace?: boolean;
}

// The same database named twice (a file by two spellings, a URL with or without its password).
function sameLocation(a: string, b: string, isServer: (l: string) => boolean): boolean {
  if (isServer(a) !== isServer(b)) return false;
  if (!isServer(a)) return resolve(a) === resolve(b);
  const key = (u: string) => {
    const url = new URL(u);
    return `${url.hostname}:${url.port || '5432'}/${url.pathname.replace(/^\//, '') || 'postgres'}`;
  };
  return key(a) === key(b);
}

/** Text for people of a copy. */
function describeCopy(s: CopySummary, seconds: number): string {
  return [
    `copied ${n(s.rows)} rows in ${s.tables.length} tables from ${s.from} (${s.fromEngine}) to ${s.to} (${s.toEngine}) in ${seconds.toFixed(1)} s${s.replaced ? ', replacing what it held' : ''}`,
    '',
    table(
      ['table', 'rows'],
      s.tables.filter((t) => t.rows > 0).map((t) => [t.name, n(t.rows)]),
    ),
    '',
    `sequences: ${Object.entries(s.sequences)
      .map(([k, v]) => `${k} next ${n(v)}`)
      .join(', ')}`,
  ].join('\n');
}

/** `clientele db copy`: a whole database from one engine (or file) to another. */
export function registerDb(program: Command): void {
  const db = program.command('db').description('the database as a whole: copy it to another engine');
  db.command('copy')
    .description(
      'copy every table, row and sequence of a Clientele database into another one (DuckDB ⇄ PostgreSQL); the migration path from DuckDB to PostgreSQL',
    )
    .requiredOption(
      '--to <location>',
      'the database to copy into: postgres://user:pass@host:port/db or a .duckdb file',
    )
    .option(
      '--from <location>',
      'the database to copy from (default: --db, $CLIENTELE_DB or ./clientele.duckdb)',
    )
    .option('--replace', 'overwrite a target that already holds rows')
    .action(async (o: CopyCliOptions, command: Command) => {
      const { isPostgresLocation, openWarehouse, resolveDbPath } = await import('../../store/index.js');
      const { copyDatabase } = await import('../../store/copy/index.js');
      const { encryptionEnabled } = await import('../../privacy/fields.js');
      const from = o.from ?? resolveDbPath(globals(command).db);
      if (sameLocation(from, o.to, isPostgresLocation)) {
        throw new ClienteleError(
          'CLT_ERR_COPY_SAME',
          `--to names the database the copy reads from (${from})`,
        );
      }
      const started = Date.now();
      const source = await openWarehouse(from);
      try {
        if (await encryptionEnabled(source)) {
          throw new ClienteleError(
            'CLT_ERR_COPY_ENCRYPTED',
            `${source.location} stores personal fields encrypted; copying it is not supported yet`,
          );
        }
        const target = await openWarehouse(o.to);
        try {
          const quiet = Boolean(globals(command).json);
          const summary = await copyDatabase(source, target, {
            replace: o.replace,
            onTable: (name, rows, i, of) => {
              if (!quiet && rows > 0) process.stderr.write(`[${i + 1}/${of}] ${name}: ${n(rows)} rows\n`);
            },
          });
          const seconds = (Date.now() - started) / 1000;
          report(command, { ...summary, seconds }, () => describeCopy(summary, seconds));
        } finally {
          await target.close();
        }
      } finally {
        await source.close();
      }
    });
}
