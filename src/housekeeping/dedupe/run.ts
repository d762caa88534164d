/**
 * `clientele dedupe`: probable duplicates that identity resolution cannot join because they share no
 * identifier. Records of the `customers` kind are blocked, compared field by field and scored by a
 * Fellegi–Sunter model fitted on this database (u from random pairs, m by EM); pairs already on one profile
 * are not candidates, and pairs a person rejected are not listed again.
 */

import { mulberry32 } from '../../analytics/classify/random.js';
import { ClienteleError } from '../../errors/index.js';
import { param, raw, sql, type Warehouse } from '../../store/index.js';
import type { Warning } from '../../warnings/index.js';
import { blockPairs } from './blocking.js';
import { COMPARISONS, compare, type PersonRecord } from './compare.js';
import { type FsModel, fitEm, levelShares, matchProbabilities } from './fellegi-sunter.js';

/** One probable duplicate: two people named by a customer id of their records. */
export interface DedupePair {
  a: string;
  b: string;
  probability: number;
  /** The level each comparison fell in (`exact`, `similar`, … or `null` when a side is empty). */
  agreements: Record<string, string>;
}

export interface DedupeResult {
  pairs: DedupePair[];
  records: number;
  candidates: number;
  threshold: number;
  blocking: { rules: readonly string[]; skippedBlocks: number };
  model: {
    lambda: number;
    iterations: number;
    converged: boolean;
    /** Per comparison and level: m, u and the match weight log2(m/u). */
    comparisons: { name: string; levels: { level: string; m: number; u: number; weight: number }[] }[];
  };
  warnings: Warning[];
}

export interface DedupeOptions {
  readonly threshold?: number;
  /** Random pairs drawn to estimate u; seeded, so runs agree. */
  readonly uSample?: number;
  readonly seed?: number;
}

const LEVELS = COMPARISONS.map((c) => c.levels.length);

function clean(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const t = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}@.+-]+/gu, ' ')
    .trim();
  return t === '' ? null : t;
}
const word = (text: string | null): string | null =>
  text === null ? null : text.replace(/[^\p{L}]/gu, '') || null;

/** The person records dedupe compares: one per customer id, with its profile. */
export async function loadRecords(db: Warehouse): Promise<PersonRecord[]> {
  const rows = await db.all<{
    customer_id: string;
    profile_id: bigint;
    first_name: string | null;
    last_name: string | null;
    full_name: string | null;
    email: string | null;
    phone: string | null;
    birth_date: string | null;
    postal_code: string | null;
    city: string | null;
  }>(
    `SELECT c.customer_id, ${db.dialect.anyValue('rp.profile_id')}::BIGINT AS profile_id, ${db.dialect.anyValue('c.first_name')} AS first_name,
       ${db.dialect.anyValue('c.last_name')} AS last_name, ${db.dialect.anyValue('c.full_name')} AS full_name, ${db.dialect.anyValue('c.email')} AS email,
       ${db.dialect.anyValue('c.phone')} AS phone, CAST(${db.dialect.anyValue('c.birth_date')} AS VARCHAR) AS birth_date,
       ${db.dialect.anyValue('c.postal_code')} AS postal_code, ${db.dialect.anyValue('c.city')} AS city
     FROM customers c JOIN record_profiles rp ON rp.record_table = 'customers' AND rp.row_key = c.row_key
     WHERE c.customer_id IS NOT NULL GROUP BY c.customer_id ORDER BY c.customer_id`,
  );
  return rows.map((r) => {
    let first = word(clean(r.first_name));
    let last = word(clean(r.last_name));
    const full = clean(r.full_name)?.split(' ').filter(Boolean) ?? [];
    if (first === null && full.length) first = word(full[0]!);
    if (last === null && full.length > 1) last = word(full[full.length - 1]!);
    const digits = r.phone?.replace(/\D/g, '') ?? '';
    return {
      customerId: r.customer_id,
      profileId: Number(r.profile_id),
      first,
      last,
      email: clean(r.email),
      phone: digits.length >= 7 ? digits : null,
      birthDate: r.birth_date,
      postalCode: r.postal_code ? r.postal_code.toUpperCase().replace(/\s+/g, '') : null,
      city: clean(r.city),
    };
  });
}

/** u from random pairs of records of different profiles. */
function estimateU(records: readonly PersonRecord[], sample: number, seed: number): number[][] {
  const k = COMPARISONS.length;
  const n = records.length;
  const wanted = Math.min(sample, (n * (n - 1)) / 2);
  const vectors = new Int8Array(Math.max(0, wanted) * k);
  const random = mulberry32(seed);
  let got = 0;
  for (let tries = 0; got < wanted && tries < wanted * 4; tries++) {
    const a = Math.floor(random() * n);
    const b = Math.floor(random() * n);
    if (a === b || records[a]!.profileId === records[b]!.profileId) continue;
    compare(records[a]!, records[b]!, vectors, got * k);
    got++;
  }
  return levelShares(vectors.subarray(0, got * k), k, LEVELS);
}

