import { ClienteleError } from '../../errors/index.js';
import { type Locale, type Speaker, saidWarning, speaker } from '../../i18n/index.js';
import { timeZone } from '../../mining/options.js';
import { shopCurrency } from '../../reports/currency.js';
import { saveStaticSegment } from '../../segments/index.js';
import { measure as defined } from '../../semantics/index.js';
import type { Warehouse } from '../../store/index.js';
import { requireSegment, withFeatures } from '../groups.js';
import { createMembers, dropMany, measureMany, sizesOf } from '../many.js';
import { buildPersona, type PersonaFigures, THRESHOLDS } from './build.js';
import {
  type CachedPersonas,
  type EarlierPersonas,
  personaAskedKey,
  personaCacheKey,
  readLatestPersonas,
  readPersonaCache,
  writePersonaCache,
} from './cache.js';
import { applyEdit, loadEdit } from './edits.js';
import { seedOf, type TakenIdentities, uniqueIdentity } from './identity.js';
import { factsOfMany } from './many-facts.js';
import { applyPlaybook, DEFAULT_PLAYBOOK, type PlaybookRule, playbookFigures } from './playbook.js';
import type { Persona, PersonaVoice, Stage } from './types.js';
import { FEW_TEXTS, personaVoices } from './voice.js';

/**
 * What is kept of a persona (in the cache): the measured figures and the choices made from them (name,
 * face, voice), no sentence. Sentences are said from these at answer time in the asker's language, so one
 * cached computation serves every language.
 */
export interface PersonaFacts {
  readonly figures: PersonaFigures;
  readonly name: string;
  readonly avatar: string;
  readonly voice: PersonaVoice;
}

const NO_VOICE: PersonaVoice = {
  documents: 0,
  sampled: 0,
  terms: [],
  quotes: [],
  sentiment: { mean: null, negativeShare: null, positiveShare: null },
};

/**
 * The facts of `segments` with their members' own words, each against the others' (or everyone else's,
 * alone). The words are read and counted while the figures are measured: counting them is JavaScript work
 * on this thread, the figures mostly the engine's on its own threads (issue 13: one after the other, the
 * cold build waited for both).
 */
async function withVoices(
  db: Warehouse,
  segments: readonly string[],
  measure: () => Promise<Omit<PersonaFacts, 'voice'>[]>,
): Promise<PersonaFacts[]> {
  const voicing = personaVoices(db, segments);
  // Handled at once: a failure while the figures are still measured would otherwise be an unhandled
  // rejection (which ends the process) before it is awaited below.
  voicing.catch(() => {});
  let facts: Omit<PersonaFacts, 'voice'>[];
  try {
    facts = await measure();
  } catch (error) {
    // The measuring's error is the one said (an unknown segment); the words' queries end before it is.
    await voicing.catch(() => {});
    throw error;
  }
  const voices = await voicing;
  return facts.map((f) => ({ ...f, voice: voices.get(f.figures.segment)?.voice ?? NO_VOICE }));
}

/** How personas are generated. */
export interface PersonaOptions {
  /** Segments whose names start with this; default: the segments of the last clustering. */
  readonly segments?: string;
  /** Personas of the sales-cycle stages instead (stage segments are saved as `stage-…`). */
  readonly byStage?: boolean;
  /** Time zone of active hours and days (default UTC). */
  readonly timeZone?: string;
  readonly playbook?: readonly PlaybookRule[];
  /** The language of the sentences (default English); the figures are the same in every language. */
  readonly locale?: Locale;
}

/** Where the personas of some options are (or will be) kept: the cache key and the segments it covers. */
export interface PersonaJob {
  readonly key: string;
  /** The question alone, the same across data states (cache.ts `personaAskedKey`). */
  readonly asked: string;
  /** The selected segments; null for stage personas (their segments are saved when computed). */
  readonly names: readonly string[] | null;
  readonly options: PersonaOptions;
}

