/**
 * `clientele cluster` as a service: reads the named features of every stored profile (columns, traits,
 * model scores), encodes them, fits k-means (k given or chosen by silhouette), checks stability, and saves
 * each cluster as a list segment PREFIX-1 … PREFIX-k, largest first, with the run in its definition. The
 * only file of this folder that touches the warehouse.
 */
import { shrinkShares } from '../analytics/stats/index.js';
import { ClienteleError } from '../errors/index.js';
import {
  compileExpression,
  deleteSegment,
  resolveField,
  saveStaticSegment,
  segmentSchema,
  unknownFieldMessage,
} from '../segments/index.js';
import type { NumericColumn, SqlValue, Warehouse } from '../store/index.js';
import { identifier } from '../store/sql.js';
import type { Warning } from '../warnings/index.js';
import {
  BEHAVIOUR,
  type BehaviourGroup,
  behaviourSums,
  type FeatureSpec,
  MAX_LEVELS,
  parseFeature,
  topLevelsSql,
} from './behaviour.js';
import {
  decodeCentre,
  type EncodedFeature,
  type Encoding,
  encodeFeatures,
  type FeatureInput,
} from './encode.js';
import { type ChooseKResult, chooseK, clusterWithK, type KScore } from './select.js';
import { type Stability, stability } from './stability.js';
import { clusterWarnings } from './warnings.js';

/** Options of `clusterProfiles`. */
export interface ClusterOptions {
  /**
   * Profile columns, traits or model scores to cluster on, or behavioural groups (`categories`,
   * `order_channels`, `hours`, `weekdays`, `devices`; `categories:8`, `hours:4` set their parameter); `NAME*W`
   * weighs a feature W times.
   */
  readonly features: readonly string[];
  /** A number, or 'auto' (default) for the best silhouette over k = 2 … 8. */
  readonly k?: number | 'auto';
  /** Segment names are PREFIX-1 … PREFIX-k ('cluster' by default). */
  readonly prefix?: string;
  readonly seed?: number;
  /** Only the profiles a segment rule selects (the text form, e.g. "orders >= 1"). */
  readonly where?: string;
  /** Bootstrap refits for the stability check (5 by default; 0 skips it). */
  readonly resamples?: number;
  /** Time zone of `hours` and `weekdays` (IANA name, UTC by default). */
  readonly timeZone?: string;
  /**
   * Pseudo-observations of the everyone's-average shares added to each person's behavioural shares
   * (`SHRINK` by default): one order is weak evidence of a taste, so it moves a person less far from the mean.
   */
  readonly shrink?: number;
}

/** Default pseudo-observations added to behavioural shares (see `ClusterOptions.shrink`). */
export const SHRINK = 2;

/** One saved cluster. */
export interface ClusterSegment {
  readonly name: string;
  readonly count: number;
  readonly share: number;
  /** The cluster's centre in the features' units (log-scaled features: the geometric centre), shares for categories. */
  readonly centre: Record<string, number | Record<string, number>>;
}

/** What a clustering did. */
export interface ClusterRun {
  readonly k: number;
  readonly silhouette: number;
  readonly segments: readonly ClusterSegment[];
  readonly runId: string;
  readonly profiles: number;
  /** Why this k, and the silhouette, inertia and iterations of every k tried. */
  readonly chosenBecause: string;
  readonly silhouettes: readonly KScore[];
  readonly stability: Stability | null;
  /** How each feature was read and encoded (transform, missing values filled with the median …). */
  readonly features: readonly (EncodedFeature & { readonly source: string })[];
  /** Missing values filled, by feature. */
  readonly imputed: Record<string, number>;
  readonly seed: number;
  readonly seconds: number;
  /** Tiny clusters, overlapping clusters, an unstable partition (see `CLUSTER_LIMITS`). */
  readonly warnings: readonly Warning[];
}

