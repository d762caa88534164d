import { createRequire } from 'node:module';

/**
 * DuckDB's Node API, loaded with `require`: imported as an ES module, Node first parses every CommonJS file of
 * the package for its export names (cjs-module-lexer), which doubled the CLI's start-up (issue 13). Types come
 * from `import type` as usual; values (DuckDBInstance, DuckDBTypeId) from here.
 */
export const duckdb: typeof import('@duckdb/node-api') = createRequire(import.meta.url)('@duckdb/node-api');