/** The cache key of `options` (a few quick queries), the first step of {@link generatePersonas}. */
export async function personaJob(db: Warehouse, options: PersonaOptions = {}): Promise<PersonaJob> {
  // The playbook and the language only shape sentences, said at answer time: not part of the key.
  // Stage segments follow the profiles alone, so their key needs no segment versions (and a hit saves none).
  const names = options.byStage ? null : await selectSegments(db, options.segments);
  // The segments are named in the key by what they are: a prefix that selects the same segments as another
  // (the gallery's `repeat`, the report's every segment) reads the same personas.
  const settings = { byStage: options.byStage ?? false, timeZone: options.timeZone ?? 'UTC' };
  return {
    key: await personaCacheKey(db, names, settings),
    asked: personaAskedKey(names, settings),
    names,
    options,
  };
}

/** The personas' facts of `job` (and the shop's currency) from the cache, if there. */
export function cachedPersonaFacts(db: Warehouse, job: PersonaJob): Promise<CachedPersonas | null> {
  return readPersonaCache(db, job.key);
}

/**
 * The newest personas' facts kept for the same question as `job` in an earlier state of the data or segments
 * (never `job`'s own: look that up first with {@link cachedPersonaFacts}), with when they were computed.
 */
export async function earlierPersonaFacts(db: Warehouse, job: PersonaJob): Promise<EarlierPersonas | null> {
  return readLatestPersonas(db, job.asked);
}

/** Computes the personas' facts of `job` (the long part) and stores them, with the currency, in the cache. */
export async function computePersonaFacts(db: Warehouse, job: PersonaJob): Promise<CachedPersonas> {
  const selected = job.names ?? (await saveStageSegments(db));
  const personas = await withVoices(db, selected, () => factsOf(db, selected, job.options));
  const generated = { currency: await shopCurrency(db), personas };
  await writePersonaCache(db, job.key, generated, job.asked);
  return generated;
}

/** The personas said from their facts in `options.locale`, with people's edits applied. */
export async function sayPersonas(
  db: Warehouse,
  generated: CachedPersonas,
  options: PersonaOptions = {},
): Promise<Persona[]> {
  const s = speaker(options.locale ?? 'en', generated.currency);
  const out: Persona[] = [];
  for (const f of generated.personas)
    out.push(applyEdit(sayPersona(f, options, s), await loadEdit(db, f.figures.segment)));
  return out;
}

/** The personas of the selected segments, in segment-name order (stage order with byStage). */
export async function generatePersonas(db: Warehouse, options: PersonaOptions = {}): Promise<Persona[]> {
  const job = await personaJob(db, options);
  const generated = (await cachedPersonaFacts(db, job)) ?? (await computePersonaFacts(db, job));
  return sayPersonas(db, generated, options);
}

/** The persona of one saved segment, with people's edits applied. */
export async function personaOf(
  db: Warehouse,
  segment: string,
  options: PersonaOptions = {},
  taken: TakenIdentities = { names: new Set(), avatars: new Set() },
): Promise<Persona> {
  const [facts] = await withVoices(db, [segment], () => factsOf(db, [segment], options, taken));
  const s = speaker(options.locale ?? 'en', await shopCurrency(db));
  return applyEdit(sayPersona(facts!, options, s), await loadEdit(db, segment));
}

/**
 * What is measured and chosen for saved segments' personas, all measured in one pass (many.ts and
 * many-facts.ts) on one connection, so the per-profile tables are built once.
 */
