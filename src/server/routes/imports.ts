import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import { ImportQuery, ImportSummary, RejectList, RejectsQuery } from '../../contracts/imports.js';
import { replies } from '../../contracts/shared.js';
import type { KindName } from '../../domain/kinds.js';
import { ClienteleError } from '../../errors/index.js';
import { ensureCurrent } from '../../identity/index.js';
import { importFile, listRejects, parseExplicitMap } from '../../ingest/index.js';
import type { Warehouse } from '../../store/index.js';
import { fromBrowser } from '../access.js';
import { requestLocale } from '../locale.js';

/** What the import routes need. */
export interface ImportDeps {
  readonly db: Warehouse;
  readonly adminToken: string;
}

/**
 * File imports while the server owns the database: the request body is the file, streamed to a
 * temporary file (never held in memory) and imported exactly as `clientele import` does.
 */
export async function importRoutes(app: FastifyInstance, deps: ImportDeps): Promise<void> {
  // The body is the file itself: hand the raw stream through instead of parsing it as events.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
  const security = [{ adminToken: [] }];
  app.post(
    '/v1/imports',
    {
      schema: {
        summary: 'Import a file (the body) as a kind, as `clientele import` does',
        tags: ['imports'],
        security,
        querystring: ImportQuery,
        response: replies(ImportSummary),
      },
    },
    async (request) => {
      const q = request.query as {
        kind: KindName;
        name: string;
        columns?: string;
        delimiter?: string;
        map?: string;
        dateFormat?: string;
        format?: 'csv' | 'jsonl' | 'parquet';
        priority?: 'normal' | 'low';
        identifier?: string;
      };
      // A bad map is refused before the body is read; the server never reads a map from a path the client names.
      const map = q.map === undefined ? undefined : parseExplicitMap(q.map, 'map');
      const dir = await mkdtemp(join(tmpdir(), 'clientele-upload-'));
      try {
        const file = join(dir, uploadName(q.name));
        await pipeline(request.body as Readable, createWriteStream(file));
        // The client knows the file by its name, and the server's temporary folder is none of its business.
        const named = (text: string) => text.split(file).join(q.name);
        try {
          const summary = await importFile(deps.db, file, {
            kind: q.kind,
            map,
            columns: q.columns?.split(',').map((c) => c.trim()),
            delimiter: q.delimiter,
            dateFormat: q.dateFormat,
            format: q.format,
            priority: q.priority,
            identifiers: q.identifier
              ?.split(',')
              .map((c) => c.trim())
              .filter(Boolean),
            locale: requestLocale(request),
            // The web app has no field for the options a reading names (date format, map, identifier): they are
            // set on the command line, so its readers get the flags; an API client gets its own option names.
            surface: fromBrowser(request.principal, request) ? 'cli' : 'api',
            // Recorded under the name it was sent with: the server's temporary folder is nobody's business.
            recordAs: q.name,
          });
          // Profiles and saved segments follow every import, as after `clientele import`.
          if (summary.accepted + summary.updated > 0) await ensureCurrent(deps.db);
          return JSON.parse(named(JSON.stringify(summary)));
        } catch (error) {
          if (!(error instanceof ClienteleError)) throw error;
          const details = error.details && JSON.parse(named(JSON.stringify(error.details)));
          const said = error.said && JSON.parse(named(JSON.stringify(error.said)));
          throw new ClienteleError(error.code, named(error.message), details, said);
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
  app.get(
    '/v1/rejects',
    {
      schema: {
        summary: 'Rows imports kept aside, with their reason',
        tags: ['imports'],
        security,
        querystring: RejectsQuery,
        response: replies(RejectList),
      },
    },
    async (request) => {
      const q = request.query as { importId?: number; limit: number; offset: number };
      return listRejects(deps.db, q);
    },
  );
}

/**
 * The upload's file name inside its own temporary folder: the base name with anything but letters, digits,
 * dots, dashes and underscores replaced, never `.`, `..` or empty (`..` was joined to the folder's parent).
 * The extension is kept, since it helps detect the format.
 */
export function uploadName(name: string): string {
  const base = basename(name.replace(/\\/g, '/'))
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .slice(-200);
  return /^\.*$/.test(base) ? 'upload' : base.replace(/^\.+/, '');
}
