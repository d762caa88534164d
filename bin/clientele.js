#!/usr/bin/env node
// The installed entry point: runs the compiled CLI (built by `npm ci` through the `prepare` script).
import { onlyVersion, packageVersion } from '../dist/cli/version.js';

// Output piped into `head` and the like: the reader has gone, which is no error of ours.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

// `clientele --version` alone is answered before the command line loads (issue 13); commander answers the rest.
if (onlyVersion(process.argv)) process.stdout.write(`${packageVersion()}\n`);
else process.exitCode = await (await import('../dist/cli/main.js')).main(process.argv);
