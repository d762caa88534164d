/**
 * The audit's findings grouped by what they are about, so the screen can say "9 about contact points" and
 * keep each group folded: one line a group instead of one card a finding (issue 14: a phone shows the answer,
 * not 7,000 px of cards). The grouping reads the finding's code (src/housekeeping/audit.ts); a code this list
 * does not know is shown with the sources' findings, never dropped.
 */
export const FINDING_GROUPS = ['contacts', 'sources', 'contradictions', 'staleness'] as const;
export type FindingGroup = (typeof FINDING_GROUPS)[number];

/** Which group a finding's code belongs to. */
export function findingGroup(code: string): FindingGroup {
  if (code.startsWith('email_') || code.startsWith('phone_')) return 'contacts';
  if (code === 'field_email_invalid' || code === 'field_phone_invalid') return 'contacts';
  if (code.startsWith('contradiction_')) return 'contradictions';
  if (code === 'contacts_stale') return 'staleness';
  return 'sources';
}

/** The groups that hold findings, in FINDING_GROUPS' order, each with its findings in the audit's order. */
export function groupFindings<T extends { readonly code: string }>(
  issues: readonly T[],
): { group: FindingGroup; issues: T[] }[] {
  return FINDING_GROUPS.map((group) => ({
    group,
    issues: issues.filter((i) => findingGroup(i.code) === group),
  })).filter((g) => g.issues.length > 0);
}
