/**
 * One person of the demo business: kind, planted group and channel, demographics, contact points,
 * devices, consent, life events and the planted purchase and spend parameters (λ, p, ν).
 */
import { DAY_MS, type TimeWindow } from './calendar.js';
import { drawAcquisitionCampaign } from './campaigns.js';
import { type Company, drawCompany } from './company.js';
import {
  breakEmail,
  breakPhone,
  drawPhoneFormat,
  formatPhone,
  makeEmail,
  type PhoneFormat,
} from './contact.js';
import { DEVICE_KINDS, type Device, makeDevices } from './devices.js';
import { type City, drawCity, drawPhone } from './geo.js';
import type { GroupSpec } from './groups.js';
import {
  ACQUISITION_CHANNELS,
  type AcquisitionChannel,
  BGNBD,
  CHANNEL_EFFECTS,
  COMPOSITION,
  DIRTY,
  FUNNEL,
  GAMMA_GAMMA,
  LIFE_EVENTS,
} from './params.js';
import type { Rng } from './prng.js';
import { beta, Categorical, clippedNormal, exponential, gamma, logNormal } from './samplers.js';
import type { World } from './world.js';

export type PersonKind = 'consumer' | 'b2b' | 'stale';
export type DuplicateKind = 'email_case' | 'phone_format' | 'both';

/** Life-event dates (milliseconds) or null. */
export interface LifeEvents {
  readonly movedMs: number | null;
  readonly marriedMs: number | null;
  readonly childBornMs: number | null;
  readonly vacationMs: number | null;
}

/** Everything drawn about a person before their history is simulated. */
export interface Person {
  readonly index: number;
  readonly kind: PersonKind;
  /** A consumer planned never to buy (B2B contacts buy only when their sales cycle is won). */
  readonly prospect: boolean;
  readonly groupIndex: number;
  readonly group: GroupSpec;
  readonly channel: AcquisitionChannel;
  readonly channelIndex: number;
  readonly campaign: string;
  readonly gender: 'female' | 'male' | 'non-binary';
  readonly firstName: string;
  readonly lastName: string;
  readonly age: number;
  readonly birthMs: number;
  readonly city: City;
  readonly postalCode: string;
  /** Canonical (lower-case, valid) email. */
  readonly email: string;
  readonly emailInvalid: boolean;
  /** The email as the main record writes it (broken when invalid). */
  readonly emailWritten: string;
  /** E.164, or null when the person gave none. */
  readonly phone: string | null;
  readonly phoneFormat: PhoneFormat;
  readonly phoneMalformed: boolean;
  /** The phone as the main record writes it ('' when missing, broken when malformed). */
  readonly phoneWritten: string;
  readonly devices: readonly Device[];
  readonly consent: { email: boolean; sms: boolean; push: boolean; ads: boolean };
  readonly company: Company | null;
  readonly married: boolean;
  /** First order for consumer buyers, sign-up for prospects, lead creation for B2B. */
  readonly acquiredMs: number;
  readonly lambda: number;
  readonly p: number;
  readonly nu: number;
  /** Person-level multiplier of message engagement. */
  readonly engagement: number;
  readonly duplicate: DuplicateKind | null;
  readonly life: LifeEvents;
  readonly cards: readonly string[];
}

const KIND_GROUPS = (world: World) =>
  new Categorical(
    world.groups.slice(0, 5).map((_, i) => i),
    world.groups.slice(0, 5).map((g) => g.weight),
  );
const cache = new WeakMap<
  World,
  { groups: Categorical<number>; channels: Categorical<number>[]; devices: Categorical<number>[] }
>();
const DUP_KINDS = Categorical.of(DIRTY.duplicateKinds);

function choices(world: World) {
  let c = cache.get(world);
  if (!c) {
    c = {
      groups: KIND_GROUPS(world),
      channels: world.groups.map(
        (g) =>
          new Categorical(
            ACQUISITION_CHANNELS.map((_, i) => i),
            g.acquisition,
          ),
      ),
      devices: world.groups.map((g) => new Categorical([0, 1, 2], g.device)),
    };
    cache.set(world, c);
  }
  return c;
}

function lifeEvents(rng: Rng, window: TimeWindow, group: GroupSpec, married: boolean): LifeEvents {
  const span = window.endMs - window.startMs;
  const inWindow = () => window.startMs + Math.floor((rng.next() * span) / DAY_MS) * DAY_MS;
  const parents = group.id === 'suburban_family' || group.id === 'urban_young';
  return {
    movedMs: rng.chance(LIFE_EVENTS.moved.share) ? inWindow() : null,
    marriedMs: married && rng.chance(0.08) ? inWindow() : null,
    childBornMs: parents && rng.chance(LIFE_EVENTS.childBorn.share) ? inWindow() : null,
    vacationMs: rng.chance(LIFE_EVENTS.vacation.share) ? inWindow() + 60 * DAY_MS : null,
  };
}