/** Scores the candidate pairs of the database and lists those at or above the threshold. */
export async function findDuplicates(db: Warehouse, options: DedupeOptions = {}): Promise<DedupeResult> {
  const threshold = options.threshold ?? 0.9;
  if (!(threshold >= 0 && threshold <= 1)) {
    throw new ClienteleError(
      'CLT_ERR_DEDUPE_BAD_OPTION',
      `threshold ${threshold}: expected a probability from 0 to 1`,
      { option: 'threshold' },
    );
  }
  const warnings: Warning[] = [];
  const records = await loadRecords(db);
  const blocking = blockPairs(records);
  const k = COMPARISONS.length;
  const pairCount = blocking.pairs.length / 2;
  const vectors = new Int8Array(pairCount * k);
  for (let p = 0; p < pairCount; p++)
    compare(records[blocking.pairs[2 * p]!]!, records[blocking.pairs[2 * p + 1]!]!, vectors, p * k);
  const u = estimateU(records, options.uSample ?? 20_000, options.seed ?? 17);
  // EM within the candidates (u free there, since blocked non-matches agree on the blocked fields), then the
  // score of a pair: m from EM, u from random pairs, and the prior of two random records being one person.
  const fitted = fitEm(vectors, k, LEVELS, levelShares(vectors, k, LEVELS), { fixU: false, lambda: 0.1 });
  const n = records.length;
  const allPairs = Math.max(1, (n * (n - 1)) / 2);
  const model: FsModel = {
    ...fitted,
    u,
    lambda: Math.min(0.5, Math.max(1e-9, (fitted.lambda * pairCount) / allPairs)),
  };
  if (pairCount < 50) {
    warnings.push({
      code: 'CLT_WARN_DEDUPE_THIN',
      message: `${pairCount} candidate pairs: too few for EM to learn how duplicates differ; the probabilities lean on its starting values`,
    });
  }
  const probability = matchProbabilities(model, vectors, k);
  const rejected = new Set(
    (
      await db.all<{ a: string; b: string }>(
        "SELECT a, b FROM dedupe_decisions WHERE decision = 'rejected' AND undone_at IS NULL",
      )
    ).map((r) => pairKey(r.a, r.b)),
  );
  // One line per pair of people: the best-scoring pair of their records.
  const best = new Map<string, DedupePair>();
  for (let p = 0; p < pairCount; p++) {
    const pr = probability[p]!;
    if (pr < threshold) continue;
    const ra = records[blocking.pairs[2 * p]!]!;
    const rb = records[blocking.pairs[2 * p + 1]!]!;
    if (rejected.has(pairKey(ra.customerId, rb.customerId))) continue;
    const people =
      ra.profileId < rb.profileId ? `${ra.profileId}:${rb.profileId}` : `${rb.profileId}:${ra.profileId}`;
    const seen = best.get(people);
    if (seen && seen.probability >= pr) continue;
    const [a, b] = ra.customerId < rb.customerId ? [ra, rb] : [rb, ra];
    best.set(people, {
      a: a.customerId,
      b: b.customerId,
      probability: Math.round(pr * 1e6) / 1e6,
      agreements: Object.fromEntries(
        COMPARISONS.map((c, i) => {
          const l = vectors[p * k + i]!;
          return [c.name, l < 0 ? 'null' : c.levels[l]!];
        }),
      ),
    });
  }
  const pairs = [...best.values()].sort((x, y) => y.probability - x.probability || x.a.localeCompare(y.a));
  return {
    pairs,
    records: records.length,
    candidates: pairCount,
    threshold,
    blocking: { rules: blocking.rules, skippedBlocks: blocking.skippedBlocks },
    model: describeModel(model),
    warnings,
  };
}

function describeModel(model: FsModel): DedupeResult['model'] {
  const r = (x: number) => Math.round(x * 1e6) / 1e6;
  return {
    lambda: r(model.lambda),
    iterations: model.iterations,
    converged: model.converged,
    comparisons: COMPARISONS.map((c, i) => ({
      name: c.name,
      levels: c.levels.map((level, l) => ({
        level,
        m: r(model.m[i]![l]!),
        u: r(model.u[i]![l]!),
        weight: r(Math.log2(model.m[i]![l]! / model.u[i]![l]!)),
      })),
    })),
  };
}

/** A pair's key, whatever the order it is named in. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0001${b}` : `${b}\u0001${a}`;
}

/** The profile of the person a customer id names, or an error naming the id. */
export async function profileOfCustomer(db: Warehouse, customerId: string): Promise<number> {
  const q = sql`SELECT ${raw(db.dialect.anyValue('rp.profile_id'))}::BIGINT AS p FROM customers c
    JOIN record_profiles rp ON rp.record_table = 'customers' AND rp.row_key = c.row_key
    WHERE c.customer_id = ${param(customerId)}`;
  const [row] = await db.all<{ p: bigint | null }>(q.text, q.params);
  if (row?.p === null || row?.p === undefined) {
    throw new ClienteleError('CLT_ERR_DEDUPE_UNKNOWN_RECORD', `no customer record has the id ${customerId}`, {
      customerId,
    });
  }
  return Number(row.p);
}
