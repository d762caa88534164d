import { ClienteleError } from '../errors/index.js';
import { phrase } from '../i18n/phrase.js';
import { titleEn, titlePhrase } from '../i18n/titles.js';
import type { Warehouse } from '../store/index.js';
import { forgetCompiled } from './decide.js';
import { checkRules, type PlacementRule } from './rules.js';

/** A placement: where a page shows one of several variants, chosen by rules. */
export type Placement = {
  readonly name: string;
  readonly rules: PlacementRule[];
  readonly createdAt: string;
};

/** Checks and saves (or replaces) a placement's rules. */
export async function savePlacement(db: Warehouse, name: string, rules: unknown): Promise<Placement> {
  const checked = await checkRules(db, rules);
  await db.transaction(async (tx) => {
    await tx.run('DELETE FROM placements WHERE name = ?', [name]);
    await tx.run('INSERT INTO placements (name, rules) VALUES (?, CAST(? AS JSON))', [
      name,
      JSON.stringify(checked.rules),
    ]);
  });
  forgetCompiled(db, name);
  return getPlacement(db, name);
}

/** Every placement. */
export async function listPlacements(db: Warehouse): Promise<Placement[]> {
  const rows = await db.all<{ name: string; rules: string; createdAt: string }>(
    `SELECT name, CAST(rules AS VARCHAR) AS rules, ${db.dialect.formatTime('created_at', '%Y-%m-%dT%H:%M:%SZ')} AS "createdAt" FROM placements ORDER BY name`,
  );
  return rows.map((r) => ({ ...r, rules: JSON.parse(r.rules) as PlacementRule[] }));
}

/** One placement, or the not-found error. */
export async function getPlacement(db: Warehouse, name: string): Promise<Placement> {
  const found = (await listPlacements(db)).find((p) => p.name === name);
  if (!found)
    throw new ClienteleError(
      'CLT_ERR_ACTIVATION_NOT_FOUND',
      `no placement named “${titleEn(name)}”`,
      { name },
      phrase('error.noPlacement', { name: titlePhrase(name) }),
    );
  return found;
}
