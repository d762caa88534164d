import { readFileSync } from 'node:fs';

/** The package's version, as `clientele --version` prints it. */
export function packageVersion(): string {
  return (
    JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
  ).version;
}

/**
 * Whether `argv` (as process.argv) asks for the version and nothing else (`--version` or `-V` alone): the entry
 * point then prints it without loading the command line (commander, the catalogue, the error registry), which
 * costs more than node's own start (issue 13). Anything else goes through commander, which answers the same.
 */
export function onlyVersion(argv: readonly string[]): boolean {
  return argv.length === 3 && (argv[2] === '--version' || argv[2] === '-V');
}
