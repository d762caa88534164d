import type { Warehouse } from '../store/index.js';
import { type Resonance, type ResonanceOptions, resonanceOf } from './measure.js';
import { type ResolvedScope, type ResonanceScope, readSends, resolveScope } from './read.js';

/** The answer of `clientele resonance` and `GET /v1/resonance`: the scope, then the measures. */
export type ResonanceReport = { readonly scope: ResolvedScope } & Resonance;

/** Resonance of the e-mails in scope (reads only; the command also writes the per-person traits). */
export async function resonanceReport(
  db: Warehouse,
  scope: ResonanceScope,
  options: ResonanceOptions = {},
): Promise<ResonanceReport> {
  const resolved = await resolveScope(db, scope);
  const sends = await readSends(db, resolved);
  // One person's handful of e-mails: test groups from a smaller count, and say the figures are thin.
  const minSends = options.minSends ?? (resolved.profileId !== null ? 5 : 20);
  return { scope: resolved, ...resonanceOf(sends, { ...options, minSends }) };
}