async function factsOf(
  db: Warehouse,
  segments: readonly string[],
  options: PersonaOptions,
  // No two personas of a run share a name or a face: a later one whose draw is taken draws again.
  taken: TakenIdentities = { names: new Set(), avatars: new Set() },
): Promise<Omit<PersonaFacts, 'voice'>[]> {
  for (const segment of segments) await requireSegment(db, segment);
  const tz = timeZone(options.timeZone ?? 'UTC');
  const measured = await withFeatures(db, async (s) => {
    await createMembers(s, segments);
    try {
      const sizes = await sizesOf(s, segments);
      return { all: await measureMany(s, segments, sizes), facts: await factsOfMany(s, segments, tz) };
    } finally {
      await dropMany(s);
    }
  });
  return segments.map((segment) => {
    const facts = measured.facts.get(segment)!;
    const figures: PersonaFigures = {
      segment,
      measured: measured.all.get(segment)!,
      orders: facts.orders,
      acquisition: facts.acquisition,
      funnel: facts.funnel,
      complaints: facts.complaints,
      objections: facts.objections,
      sources: facts.sources,
      times: { ...facts.times, timeZone: tz },
      decision: facts.decision,
    };
    return { figures, ...identityOf(segment, figures, taken) };
  });
}

/** The invented name and face of a segment's persona. */
function identityOf(
  segment: string,
  figures: PersonaFigures,
  taken: TakenIdentities,
): { name: string; avatar: string } {
  // A segment too small for findings gets a name and face that do not claim its dominant gender or country.
  const tooSmall = figures.measured.sizes.a < THRESHOLDS.minMembers;
  const gender = tooSmall ? undefined : figures.measured.distributions.demographics?.gender?.[0];
  const country = tooSmall ? undefined : figures.measured.distributions.geography?.country?.[0];
  // A dominant gender when the data has one, else one drawn from the segment's name, so that the invented
  // first name and the face agree.
  const dominant =
    gender && (gender.share ?? 0) >= 0.55 && (gender.value === 'female' || gender.value === 'male')
      ? gender.value
      : null;
  const personaGender = dominant ?? (seedOf(segment) % 2 === 0 ? 'female' : 'male');
  const { name, avatar } = uniqueIdentity(
    segment,
    personaGender,
    country && (country.share ?? 0) >= 0.5 ? country.value : null,
    taken,
  );
  return { name, avatar };
}

/** A persona said from its facts in the speaker's language: statements, summary, playbook, warnings. */
function sayPersona(f: PersonaFacts, options: PersonaOptions, s: Speaker): Persona {
  const { figures } = f;
  const generated = buildPersona(figures, s);
  // A segment too small for findings gets no playbook action (a rule quotes its figures as the reason).
  const tooSmall = generated.warnings.some((w) => w.code === 'CLT_WARN_PERSONA_SMALL_SEGMENT');
  const sizes = figures.measured.sizes;
  const actions = tooSmall
    ? []
    : applyPlaybook(
        options.playbook ?? DEFAULT_PLAYBOOK,
        playbookFigures(
          generated,
          {
            clvRestMean: figures.measured.numbers.clv?.restMean ?? null,
            restBuyerShare: sizes.b ? figures.measured.totals.b.buyers / sizes.b : null,
            orders: figures.measured.totals.a.orders,
          },
          s,
        ),
        s,
      );
  // A segment already too small for findings says so once: its few texts need no second warning.
  const warnings = [
    ...generated.warnings,
    ...(tooSmall || f.voice.documents >= FEW_TEXTS
      ? []
      : [saidWarning('CLT_WARN_TEXT_FEW_DOCUMENTS', s.t('warn.voiceFew', { n: f.voice.documents }))]),
    // Terms and quotes read from a sample (voice.ts) say so, with how many texts were read.
    ...(f.voice.sampled < f.voice.documents
      ? [
          saidWarning(
            'CLT_WARN_PERSONA_VOICE_SAMPLED',
            s.t('warn.voiceSampled', { sampled: f.voice.sampled, documents: f.voice.documents }),
          ),
        ]
      : []),
  ];
  const persona: Persona = {
    ...generated,
    name: f.name,
    avatar: f.avatar,
    actions,
    notes: null,
    edited: [],
    voice: f.voice,
    warnings,
  };
  // Field order as documented: the shape scripts read first, then the extras.
  const ordered: Persona = {
    segment: persona.segment,
    size: persona.size,
    name: persona.name,
    avatar: persona.avatar,
    summary: persona.summary,
    stage: persona.stage,
    decisionMaker: persona.decisionMaker,
    preferredChannel: persona.preferredChannel,
    triggers: persona.triggers,
    holdbacks: persona.holdbacks,
    infoSources: persona.infoSources,
    activeTimes: persona.activeTimes,
    negative: persona.negative,
    evidence: persona.evidence,
    topProducts: persona.topProducts,
    value: persona.value,
    demographics: persona.demographics,
    actions: persona.actions,
    notes: persona.notes,
    edited: persona.edited,
    decisionMakerShare: persona.decisionMakerShare,
    unsupported: persona.unsupported,
    voice: persona.voice,
    warnings: persona.warnings,
  };
  return ordered;
}