/** Clusters the profiles on `features` and saves each cluster as a segment. */
export async function clusterProfiles(db: Warehouse, options: ClusterOptions): Promise<ClusterRun> {
  const started = performance.now();
  const prefix = options.prefix ?? 'cluster';
  const seed = options.seed ?? 0;
  const k = options.k ?? 'auto';
  const { ids, encoding, specs, sources, tz, shrink } = await profileFeatures(db, options);
  const fewest = k === 'auto' ? 3 : k;
  if (ids.length < Math.max(2, fewest)) {
    throw new ClienteleError(
      'CLT_ERR_CLUSTER_NO_DATA',
      `${ids.length} profiles: too few to make ${k === 'auto' ? 'clusters' : `${k} clusters`}`,
    );
  }
  const behavioural = specs.some((f) => BEHAVIOUR[f.name]);
  const chosen: ChooseKResult =
    k === 'auto'
      ? await chooseK(encoding.matrix, { seed, kMax: Math.min(8, ids.length - 1) })
      : await clusterWithK(encoding.matrix, k, { seed });
  const checked =
    (options.resamples ?? 5) > 0
      ? await stability(encoding.matrix, chosen.fit.labels, chosen.k, {
          seed,
          resamples: options.resamples ?? 5,
        })
      : null;
  // Largest cluster first, so that PREFIX-1 is the biggest and names do not depend on k-means++'s draws.
  const order = chosen.fit.sizes.map((n, c) => ({ n, c })).sort((a, b) => b.n - a.n || a.c - b.c);
  const rank = new Int32Array(chosen.k);
  for (const [i, o] of order.entries()) rank[o.c] = i;
  const runId = new Date().toISOString();
  const cols = encoding.matrix.cols;
  const segments = order.map(({ n, c }, i) => ({
    name: `${prefix}-${i + 1}`,
    count: n,
    share: n / ids.length,
    centre: decodeCentre(encoding, chosen.fit.centres.subarray(c * cols, (c + 1) * cols)),
  }));
  const features = encoding.features.map((f, i) => ({ ...f, source: sources[i]! }));
  const imputed = Object.fromEntries(
    encoding.features.filter((f) => f.missing > 0).map((f) => [f.name, f.missing]),
  );
  const warnings = clusterWarnings(segments, chosen.silhouette, checked);
  const summary = {
    runId,
    prefix,
    features: specs.map((f) => f.text),
    ...(behavioural && { timeZone: tz, shrink }),
    k: chosen.k,
    silhouette: chosen.silhouette,
    silhouettes: chosen.scores,
    chosenBecause: chosen.reason,
    stability: checked,
    seed,
    profiles: ids.length,
    warnings,
  };
  await saveClusters(
    db,
    prefix,
    ids,
    Array.from(chosen.fit.labels, (c) => rank[c]! + 1),
    segments,
    summary,
  );
  return {
    k: chosen.k,
    silhouette: chosen.silhouette,
    segments,
    runId,
    profiles: ids.length,
    chosenBecause: chosen.reason,
    silhouettes: chosen.scores,
    stability: checked,
    features,
    imputed,
    seed,
    seconds: (performance.now() - started) / 1000,
    warnings,
  };
}

