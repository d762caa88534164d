/**
 * Replacing a journey's definition while people are in it. The rule (docs/journeys.md, "Editing a journey"):
 * - a person at a step whose id is still in the new definition stays there, with the same due time;
 * - a person at a step that is gone moves to the first step after it, following the old definition's path
 *   (its `next`, else the one below it in the list; a branch's `else`), that the new definition still has,
 *   due at once; when no such step remains, they leave the journey (as if they had reached an exit);
 * - each move is recorded on the profile (a `Journey Step` event with kind `moved`, or `Journey Exited`), and
 *   the journey's version goes up by one; every active position records the version it now belongs to.
 * People who already left keep the version they left under.
 */
import { ClienteleError } from '../errors/index.js';
import { param, sql, type Warehouse } from '../store/index.js';
import { exec, inJsonList, jsonRows, rows } from './db.js';
import { nextOf } from './graph.js';
import { StepLog } from './record.js';
import type { Step } from './schema.js';
import { getJourney, type Journey, readJourneyFile } from './store.js';
import { checkJourney } from './validate.js';

/** Where the people at a removed step go: a surviving step's id, or null (they leave). */
export function survivorOf(old: readonly Step[], kept: ReadonlySet<string>, removed: string): string | null {
  const index = new Map(old.map((s, i) => [s.id, i]));
  const seen = new Set<string>();
  let at = index.get(removed);
  // The old graph had no cycle, but a hand-edited row might: `seen` stops the walk either way.
  while (at !== undefined) {
    const s = old[at]!;
    const step = s.kind === 'branch' ? (s.else ?? old[at + 1]?.id ?? null) : nextOf(old, at);
    if (step === null || seen.has(step)) return null;
    if (kept.has(step)) return step;
    seen.add(step);
    at = index.get(step);
  }
  return null;
}

/** What an update did to the people in the journey. */
export interface JourneyUpdate {
  readonly journey: Journey;
  /** People whose step was removed and who moved to a surviving one. */
  readonly moved: number;
  /** People whose step was removed and who left, nothing after it surviving. */
  readonly exited: number;
  /** People whose step survived and who stayed. */
  readonly stayed: number;
}

/**
 * Checks a new definition as `createJourney` does and puts it in place of the old one (same name, version
 * + 1), moving the people at removed steps by the rule above.
 */
export async function updateJourney(
  db: Warehouse,
  name: string,
  input: unknown,
  file?: string,
  now = new Date(),
): Promise<JourneyUpdate> {
  const current = await getJourney(db, name);
  const def = await checkJourney(db, input, file);
  if (def.name !== name)
    throw new ClienteleError(
      'CLT_ERR_JOURNEY_INVALID',
      `${file ? `${file}: ` : ''}/name: a journey keeps its name ('${name}'); create a new one to rename it`,
      { path: '/name', issues: [{ code: 'invalid', path: '/name', message: 'the name cannot change' }] },
    );
  const version = current.version + 1;
  const kept = new Set(def.steps.map((s) => s.id));
  const positions = await rows<{ id: number; step: string }>(
    db,
    sql`SELECT profile_id AS id, step FROM journey_positions
        WHERE journey = ${param(name)} AND status = 'active' ORDER BY profile_id`,
  );
  const moves: { id: number; from: string; to: string | null }[] = [];
  let stayed = 0;
  for (const p of positions) {
    if (kept.has(p.step)) stayed++;
    else
      moves.push({ id: Number(p.id), from: p.step, to: survivorOf(current.definition.steps, kept, p.step) });
  }
  const at = param(now.toISOString());
  const moving = moves
    .filter((m) => m.to !== null)
    .map((m) => ({ id: m.id, step: m.to, due: now.toISOString() }));
  const leaving = moves.filter((m) => m.to === null).map((m) => m.id);
  await db.transaction(async (tx) => {
    await exec(
      tx,
      sql`UPDATE journeys SET definition = CAST(${param(JSON.stringify(def))} AS JSON), version = ${param(version)}
          WHERE name = ${param(name)}`,
    );
    if (moving.length)
      await exec(
        tx,
        // The due time rides in the rows: DuckDB numbers an UPDATE's FROM parameters before its SET's.
        sql`UPDATE journey_positions SET step = r.step, due_at = CAST(r.due AS TIMESTAMPTZ)
            FROM ${jsonRows(db, param(JSON.stringify(moving)), { id: 'BIGINT', step: 'VARCHAR', due: 'VARCHAR' }, 'r')}
            WHERE journey_positions.journey = ${param(name)} AND journey_positions.profile_id = r.id`,
      );
    if (leaving.length)
      await exec(
        tx,
        sql`UPDATE journey_positions SET step = NULL, status = 'done', due_at = NULL, exited_at = CAST(${at} AS TIMESTAMPTZ)
            WHERE journey = ${param(name)} AND ${inJsonList(db, param(JSON.stringify(leaving)), 'BIGINT', 'profile_id')}`,
      );
    await exec(
      tx,
      sql`UPDATE journey_positions SET version = ${param(version)} WHERE journey = ${param(name)} AND status = 'active'`,
    );
  });
  const log = new StepLog();
  for (const m of moves)
    log.add({
      journey: name,
      profileId: m.id,
      step: m.to ?? m.from,
      kind: m.to === null ? 'exit' : 'moved',
      outcome: m.to === null ? 'exited:removed' : 'moved',
      detail: `step '${m.from}' was removed in version ${version}`,
      at: now,
    });
  await log.flush(db);
  return { journey: await getJourney(db, name), moved: moving.length, exited: leaving.length, stayed };
}

/** Reads a journey file and puts it in place of the journey of the same name (`journeys update --file`). */
export async function updateJourneyFromFile(
  db: Warehouse,
  name: string,
  file: string,
): Promise<JourneyUpdate> {
  return updateJourney(db, name, await readJourneyFile(file), file);
}
