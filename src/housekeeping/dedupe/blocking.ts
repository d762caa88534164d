/**
 * Candidate pairs by blocking: two records are compared only when they share a key: the sound of their
 * last name with their first initial (double metaphone), their postal code with the sound of their last
 * name or with their first initial, the last four digits of their phone, or their birth date. Blocks larger than `maxBlock` are
 * skipped and counted (a shared placeholder value would otherwise make every record a candidate).
 */
import { doubleMetaphone } from 'double-metaphone';
import type { PersonRecord } from './compare.js';

export interface Blocking {
  /** Pairs as indexes into the records, a < b, each once. */
  readonly pairs: Uint32Array;
  readonly skippedBlocks: number;
  readonly rules: readonly string[];
}

const RULES: readonly { name: string; key: (r: PersonRecord, sound: string | null) => string | null }[] = [
  { name: 'name sound', key: (r, s) => (s !== null && r.first ? `${s}|${r.first[0]}` : null) },
  {
    name: 'postal code and name sound',
    key: (r, s) => (r.postalCode && s !== null ? `${r.postalCode}|${s}` : null),
  },
  {
    name: 'postal code and first initial',
    key: (r) => (r.postalCode && r.first ? `${r.postalCode}|${r.first[0]}` : null),
  },
  { name: 'phone suffix', key: (r) => (r.phone && r.phone.length >= 7 ? r.phone.slice(-4) : null) },
  { name: 'birth date', key: (r) => r.birthDate },
];

/** The candidate pairs of `records`, from records of different profiles only. */
export function blockPairs(records: readonly PersonRecord[], maxBlock = 400): Blocking {
  const sounds = records.map((r) => (r.last ? doubleMetaphone(r.last)[0] : null));
  const seen = new Set<number>();
  const pairs: number[] = [];
  let skippedBlocks = 0;
  const n = records.length;
  for (const rule of RULES) {
    const blocks = new Map<string, number[]>();
    records.forEach((r, i) => {
      const key = rule.key(r, sounds[i]!);
      if (key === null || key === '') return;
      const block = blocks.get(key);
      if (block) block.push(i);
      else blocks.set(key, [i]);
    });
    for (const block of blocks.values()) {
      if (block.length < 2) continue;
      if (block.length > maxBlock) {
        skippedBlocks++;
        continue;
      }
      for (let x = 0; x < block.length; x++) {
        for (let y = x + 1; y < block.length; y++) {
          const a = block[x]!;
          const b = block[y]!;
          if (records[a]!.profileId === records[b]!.profileId) continue;
          // n² fits a double exactly for any realistic n.
          const id = a < b ? a * n + b : b * n + a;
          if (seen.has(id)) continue;
          seen.add(id);
          pairs.push(Math.min(a, b), Math.max(a, b));
        }
      }
    }
  }
  return { pairs: Uint32Array.from(pairs), skippedBlocks, rules: RULES.map((r) => r.name) };
}