/** The encoded features of the profiles `options` selects (ids in profile order), as `clusterProfiles` reads them. */
export async function profileFeatures(
  db: Warehouse,
  options: Pick<ClusterOptions, 'features' | 'where' | 'timeZone' | 'shrink'>,
): Promise<{
  ids: (number | bigint)[];
  encoding: Encoding;
  specs: FeatureSpec[];
  sources: string[];
  tz: string;
  shrink: number;
}> {
  const tz = options.timeZone ?? 'UTC';
  // Letters, digits, `/`, `_`, `+`, `-` only, as `--tz` elsewhere; the engine checks that the zone exists.
  if (!/^[A-Za-z][A-Za-z0-9_/+-]{0,63}$/.test(tz))
    throw new ClienteleError(
      'CLT_ERR_USAGE',
      `tz ${tz}: expected an IANA time zone such as America/Chicago`,
      { option: 'tz' },
    );
  const shrink = options.shrink ?? SHRINK;
  if (!(shrink >= 0 && Number.isFinite(shrink)))
    throw new ClienteleError('CLT_ERR_USAGE', `shrink ${shrink}: expected a number ≥ 0`);
  const specs = parseFeatures(options.features);
  const plain = specs.filter((f) => !BEHAVIOUR[f.name]);
  const {
    select,
    params,
    kinds,
    sources: plainSources,
  } = await featureQuery(
    db,
    plain.map((f) => f.name),
  );
  const groups: { spec: FeatureSpec; group: BehaviourGroup; levels: string[]; alias: string }[] = [];
  const joins: string[] = [];
  const selects = [...select];
  for (const spec of specs) {
    const group = BEHAVIOUR[spec.name];
    if (!group) continue;
    const n = spec.parameter ?? group.parameter?.default ?? MAX_LEVELS;
    const fixed = group.levels?.(n);
    let levels: string[];
    if (fixed) levels = [...fixed];
    else {
      const all = await db.all<{ level: string }>(topLevelsSql(group, tz, n));
      levels = all.slice(0, n).map((r) => String(r.level));
      if (all.length > n) levels.push('other');
    }
    if (levels.length === 0)
      throw new ClienteleError('CLT_ERR_CLUSTER_NO_DATA', `feature '${spec.name}': no ${group.description}`);
    const alias = `g${groups.length}`;
    const sums = behaviourSums(group, tz, n, levels, fixed !== undefined, db.dialect);
    joins.push(`LEFT JOIN (${sums.sql}) ${alias} ON ${alias}.profile_id = p.profile_id`);
    params.push(...sums.params);
    selects.push(
      ...levels.map((_, l) => `${alias}.l${l} AS ${alias}_l${l}`),
      `${alias}.observations AS ${alias}_n`,
      `${alias}.total AS ${alias}_total`,
    );
    groups.push({ spec, group, levels, alias });
  }
  let filter = '';
  if (options.where !== undefined) {
    const rule = await compileExpression(db, options.where);
    filter = `WHERE p.profile_id IN (SELECT profile_id FROM (${rule.sql}) w)`;
    params.push(...(rule.params as SqlValue[]));
  }
  // Read straight from the result vectors: numbers as typed arrays (NULL is NaN), categories as text.
  const columns = await db.numbers(
    `SELECT ${['p.profile_id AS id', ...selects].join(', ')} FROM profiles p ${joins.join(' ')} ${filter} ORDER BY p.profile_id`,
    params,
  );
  const ids = Array.from(columns.id ?? [], Number);
  const inputs: FeatureInput[] = specs.map((spec) => {
    const g = groups.find((x) => x.spec === spec);
    if (g) return sharesInput(spec, g.levels, g.alias, columns, ids.length, shrink);
    const i = plain.indexOf(spec);
    const values = columns[`f${i}`] ?? [];
    return kinds[i] === 'number'
      ? {
          kind: 'numeric',
          name: spec.name,
          weight: spec.weight,
          values: values instanceof Float64Array ? values : Float64Array.from(values as ArrayLike<number>),
        }
      : {
          kind: 'categorical',
          name: spec.name,
          weight: spec.weight,
          values: Array.isArray(values)
            ? values
            : Array.from(values, (v: number) => (Number.isFinite(v) ? String(v) : null)),
        };
  });
  for (const input of inputs) {
    const present = Array.prototype.some.call(input.values, (v: unknown) =>
      typeof v === 'number' ? Number.isFinite(v) : v !== null,
    );
    if (!present)
      throw new ClienteleError(
        'CLT_ERR_CLUSTER_NO_DATA',
        `feature '${input.name}' has no value in any of the ${ids.length} profiles`,
      );
  }
  const encoding = encodeFeatures(inputs);
  const sources = specs.map((spec) =>
    BEHAVIOUR[spec.name] ? 'behaviour' : plainSources[plain.indexOf(spec)]!,
  );
  return { ids, encoding, specs, sources, tz, shrink };
}

// The `--features` entries, parsed and deduplicated; a bad weight or parameter is a usage error.
function parseFeatures(list: readonly string[]): FeatureSpec[] {
  const specs: FeatureSpec[] = [];
  for (const text of list) {
    if (text.trim().length === 0) continue;
    let spec: FeatureSpec;
    try {
      spec = parseFeature(text);
    } catch (error) {
      throw new ClienteleError('CLT_ERR_USAGE', `features: ${(error as Error).message}`, {
        option: 'features',
      });
    }
    if (!specs.some((s) => s.name === spec.name)) specs.push(spec);
  }
  if (specs.length === 0)
    throw new ClienteleError('CLT_ERR_CLUSTER_UNKNOWN_FEATURE', 'name at least one feature');
  return specs;
}

// A behavioural group's shares per profile, pulled towards everyone's mean shares by `shrink`
// pseudo-observations (shrinkShares in src/analytics/stats).
// Profiles with no observation are missing (NaN), which the encoding sets to the mean shares.
function sharesInput(
  spec: FeatureSpec,
  levels: readonly string[],
  alias: string,
  columns: Record<string, NumericColumn>,
  rows: number,
  shrink: number,
): FeatureInput {
  const width = levels.length;
  const values = new Float64Array(rows * width).fill(Number.NaN);
  // An absent level's sum (NULL, read as NaN) counts 0, as does an absent count.
  const at = (column: NumericColumn | undefined, r: number): number => {
    const v = column?.[r];
    return typeof v === 'number' && Number.isFinite(v) ? v : 0;
  };
  const sums = levels.map((_, l) => columns[`${alias}_l${l}`]);
  const observations = columns[`${alias}_n`];
  const totals = columns[`${alias}_total`];
  const counts = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const total = at(totals, r);
    if (!(total > 0)) continue;
    counts[r] = at(observations, r);
    for (let l = 0; l < width; l++) values[r * width + l] = at(sums[l], r) / total;
  }
  shrinkShares(values, width, counts, shrink);
  return { kind: 'shares', name: spec.name, levels, values, weight: spec.weight };
}

