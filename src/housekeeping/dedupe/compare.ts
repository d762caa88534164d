/**
 * The comparisons of a pair of person records, one per field, each with ordered levels from the strongest
 * agreement to none (Splink's comparison levels). A field empty on either side compares as null and moves
 * the match weight neither way.
 */
import { jaroWinkler } from './jaro-winkler.js';
import { sameName } from './nicknames.js';

/** One person record as dedupe reads it, already cleaned (lower-cased, trimmed, digits only for phones). */
export interface PersonRecord {
  readonly customerId: string;
  readonly profileId: number;
  readonly first: string | null;
  readonly last: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly birthDate: string | null;
  readonly postalCode: string | null;
  readonly city: string | null;
}

/** A comparison: its name, the names of its levels (strongest first) and how a pair falls in one. */
export interface Comparison {
  readonly name: string;
  readonly levels: readonly string[];
  /** The level index, or -1 when either side is empty. */
  readonly level: (a: PersonRecord, b: PersonRecord) => number;
}

const both = <T>(x: T | null, y: T | null): boolean => x !== null && y !== null;

function names(pick: (r: PersonRecord) => string | null, nicknames: boolean): Comparison['level'] {
  return (a, b) => {
    const x = pick(a);
    const y = pick(b);
    if (!both(x, y)) return -1;
    if (x === y) return 0;
    if (nicknames && sameName(x!, y!)) return 1;
    // An initial for a name (J. for John).
    if ((x!.length === 1 || y!.length === 1) && x![0] === y![0]) return 1;
    const jw = jaroWinkler(x!, y!);
    if (jw >= 0.92) return 2;
    if (jw >= 0.8) return 3;
    return 4;
  };
}

/** The comparisons dedupe scores, in the order `agreements` lists them. */
export const COMPARISONS: readonly Comparison[] = [
  {
    name: 'first_name',
    levels: ['exact', 'nickname_or_initial', 'similar', 'somewhat_similar', 'different'],
    level: names((r) => r.first, true),
  },
  {
    name: 'last_name',
    levels: ['exact', 'initial', 'similar', 'somewhat_similar', 'different'],
    level: names((r) => r.last, false),
  },
  {
    name: 'email',
    // No "similar local part" level: local parts are made of names, which the name comparisons already weigh.
    levels: ['exact', 'same_local_part', 'different'],
    level: (a, b) => {
      if (!both(a.email, b.email)) return -1;
      if (a.email === b.email) return 0;
      const la = a.email!.split('@')[0]!;
      const lb = b.email!.split('@')[0]!;
      return la === lb ? 1 : 2;
    },
  },
  {
    name: 'phone',
    levels: ['exact', 'same_last_7', 'different'],
    level: (a, b) => {
      if (!both(a.phone, b.phone)) return -1;
      if (a.phone === b.phone) return 0;
      return a.phone!.slice(-7) === b.phone!.slice(-7) ? 1 : 2;
    },
  },
  {
    name: 'birth_date',
    levels: ['exact', 'one_part_off_or_swapped', 'same_year', 'different'],
    level: (a, b) => {
      if (!both(a.birthDate, b.birthDate)) return -1;
      if (a.birthDate === b.birthDate) return 0;
      const [ya, ma, da] = a.birthDate!.split('-');
      const [yb, mb, db] = b.birthDate!.split('-');
      const same = Number(ya === yb) + Number(ma === mb) + Number(da === db);
      if (same === 2 || (ya === yb && ma === db && da === mb)) return 1;
      return ya === yb ? 2 : 3;
    },
  },
  {
    name: 'postal_code',
    levels: ['exact', 'same_prefix', 'different'],
    level: (a, b) => {
      if (!both(a.postalCode, b.postalCode)) return -1;
      if (a.postalCode === b.postalCode) return 0;
      return a.postalCode!.slice(0, 3) === b.postalCode!.slice(0, 3) ? 1 : 2;
    },
  },
  {
    name: 'city',
    levels: ['exact', 'similar', 'different'],
    level: (a, b) => {
      if (!both(a.city, b.city)) return -1;
      if (a.city === b.city) return 0;
      return jaroWinkler(a.city!, b.city!) >= 0.9 ? 1 : 2;
    },
  },
];

/** The comparison vector of a pair: one level per comparison, -1 for null. */
export function compare(a: PersonRecord, b: PersonRecord, into: Int8Array, at: number): void {
  for (let c = 0; c < COMPARISONS.length; c++) into[at + c] = COMPARISONS[c]!.level(a, b);
}
