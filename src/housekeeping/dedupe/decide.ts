/**
 * A person's decision on a probable duplicate. Accepting makes the pair a manual identity link (identity
 * resolution joins the two people, whatever its limits, and `profile --explain` shows the link); rejecting
 * keeps the pair off the list; undoing takes either back. Links change the graph, so profiles are rebuilt.
 */
import { ClienteleError } from '../../errors/index.js';
import { resolveIdentities } from '../../identity/index.js';
import type { Warehouse } from '../../store/index.js';
import { findDuplicates, profileOfCustomer } from './run.js';

export type Decision = 'accepted' | 'rejected';

export interface DecisionResult {
  a: string;
  b: string;
  decision: Decision | 'undone';
  /** The profile the two share after the decision, or each one's. */
  profiles: number[];
}

async function checkPair(db: Warehouse, a: string, b: string): Promise<[string, string]> {
  if (a === b) throw new ClienteleError('CLT_ERR_DEDUPE_UNKNOWN_RECORD', `${a} and ${b} are the same record`);
  await profileOfCustomer(db, a);
  await profileOfCustomer(db, b);
  return a < b ? [a, b] : [b, a];
}

async function profilesOf(db: Warehouse, a: string, b: string): Promise<number[]> {
  return [...new Set([await profileOfCustomer(db, a), await profileOfCustomer(db, b)])];
}

/** Records a decision on the pair A, B (replacing an earlier one) and rebuilds profiles when links changed. */
export async function decidePair(
  db: Warehouse,
  a0: string,
  b0: string,
  decision: Decision,
  options: { probability?: number | null; agreements?: unknown; by?: string } = {},
): Promise<DecisionResult> {
  const [a, b] = await checkPair(db, a0, b0);
  await db.transaction(async (tx) => {
    await tx.run(
      'UPDATE dedupe_decisions SET undone_at = now() WHERE a = ? AND b = ? AND undone_at IS NULL',
      [a, b],
    );
    await tx.run(
      'INSERT INTO dedupe_decisions (a, b, decision, probability, agreements, decided_by) VALUES (?, ?, ?, ?, ?, ?)',
      [
        a,
        b,
        decision,
        options.probability ?? null,
        options.agreements ? JSON.stringify(options.agreements) : null,
        options.by ?? 'cli',
      ],
    );
  });
  await resolveIdentities(db, { full: true });
  return { a, b, decision, profiles: await profilesOf(db, a, b) };
}

/** Takes back the standing decision on A, B: an accepted link is cut and the two profiles come apart. */
export async function undoDecision(db: Warehouse, a0: string, b0: string): Promise<DecisionResult> {
  const [a, b] = await checkPair(db, a0, b0);
  const standing = await db.all<{ decision: string }>(
    'SELECT decision FROM dedupe_decisions WHERE a = ? AND b = ? AND undone_at IS NULL',
    [a, b],
  );
  if (!standing.length) {
    throw new ClienteleError(
      'CLT_ERR_DEDUPE_UNKNOWN_RECORD',
      `no standing decision on ${a} and ${b} to undo`,
    );
  }
  await db.run('UPDATE dedupe_decisions SET undone_at = now() WHERE a = ? AND b = ? AND undone_at IS NULL', [
    a,
    b,
  ]);
  if (standing.some((s) => s.decision === 'accepted')) await resolveIdentities(db, { full: true });
  return { a, b, decision: 'undone', profiles: await profilesOf(db, a, b) };
}

/** Accepts every listed pair at or above `p`, then rebuilds profiles once. */
export async function autoAccept(db: Warehouse, p: number): Promise<{ accepted: number }> {
  if (!(p >= 0 && p <= 1))
    throw new ClienteleError(
      'CLT_ERR_DEDUPE_BAD_OPTION',
      `autoAccept ${p}: expected a probability from 0 to 1`,
      { option: 'autoAccept' },
    );
  const { pairs } = await findDuplicates(db, { threshold: p });
  if (!pairs.length) return { accepted: 0 };
  await db.transaction(async (tx) => {
    for (const pair of pairs) {
      await tx.run(
        'UPDATE dedupe_decisions SET undone_at = now() WHERE a = ? AND b = ? AND undone_at IS NULL',
        [pair.a, pair.b],
      );
      await tx.run(
        "INSERT INTO dedupe_decisions (a, b, decision, probability, agreements, decided_by) VALUES (?, ?, 'accepted', ?, ?, 'auto')",
        [pair.a, pair.b, pair.probability, JSON.stringify(pair.agreements)],
      );
    }
  });
  await resolveIdentities(db, { full: true });
  return { accepted: pairs.length };
}