// One select expression per feature, f0 … fN, with bound values only: a column's name comes from the
// fixed list of profile columns, a trait's key is bound as a JSON path, a score's name as a value.
async function featureQuery(
  db: Warehouse,
  names: readonly string[],
): Promise<{ select: string[]; params: SqlValue[]; kinds: string[]; sources: string[] }> {
  if (names.length === 0) return { select: [], params: [], kinds: [], sources: [] };
  const schema = await segmentSchema(db, new Set(names));
  const parts: string[] = [];
  const params: SqlValue[] = [];
  const kinds: string[] = [];
  const sources: string[] = [];
  names.forEach((name, i) => {
    const field = resolveField(schema, name);
    if (field === undefined) {
      throw new ClienteleError(
        'CLT_ERR_CLUSTER_UNKNOWN_FEATURE',
        `${unknownFieldMessage(schema, name).replace(/^unknown field/, 'unknown feature')} (a profile column, trait, model score, or behaviour: ${Object.keys(BEHAVIOUR).join(', ')})`,
        { feature: name },
      );
    }
    // The canonical name: `income` typed, the trait `income` read; `customer_state` typed, the column `region`.
    const key = field.name;
    kinds.push(field.type);
    sources.push(field.source);
    const number = field.type === 'number';
    if (field.source === 'column') {
      parts.push(
        number
          ? `CAST(p.${identifier(key).text} AS DOUBLE) AS f${i}`
          : `CAST(p.${identifier(key).text} AS VARCHAR) AS f${i}`,
      );
    } else if (field.source === 'trait') {
      parts.push(
        number
          ? `${db.dialect.jsonNumberAt('p.traits', '?')} AS f${i}`
          : `${db.dialect.jsonTextAt('p.traits', '?')} AS f${i}`,
      );
      params.push(db.dialect.jsonKeyParam(key));
    } else {
      // A model score: the profile's value in the latest run that wrote it (customer_key is the profile id as text).
      parts.push(
        `(SELECT ${number ? 's.value' : 's.label'} FROM customer_scores s WHERE s.score = ? AND s.customer_key = CAST(p.profile_id AS VARCHAR)
          AND s.run_id = (SELECT max(run_id) FROM customer_scores WHERE score = ?)) AS f${i}`,
      );
      params.push(key, key);
    }
  });
  return { select: parts, params, kinds, sources };
}

// Writes the memberships once into a scratch table on a connection of its own, then saves each cluster
// from it; clusters of an earlier run of the same prefix beyond k are deleted (emptied when a rule names them).
async function saveClusters(
  db: Warehouse,
  prefix: string,
  ids: readonly (number | bigint)[],
  clusters: readonly number[],
  segments: readonly ClusterSegment[],
  run: Record<string, unknown>,
): Promise<void> {
  await db.session(async (s) => {
    await s.run('DROP TABLE IF EXISTS cluster_members');
    await s.run('CREATE TEMP TABLE cluster_members (profile_id BIGINT, cluster INTEGER)');
    await s.append('cluster_members', [
      { kind: 'int', values: ids.map(Number) },
      { kind: 'int', values: clusters },
    ]);
    const features = (run.features as string[]).join(', ');
    for (const [i, segment] of segments.entries()) {
      await saveStaticSegment(
        s,
        {
          name: segment.name,
          kind: 'cluster',
          description: `cluster ${i + 1} of ${segments.length} on ${features} (k-means, run ${run.runId})`,
          definition: {
            ...run,
            cluster: i + 1,
            size: segment.count,
            share: segment.share,
            centre: segment.centre,
          },
        },
        { sql: 'SELECT profile_id FROM cluster_members WHERE cluster = ?', params: [i + 1] },
      );
    }
    const old = await s.all<{ name: string }>(
      "SELECT name FROM segments WHERE kind = 'cluster' AND starts_with(name, ?)",
      [`${prefix}-`],
    );
    for (const { name } of old) {
      const n = name.slice(prefix.length + 1);
      if (!/^\d+$/.test(n) || Number(n) <= segments.length) continue;
      try {
        await deleteSegment(s, name);
      } catch (error) {
        if (!(error instanceof ClienteleError)) throw error;
        await saveStaticSegment(
          s,
          {
            name,
            kind: 'cluster',
            description: `emptied: run ${run.runId} made ${segments.length} clusters`,
            definition: { ...run, emptied: true },
          },
          { sql: 'SELECT profile_id FROM cluster_members WHERE false' },
        );
      }
    }
    await s.run('DROP TABLE cluster_members');
  });
}
