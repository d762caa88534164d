import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { it } from 'node:test';
import { definitionsPage } from '../../scripts/definitions-doc.js';

it('docs/definitions.md lists exactly the declared definitions (regenerate: node --import tsx scripts/definitions-doc.ts > docs/definitions.md)', async () => {
  const page = await readFile(new URL('../../docs/definitions.md', import.meta.url), 'utf8');
  assert.equal(page, definitionsPage());
});
