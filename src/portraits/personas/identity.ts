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

// The seed text of the `draw`-th try: the segment's name, then the name with a counter when an earlier
// persona of the same run already took what the first draw gives.
const seedText = (segment: string, draw: number) => (draw === 0 ? segment : `${segment}#${draw}`);

/**
 * An invented first and last name for a persona, deterministic in the segment's name (and `draw`, the
 * try), in the language of its dominant country and of its dominant gender when they are known.
 */
export function personaName(
  segment: string,
  gender: 'female' | 'male' | null,
  country: string | null,
  draw = 0,
): string {
  const faker = LOCALES[(country ?? '').trim().toLowerCase()] ?? fakerEN_US;
  faker.seed(seedOf(seedText(segment, draw)));
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
export function personaAvatar(segment: string, gender: 'female' | 'male' | null = null, draw = 0): string {
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
    seed: seedText(segment, draw),
    size: 128,
    mouth: [...face.mouth],
    nose: [...face.nose],
    ...options,
  }).toDataUri();
}

/** The names and avatars already given to the personas of one run. */
export interface TakenIdentities {
  readonly names: Set<string>;
  readonly avatars: Set<string>;
}

/**
 * A name and an avatar for the persona of `segment` that no earlier persona of the run has: the first
 * draw when it is free (so a persona keeps its face from run to run), else the next free draw. Both are
 * added to `taken`.
 */
export function uniqueIdentity(
  segment: string,
  gender: 'female' | 'male' | null,
  country: string | null,
  taken: TakenIdentities,
): { name: string; avatar: string } {
  let name = personaName(segment, gender, country);
  for (let draw = 1; taken.names.has(name) && draw < 1000; draw++)
    name = personaName(segment, gender, country, draw);
  let avatar = personaAvatar(segment, gender);
  for (let draw = 1; taken.avatars.has(avatar) && draw < 1000; draw++)
    avatar = personaAvatar(segment, gender, draw);
  taken.names.add(name);
  taken.avatars.add(avatar);
  return { name, avatar };
}
