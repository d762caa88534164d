import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { it } from 'node:test';
import {
  FINDING_GROUPS,
  findingGroup,
  groupFindings,
} from '../../web/src/screens/housekeeping/audit-groups.js';

it('each of the audit’s finding codes falls in the group it is about', () => {
  const expect: Record<string, string> = {
    email_invalid_syntax: 'contacts',
    email_typo_domain: 'contacts',
    phone_invalid: 'contacts',
    phone_no_region: 'contacts',
    field_email_invalid: 'contacts',
    field_phone_invalid: 'contacts',
    field_empty: 'sources',
    rows_rejected: 'sources',
    postal_code_invalid: 'sources',
    age_impossible: 'sources',
    date_impossible: 'sources',
    contradiction_birth_date: 'contradictions',
    contradiction_delivered_before_ordered: 'contradictions',
    contacts_stale: 'staleness',
    // A code the screen does not know yet is shown with the sources' findings, never dropped.
    something_new: 'sources',
  };
  for (const [code, group] of Object.entries(expect)) assert.equal(findingGroup(code), group, code);
});

it('every code the audit writes has a group other than the fallback, or is a source’s own finding', async () => {
  const source = await readFile(new URL('../../src/housekeeping/audit.ts', import.meta.url), 'utf8');
  const codes = [...source.matchAll(/(?:code: |push\()'([a-z_]+)'/g)].map((m) => m[1] as string);
  assert.ok(codes.length >= 10, `codes found: ${codes.join(', ')}`);
  const sources = new Set([
    'field_empty',
    'rows_rejected',
    'postal_code_invalid',
    'age_impossible',
    'date_impossible',
  ]);
  for (const code of codes)
    if (findingGroup(code) === 'sources') assert.ok(sources.has(code), `${code} falls back to sources`);
});

it('groups keep the audit’s order, drop empty groups and lose no finding', () => {
  const issues = [
    { code: 'contacts_stale', n: 1 },
    { code: 'field_empty', n: 2 },
    { code: 'email_disposable', n: 3 },
    { code: 'field_empty', n: 4 },
  ];
  const groups = groupFindings(issues);
  assert.deepEqual(
    groups.map((g) => [g.group, g.issues.map((i) => i.n)]),
    [
      ['contacts', [3]],
      ['sources', [2, 4]],
      ['staleness', [1]],
    ],
  );
  assert.equal(groups.flatMap((g) => g.issues).length, issues.length);
  assert.deepEqual([...FINDING_GROUPS], ['contacts', 'sources', 'contradictions', 'staleness']);
});
