import { createHash } from 'node:crypto';
import { ClienteleError } from '../errors/index.js';
import type { Warehouse } from '../store/index.js';
import { type Experiment, getExperiment } from './store.js';

/**
 * The variant of one person, by hash of (experiment, person): the same every time and on every machine,
 * and unchanged when the segment grows (nobody's draw depends on anybody else's). The first `holdout` per
 * cent of the unit interval is held out; the rest is cut by the weights.
 */
export function variantFor(
  experiment: Pick<Experiment, 'name' | 'variants' | 'weights' | 'holdout'>,
  profileId: number,
): string {
  const digest = createHash('sha256').update(`${experiment.name}\u0000${profileId}`).digest();
  const u = digest.readUIntBE(0, 6) / 2 ** 48;
  const h = experiment.holdout / 100;
  if (u < h) return 'holdout';
  const v = (u - h) / (1 - h);
  const total = experiment.weights.reduce((a, b) => a + b, 0);
  let edge = 0;
  for (let i = 0; i < experiment.variants.length; i++) {
    edge += experiment.weights[i]! / total;
    if (v < edge) return experiment.variants[i]!;
  }
  return experiment.variants[experiment.variants.length - 1]!;
}

/**
 * Records the assignment of every current member of the experiment's segment not yet assigned, at the
 * later of now and the start. Once assigned, a person keeps the variant and the time (intention to treat).
 */
export async function assignMembers(db: Warehouse, name: string): Promise<number> {
  const e = await getExperiment(db, name);
  const fresh = await db.all<{ id: number }>(
    `SELECT m.profile_id AS id FROM segment_membership m
     WHERE m.segment = ? AND m.exited_at IS NULL
       AND m.profile_id NOT IN (SELECT profile_id FROM experiment_assignments WHERE experiment = ?)`,
    [e.segment, name],
  );
  if (fresh.length === 0) return 0;
  const rows = fresh.map((r) => ({ id: Number(r.id), variant: variantFor(e, Number(r.id)) }));
  await db.run(
    `INSERT INTO experiment_assignments
     SELECT ?, r.id, r.variant, greatest(current_timestamp, CAST(? AS TIMESTAMPTZ))
     FROM ${db.dialect.jsonRecords('?', { id: 'BIGINT', variant: 'VARCHAR' }, 'r')}`,
    [name, e.startAt, JSON.stringify(rows)],
  );
  return rows.length;
}

/** The assignments: who is in which variant since when. */
export async function experimentMembers(
  db: Warehouse,
  name: string,
): Promise<{ customerId: string | null; variant: string; assignedAt: string }[]> {
  await assignMembers(db, name);
  return db.all(
    `SELECT p.customer_ids[1] AS "customerId", a.variant, ${db.dialect.formatTime('a.assigned_at', '%Y-%m-%dT%H:%M:%SZ')} AS "assignedAt"
     FROM experiment_assignments a LEFT JOIN profiles p USING (profile_id)
     WHERE a.experiment = ? ORDER BY a.assigned_at, a.profile_id`,
    [name],
  );
}

/** The variant of the person with customer id `customerId` (assigned now if they are a member). */
export async function assignCustomer(
  db: Warehouse,
  name: string,
  customerId: string,
): Promise<{ variant: string; member: boolean }> {
  const e = await getExperiment(db, name);
  const [p] = await db.all<{ id: number }>(
    `SELECT profile_id AS id FROM profiles WHERE ${db.dialect.listContains('customer_ids', 'CAST(? AS VARCHAR)')} ORDER BY profile_id LIMIT 1`,
    [customerId],
  );
  if (!p)
    throw new ClienteleError('CLT_ERR_ACTIVATION_NOT_FOUND', `no profile with customer id '${customerId}'`, {
      customerId,
    });
  await assignMembers(db, name);
  const [stored] = await db.all<{ variant: string }>(
    'SELECT variant FROM experiment_assignments WHERE experiment = ? AND profile_id = ?',
    [name, Number(p.id)],
  );
  return { variant: stored?.variant ?? variantFor(e, Number(p.id)), member: stored !== undefined };
}
