/**
 * Planted fuzzy duplicates (opt-in, `--fuzzy-duplicates N`): N people get a second customer record that
 * shares no identifier with the first (another customer id, another or no e-mail, no phone or a new one, no
 * social handles), written as a CRM would: a nickname, an initial or a typo in the name, a typo in the last
 * name, an abbreviated city, sometimes a move (another city and postal code), sometimes no birth date. Each
 * keeps at least two of name, birth date and postal code, as real duplicates do. The pairs are written to
 * fuzzy-duplicates.csv beside the truth, so identity resolution cannot join them and dedupe can be measured.
 * Run after the rest of the generator, so every other file and figure is the same with or without it.
 */
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mulberry32 } from '../analytics/classify/random.js';
import { variantsOf } from '../housekeeping/dedupe/nicknames.js';
import { csvRow, parseCsv } from './csv.js';

export const FUZZY_FILE = 'fuzzy-duplicates.csv';

const PROVIDERS = ['yahoo.com', 'outlook.com', 'icloud.com', 'aol.com', 'hotmail.com', 'proton.me'];
const ABBREVIATIONS: readonly [RegExp, string][] = [
  [/^Saint /, 'St. '],
  [/^Fort /, 'Ft. '],
  [/^Mount /, 'Mt. '],
  [/^New York$/, 'NYC'],
  [/^Los Angeles$/, 'LA'],
  [/^San Francisco$/, 'SF'],
];

const cap = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

function typo(word: string, random: () => number): string {
  if (word.length < 4) return word;
  const i = 1 + Math.floor(random() * (word.length - 2));
  const r = random();
  if (r < 0.4) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2); // swap neighbours
  if (r < 0.7) return word.slice(0, i) + word.slice(i + 1); // drop one
  return word.slice(0, i) + word[i] + word.slice(i); // double one
}

/** Appends `count` fuzzy duplicates to customers.csv and writes their pairs; returns how many were planted. */
export async function plantFuzzyDuplicates(outDir: string, count: number, seed: number): Promise<number> {
  if (count <= 0) return 0;
  const path = join(outDir, 'customers.csv');
  const rows = parseCsv(await readFile(path, 'utf8'));
  const header = rows[0]!;
  const col = (name: string) => header.indexOf(name);
  const [id, email, phone, first, last, full, birth, city, postal, anon] = [
    'customer_id',
    'email',
    'phone',
    'first_name',
    'last_name',
    'full_name',
    'birth_date',
    'city',
    'postal_code',
    'anonymous_id',
  ].map(col) as number[];
  const cleared = ['twitter', 'facebook', 'whatsapp', 'instagram', 'linkedin', 'birth_year', 'age']
    .map(col)
    .filter((c) => c >= 0);
  const random = mulberry32(seed ^ 0x5eed_f022);
  // People with a name, one record each (the generator's own duplicates share identifiers and are left alone).
  const seenEmail = new Set<string>();
  const pool: string[][] = [];
  for (const r of rows.slice(1)) {
    if (r.length !== header.length || !r[first!] || !r[last!]) continue;
    const e = r[email!]!.trim().toLowerCase();
    if (e && seenEmail.has(e)) continue;
    if (e) seenEmail.add(e);
    pool.push(r);
  }
  const places = pool.filter((r) => r[city!] && r[postal!]).map((r) => [r[city!]!, r[postal!]!] as const);
  const picked: string[][] = [];
  const used = new Set<number>();
  while (picked.length < Math.min(count, pool.length)) {
    const i = Math.floor(random() * pool.length);
    if (used.has(i)) continue;
    used.add(i);
    picked.push(pool[i]!);
  }
  let out = '';
  let truth = csvRow(['customer_id', 'duplicate_of', 'changes']);
  picked.forEach((orig, n) => {
    const r = [...orig];
    const changes: string[] = [];
    const dupId = `F${String(1e8 + Math.floor(random() * 9e8))}${n}`;
    r[id!] = dupId;
    // First name: a nickname where one is known, else an initial or a typo.
    const given = orig[first!]!;
    const variants = variantsOf(given.toLowerCase());
    const f = random();
    if (variants.length && f < 0.5) {
      r[first!] = cap(variants[Math.floor(random() * variants.length)]!);
      changes.push('nickname');
    } else if (f < 0.7) {
      r[first!] = `${given[0]}.`;
      changes.push('initial');
    } else if (f < 0.9) {
      r[first!] = typo(given, random);
      changes.push('first_name_typo');
    }
    if (random() < 0.3) {
      r[last!] = typo(orig[last!]!, random);
      changes.push('last_name_typo');
    }
    r[full!] = `${r[first!]} ${r[last!]}`;
    // Another provider, another address, or none: never the same address, which identity would join.
    const local = `${given}.${orig[last!]}`.toLowerCase().replace(/[^a-z.]/g, '');
    const e = random();
    const provider = PROVIDERS[Math.floor(random() * PROVIDERS.length)]!;
    const origLocal = orig[email!]!.trim().toLowerCase().split('@')[0] ?? '';
    r[email!] =
      e < 0.4 && origLocal
        ? `${origLocal}@${provider}`
        : e < 0.75
          ? `${local}${Math.floor(random() * 90) + 10}@${provider}`
          : '';
    if (r[email!]!.toLowerCase() === orig[email!]!.trim().toLowerCase()) r[email!] = '';
    changes.push(r[email!] ? 'other_email' : 'no_email');
    r[phone!] =
      random() < 0.7
        ? ''
        : `(${200 + Math.floor(random() * 700)}) 555-${String(1000 + Math.floor(random() * 9000))}`;
    if (anon! >= 0) r[anon!] = '';
    for (const c of cleared) r[c] = '';
    const keepBirth = !orig[birth!] || random() < 0.75;
    if (!keepBirth) {
      r[birth!] = '';
      changes.push('no_birth_date');
    }
    // A move only where the birth date stays: a duplicate keeps two of name, birth date and place.
    if (keepBirth && orig[birth!] && random() < 0.3 && places.length) {
      const [c, p] = places[Math.floor(random() * places.length)]!;
      r[city!] = c;
      r[postal!] = p;
      changes.push('moved');
    } else {
      for (const [pattern, short] of ABBREVIATIONS) {
        if (pattern.test(r[city!]!)) {
          r[city!] = r[city!]!.replace(pattern, short);
          changes.push('city_abbreviated');
          break;
        }
      }
    }
    out += csvRow(r);
    truth += csvRow([dupId, orig[id!]!, changes.join('|')]);
  });
  await appendFile(path, out);
  await writeFile(join(outDir, FUZZY_FILE), truth);
  return picked.length;
}
