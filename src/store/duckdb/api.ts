import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
// The build (scripts/build.sh) bundles the package's ~180 CommonJS files into this one file beside the compiled
// module: Node then resolves, reads and compiles one file instead of each, which took a third of loading DuckDB
// (0.32 s CPU against 0.23 s bundled; bench/startup.ts). Run from source (tsx), there is none: the package itself.
const bundled = new URL('./node-api.cjs', import.meta.url);

/**
 * DuckDB's Node API, loaded with `require`: imported as an ES module, Node first parses every CommonJS file of
 * the package for its export names (cjs-module-lexer), which doubled the CLI's start-up (issue 13). Types come
 * from `import type` as usual; values (DuckDBInstance, DuckDBTypeId) from here.
 */
export const duckdb: typeof import('@duckdb/node-api') = existsSync(bundled)
  ? require(fileURLToPath(bundled))
  : require('@duckdb/node-api');
