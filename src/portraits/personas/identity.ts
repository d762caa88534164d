import { createHash } from 'node:crypto';
import { personas } from '@dicebear/collection';
import { createAvatar } from '@dicebear/core';
import {
  type Faker,
  fakerDE,
  fakerEN_AU,
  fakerEN_CA,
  fakerEN_GB,
  fakerEN_IE,
  fakerEN_US,
  fakerES,
  fakerES_MX,
  fakerFR,
  fakerIT,
  fakerNL,
  fakerPL,
  fakerPT_BR,
  fakerSV,
} from '@faker-js/faker';

// Country (name or ISO code, lower case) → the locale whose names sound right there. Others get en_US.
const LOCALES: Record<string, Faker> = {
  us: fakerEN_US,
  'united states': fakerEN_US,
  usa: fakerEN_US,
  gb: fakerEN_GB,
  uk: fakerEN_GB,
  'united kingdom': fakerEN_GB,
  ie: fakerEN_IE,
  ireland: fakerEN_IE,
  ca: fakerEN_CA,
  canada: fakerEN_CA,
  au: fakerEN_AU,
  australia: fakerEN_AU,
  de: fakerDE,
  germany: fakerDE,
  fr: fakerFR,
  france: fakerFR,
  es: fakerES,
  spain: fakerES,
  mx: fakerES_MX,
  mexico: fakerES_MX,
  it: fakerIT,
  italy: fakerIT,
  nl: fakerNL,
  netherlands: fakerNL,
  pl: fakerPL,
  poland: fakerPL,
  br: fakerPT_BR,
  brazil: fakerPT_BR,
  se: fakerSV,
  sweden: fakerSV,
};

/** A 32-bit seed from a segment's name: the same segment always gets the same name and face. */
export function seedOf(segment: string): number {
  return createHash('sha256').update(segment).digest().readUInt32BE(0);
}

/**
 * An invented first and last name for a persona, deterministic in the segment's name, in the language of
 * its dominant country and of its dominant gender when they are known.
 */
export function personaName(
  segment: string,
  gender: 'female' | 'male' | null,
  country: string | null,
): string {
  const faker = LOCALES[(country ?? '').trim().toLowerCase()] ?? fakerEN_US;
  faker.seed(seedOf(segment));
  const first = gender ? faker.person.firstName(gender) : faker.person.firstName();
  const last = faker.person.lastName();
  return `${first} ${last}`;
}

// Hair that reads as the persona's name does; DiceBear's "personas" style has no gender option of its own.
const HAIR = {
  female: ['long', 'bobCut', 'curly', 'pigtails', 'curlyBun', 'bobBangs', 'straightBun', 'extraLong'],
  male: ['shortCombover', 'buzzcut', 'fade', 'balding', 'curlyHighTop', 'sideShave', 'shortComboverChops'],
} as const;

/**
 * The persona's avatar: a DiceBear "personas" face seeded by the segment's name, as an SVG data URI; with
 * a dominant gender, hair and facial hair agree with the invented first name.
 */
export function personaAvatar(segment: string, gender: 'female' | 'male' | null = null): string {
  const options =
    gender === 'female'
      ? { hair: [...HAIR.female], facialHairProbability: 0 }
      : gender === 'male'
        ? { hair: [...HAIR.male] }
        : {};
  // A grown-up, friendly face: no pacifier, frown or surprise.
  const face = {
    mouth: ['smile', 'bigSmile', 'smirk', 'lips'],
    nose: ['mediumRound', 'smallRound'],
  } as const;
  return createAvatar(personas, {
    seed: segment,
    size: 128,
    mouth: [...face.mouth],
    nose: [...face.nose],
    ...options,
  }).toDataUri();
}