/** Segments by name prefix, or those of the last clustering (kind 'cluster', the newest run's prefix). */
export async function selectSegments(db: Warehouse, prefix?: string): Promise<string[]> {
  if (prefix !== undefined) {
    const rows = await db.all<{ name: string }>(
      'SELECT name FROM segments WHERE starts_with(name, ?) ORDER BY name',
      [prefix],
    );
    if (!rows.length) {
      throw new ClienteleError(
        'CLT_ERR_PERSONA_NO_SEGMENTS',
        `no saved segment's name starts with '${prefix}'`,
      );
    }
    return rows.map((r) => r.name);
  }
  const clusters = await db.all<{ name: string }>(
    `SELECT name FROM segments WHERE kind = 'cluster' ORDER BY refreshed_at DESC NULLS LAST, name DESC`,
  );
  const newest = clusters[0]?.name;
  if (newest === undefined) {
    throw new ClienteleError(
      'CLT_ERR_PERSONA_NO_SEGMENTS',
      'no clustering has been saved yet, and no segments prefix was given',
      { option: 'segments' },
    );
  }
  // A clustering saves PREFIX-1 … PREFIX-k (docs/segments.md); the newest cluster names its run's prefix.
  const runPrefix = newest.replace(/-\d+$/, '');
  const own = clusters
    .map((c) => c.name)
    .filter(
      (n) => n === newest || (n.startsWith(`${runPrefix}-`) && /^\d+$/.test(n.slice(runPrefix.length + 1))),
    );
  return own.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** The sales-cycle stages, in order, with the profile rule of each (recency counted to the data's last day). */
export const STAGE_SEGMENTS: readonly { stage: Stage; name: string; where: string }[] = [
  { stage: 'prospect', name: 'stage-prospect', where: 'orders = 0' },
  { stage: 'first purchase', name: 'stage-first-purchase', where: 'orders = 1 AND days_since < 180' },
  { stage: 'repeat', name: 'stage-repeat', where: 'orders BETWEEN 2 AND 4 AND days_since < 180' },
  { stage: 'loyal', name: 'stage-loyal', where: 'orders >= 5 AND days_since < 180' },
  { stage: 'lapsing', name: 'stage-lapsing', where: 'orders >= 1 AND days_since >= 180' },
];

/** Saves (or refreshes) one list segment per sales-cycle stage and returns their names in stage order. */
export async function saveStageSegments(db: Warehouse): Promise<string[]> {
  for (const s of STAGE_SEGMENTS) {
    await saveStaticSegment(
      db,
      {
        name: s.name,
        kind: 'stage',
        description: `sales-cycle stage ${s.stage}: ${s.where.replace('days_since', 'days since the last order')}`,
        definition: { stage: s.stage, rule: s.where },
      },
      {
        sql: `SELECT profile_id FROM (SELECT profile_id, orders,
          coalesce(${defined('days_since_last_order', 'profiles', db.dialect)}, 0) AS days_since FROM profiles) p WHERE ${s.where}`,
      },
    );
  }
  return STAGE_SEGMENTS.map((s) => s.name);
}
