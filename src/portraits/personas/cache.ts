/**
 * Generated personas kept by the state they were computed from, so that asking again for the same data,
 * segments, definitions, model runs and options is one lookup (issue 13: personas were 15–31 s on a
 * 10,000-customer demo each time). The key changes when any input changes, so a stale entry is never read;
 * people's edits are applied after the lookup (they change often and cost nothing to apply).
 */
import { createHash } from 'node:crypto';
import { segmentVersions } from '../../segments/version.js';
import type { Warehouse } from '../../store/index.js';
import { textState } from '../../voice/index.js';
import { dataState } from '../parts.js';
import type { PersonaFacts } from './generate.js';

/**
 * What one computation keeps: the personas' facts and the shop's currency their amounts are said in (read
 * with them, so that a cached answer needs no GROUP BY over every order to say them).
 */
export interface CachedPersonas {
  readonly currency: string;
  readonly personas: PersonaFacts[];
}

// Bumped when the way personas are computed changes, so entries of an older version are not read.
// personas-3: the cache keeps figures, not sentences (said at answer time in the asker's language).
// personas-4: the voice says how many texts its words were counted from (`sampled`).
// personas-5: the shop's currency is kept beside the facts.
// personas-6: segments by what they hold (src/segments/version.ts), not by when they were refreshed.
const VERSION = 'personas-6';
const KEEP = 20;

/**
 * The cache key of personas for `options` over `segments`: the resolved data signature (upkeep_state, the
 * one src/identity/current.ts keeps), a signature of every text customers wrote, the business definitions'
 * settings, the newest model run, and each segment's version (its definition and members: a refresh that
 * finds the same members keeps the key, anyone entering or leaving moves it).
 */
export async function personaCacheKey(
  db: Warehouse,
  segments: readonly string[] | null,
  options: unknown,
): Promise<string> {
  const state = await dataState(db);
  // What customers wrote is part of a persona (its own words): any text added, changed or removed changes
  // the key, whether or not identity resolution ran since.
  const text = await textState(db, { segments: false });
  const versions = [...(await segmentVersions(db, segments ?? []))];
  return createHash('sha256')
    .update(JSON.stringify([VERSION, state, text, versions, segments, options]))
    .digest('hex');
}

/**
 * A signature of what was asked alone (the segments selected and the options), the same in every data state:
 * personas kept for it in an earlier state are what {@link readLatestPersonas} finds while the current state's
 * are computed.
 */
export function personaAskedKey(segments: readonly string[] | null, options: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify([VERSION, segments, options]))
    .digest('hex');
}

/** Personas kept for an earlier state, with when they were computed. */
export interface EarlierPersonas {
  readonly generated: CachedPersonas;
  readonly computedAt: Date;
}

/** The newest personas kept for the question `asked` (any state), if any. */
export async function readLatestPersonas(db: Warehouse, asked: string): Promise<EarlierPersonas | null> {
  const [row] = await db.all<{ personas: string; computed_at: Date }>(
    'SELECT personas, computed_at FROM persona_cache WHERE asked = ? ORDER BY computed_at DESC LIMIT 1',
    [asked],
  );
  return row
    ? { generated: JSON.parse(row.personas) as CachedPersonas, computedAt: new Date(row.computed_at) }
    : null;
}

/** The personas' facts (and currency) stored under `key`, if any. */
export async function readPersonaCache(db: Warehouse, key: string): Promise<CachedPersonas | null> {
  const [row] = await db.all<{ personas: string }>('SELECT personas FROM persona_cache WHERE key = ?', [key]);
  return row ? (JSON.parse(row.personas) as CachedPersonas) : null;
}

/**
 * Stores personas' facts (and currency) under `key`, and the question they answer (`asked`), keeping only the
 * newest few entries.
 */
export async function writePersonaCache(
  db: Warehouse,
  key: string,
  personas: CachedPersonas,
  asked: string | null = null,
): Promise<void> {
  await db.run(
    `INSERT INTO persona_cache (key, personas, computed_at, asked) VALUES (?, ?, now(), ?)
     ON CONFLICT (key) DO UPDATE SET personas = excluded.personas, computed_at = excluded.computed_at,
       asked = excluded.asked`,
    [key, JSON.stringify(personas), asked],
  );
  await db.run(
    `DELETE FROM persona_cache WHERE key NOT IN (SELECT key FROM persona_cache ORDER BY computed_at DESC LIMIT ${KEEP})`,
  );
}
