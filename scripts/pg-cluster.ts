/**
 * The PostgreSQL server one phase of scripts/test.sh shares: `start` initialises and starts a throwaway
 * cluster (test/helpers/postgres.ts `startPostgres`, sized for two test files at a time) that outlives this
 * process and prints its folder and connection string, tab-separated; `stop <folder>` stops it and removes
 * the folder. The test processes find it through CLIENTELE_TEST_PG_URL (`testServer()`).
 */
import { startPostgres, stopPostgresAt } from '../test/helpers/postgres.js';

const [command, dir] = process.argv.slice(2);
if (command === 'start') {
  // Two files at a time, each with a few pools of ten (a server, the CLI, the test's own) and a spawned server.
  const server = await startPostgres({ keep: true, maxConnections: 300, sharedBuffers: '256MB' });
  process.stdout.write(`${server.dir}\t${server.url()}\n`);
} else if (command === 'stop' && dir) {
  stopPostgresAt(dir);
} else {
  process.stderr.write('usage: pg-cluster.js start | stop <folder>\n');
  process.exitCode = 2;
}