/** Draws person `index`. */
export function drawPerson(world: World, index: number, rng: Rng): Person {
  const { window, pools } = world;
  const c = choices(world);
  const u = rng.next();
  const kind: PersonKind =
    u < COMPOSITION.stale ? 'stale' : u < COMPOSITION.stale + COMPOSITION.b2b ? 'b2b' : 'consumer';
  const prospect = kind === 'consumer' && u < COMPOSITION.stale + COMPOSITION.b2b + COMPOSITION.prospect;
  const groupIndex = kind === 'b2b' ? world.groups.length - 1 : c.groups.sample(rng);
  const group = world.groups[groupIndex] as GroupSpec;
  const channelIndex = c.channels[groupIndex]?.sample(rng) ?? 0;
  const channel = ACQUISITION_CHANNELS[channelIndex] ?? 'organic';
  const g = rng.next();
  const gender = g < 0.02 ? 'non-binary' : g < 0.02 + 0.98 * group.female ? 'female' : 'male';
  const names =
    gender === 'female' || (gender === 'non-binary' && rng.chance(0.5)) ? pools.femaleNames : pools.maleNames;
  const firstName = rng.pick(names);
  const lastName = rng.pick(pools.lastNames);
  const [ageMean, ageSd, ageMin, ageMax] = group.age;
  const age = Math.round(clippedNormal(rng, ageMean, ageSd, ageMin, ageMax));
  const birthMs = window.endMs - (age * 365.25 + rng.int(365)) * DAY_MS;
  const city = drawCity(rng);
  const zip = `${city.zip3}${String(rng.int(100)).padStart(2, '0')}`;
  const postalCode = zip.startsWith('0') && rng.chance(DIRTY.zipLeadingZeroLost) ? zip.slice(1) : zip;
  const company = kind === 'b2b' ? drawCompany(rng, pools) : null;
  const email = makeEmail(rng, index, firstName, lastName, company?.domain);
  const duplicate = kind !== 'stale' && rng.chance(DIRTY.duplicate) ? DUP_KINDS.sample(rng) : null;
  const wantsPhone = duplicate === 'phone_format' || duplicate === 'both' || !rng.chance(DIRTY.missing.phone);
  const phone = wantsPhone ? drawPhone(rng, city) : null;
  const devices = makeDevices(
    rng,
    DEVICE_KINDS[c.devices[groupIndex]?.sample(rng) ?? 0] ?? 'desktop',
    FUNNEL.secondDevice,
    { city: city.name, region: city.state },
  );
  const mobile = devices.some((d) => d.type === 'mobile');
  const effects = CHANNEL_EFFECTS[channel];
  const acquiredMs =
    kind === 'stale'
      ? window.startMs - (365 + rng.int(5 * 365)) * DAY_MS - rng.int(86_400) * 1000
      : (world.clocks[groupIndex]?.atBusyHour(rng, world.acquisitionDays.sample(rng)) ?? window.startMs);
  const married = rng.chance(group.married);
  const emailInvalid = rng.chance(DIRTY.invalidEmail);
  const phoneFormat = drawPhoneFormat(rng);
  const phoneMalformed =
    phone !== null && duplicate === null && rng.chance(DIRTY.malformedPhone / (1 - DIRTY.missing.phone));
  const phoneWritten =
    phone === null ? '' : phoneMalformed ? breakPhone(rng, phone) : formatPhone(phone, phoneFormat);
  return {
    index,
    kind,
    prospect,
    groupIndex,
    group,
    channel,
    channelIndex,
    campaign: kind === 'stale' ? '' : drawAcquisitionCampaign(rng, channel, acquiredMs),
    gender,
    firstName,
    lastName,
    age,
    birthMs,
    city,
    postalCode,
    email,
    emailInvalid,
    emailWritten: emailInvalid ? breakEmail(rng, email) : email,
    phone,
    phoneFormat,
    phoneMalformed,
    phoneWritten,
    devices,
    consent: {
      email: rng.chance(group.consent.email),
      sms: phone !== null && rng.chance(group.consent.sms),
      push: mobile && rng.chance(group.consent.push),
      ads: rng.chance(group.consent.ads),
    },
    company,
    married,
    acquiredMs,
    lambda: gamma(rng, BGNBD.r, BGNBD.alpha / effects.lambda),
    p: beta(rng, BGNBD.a * effects.dropoutA, BGNBD.b),
    nu: gamma(rng, GAMMA_GAMMA.q, GAMMA_GAMMA.gamma * group.spend),
    engagement: logNormal(rng, -0.08, 0.4),
    duplicate,
    life: lifeEvents(rng, window, group, married),
    cards: rng.chance(0.3) ? [rng.hex(16), rng.hex(16)] : [rng.hex(16)],
  };
}

/** Waiting time helper shared by the history modules: an exponential number of days. */
export function daysLater(rng: Rng, meanDays: number): number {
  return exponential(rng, 1 / meanDays) * DAY_MS;
}
