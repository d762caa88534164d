// Writes docs/errors.md from the error registry (`npx tsx scripts/errors-doc.ts > docs/errors.md`);
// a test fails when the page and the registry differ.
import { ERROR_CODES, onSurface } from '../src/errors/index.js';

export function errorsPage(): string {
  const rows = Object.entries(ERROR_CODES).map(
    ([code, e]) => `| \`${code}\` | ${e.status} | ${e.exit} | ${onSurface(e.hint, 'cli')} |`,
  );
  return [
    '# Error codes',
    '',
    'Every failure Clientele reports carries one of these codes: the CLI prints it after the message',
    '(and as `error.code` with `--json`), the HTTP API answers with its status. Rows an import rejects',
    'are not errors: they are kept in `rejects` with a reason code (see docs/import.md). A hint names an',
    'option as the command line spells it (`--date-format`); an API answer names it as the API does',
    '(`dateFormat`).',
    '',
    '| code | HTTP status | exit code | what to do |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(errorsPage());
