import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

// Paths that belong to the API and its documentation, never to the app.
const API_PREFIXES = ['/v1/', '/docs', '/health'];

/** Where `vite build` put the app: dist/web beside the compiled server, or from the sources (tsx), the repo's. */
export function webRoot(): string | null {
  const candidates = ['../../web', '../../../dist/web'].map((p) =>
    fileURLToPath(new URL(p, import.meta.url)),
  );
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}

/**
 * The web app's files at `/`: hashed assets cached for good, everything else that is not an API path
 * answered with index.html, so that the app's own paths (`/profiles/42`) survive a reload.
 */
export async function webRoutes(app: FastifyInstance, options: { root?: string | null }): Promise<void> {
  const root = options.root === undefined ? webRoot() : options.root;
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const path = decodeURIComponent(request.url.split('?')[0] ?? '/');
    if (API_PREFIXES.some((p) => path.startsWith(p))) return reply.callNotFound();
    // Read on each request (it is small): a rebuild while the server runs names new asset files.
    const index = root ? await readFile(join(root, 'index.html'), 'utf8').catch(() => null) : null;
    if (!root || index === null) {
      return reply
        .type('text/plain; charset=utf-8')
        .status(404)
        .send('The web app is not built: run `npm run build` in the clientele checkout.\n');
    }
    const file = normalize(join(root, path));
    if (path !== '/' && file.startsWith(root + sep) && TYPES[extname(file)]) {
      const body = await readFile(file).catch(() => null);
      if (body) {
        const immutable = path.startsWith('/assets/');
        return reply
          .type(TYPES[extname(file)]!)
          .header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
          .send(body);
      }
      if (path.startsWith('/assets/')) return reply.callNotFound();
    }
    return reply.type(TYPES['.html']!).header('Cache-Control', 'no-cache').send(index);
  });
}
