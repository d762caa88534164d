import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { it } from 'node:test';
import { errorsPage } from '../../scripts/errors-doc.js';

it('docs/errors.md lists exactly the codes of the registry (regenerate: npx tsx scripts/errors-doc.ts > docs/errors.md)', async () => {
  const page = await readFile(new URL('../../docs/errors.md', import.meta.url), 'utf8');
  assert.equal(page, errorsPage());
});
