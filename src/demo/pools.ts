/**
 * Name and word pools taken from @faker-js/faker once per run (seeded, so deterministic), then picked
 * from with the generator's own streams: faker's data, our draws, and no faker call per customer.
 */
import { base, en, Faker } from '@faker-js/faker';
import { seedOf } from './prng.js';

/** Pools of names and business words. */
export interface Pools {
  readonly femaleNames: readonly string[];
  readonly maleNames: readonly string[];
  readonly lastNames: readonly string[];
  readonly companies: readonly string[];
  readonly reps: readonly string[];
}

// Keep names that survive as email local parts and CSV cells without surprises.
const plain = (s: string): boolean => /^[A-Za-z][A-Za-z' -]*[a-z]$/.test(s);

function unique(items: Iterable<string>): string[] {
  return [...new Set(items)].filter(plain).sort();
}

/** The pools for a seed. */
export function buildPools(seed: number): Pools {
  const faker = new Faker({ locale: [en, base] });
  faker.seed(seedOf(seed, 0xfa4e2));
  const first = faker.definitions.person.first_name;
  const last = faker.definitions.person.last_name;
  const femaleNames = unique(first?.female ?? []);
  const maleNames = unique(first?.male ?? []);
  const lastNames = unique(last?.generic ?? []);
  const companies = unique(Array.from({ length: 3000 }, () => faker.company.name().replace(/,/g, '')));
  const reps = Array.from({ length: 14 }, () => `${faker.person.firstName()} ${faker.person.lastName()}`);
  if (femaleNames.length < 100 || maleNames.length < 100 || lastNames.length < 100) {
    throw new Error('faker name lists are unexpectedly short');
  }
  return { femaleNames, maleNames, lastNames, companies, reps };
}
