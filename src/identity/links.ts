import type { Warehouse } from '../store/index.js';

/**
 * The manual links in force: pairs of customer ids a person (or `dedupe --auto-accept`) said are one person,
 * not since undone. Kept in `dedupe_decisions` (migration 20); a full resolution applies them.
 */
export async function manualLinks(db: Warehouse): Promise<{ a: string; b: string }[]> {
  return db.all<{ a: string; b: string }>(
    "SELECT a, b FROM dedupe_decisions WHERE decision = 'accepted' AND undone_at IS NULL ORDER BY decided_at, a, b",
  );
}
