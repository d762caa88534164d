/**
 * customers.csv rows: the main record of a person, with demographics, firmographics, psychographics,
 * life events, social handles and consent as a CRM holds them (missing values at the DIRTY rates), and
 * the sparse second record of a duplicated person.
 */
import { DAY_MS, iso, isoDate } from './calendar.js';
import { COLUMNS } from './columns.js';
import type { Cell } from './csv.js';
import { EDUCATION, INCOME_BANDS } from './groups.js';
import type { Out } from './out.js';
import { DIRTY } from './params.js';
import type { Person } from './person.js';
import type { Rng } from './prng.js';
import { Categorical } from './samplers.js';

/** What the history added to a record. */
export interface RecordFacts {
  readonly customerId: string;
  readonly email: string;
  readonly phone: string;
  readonly isProspect: boolean | '';
  readonly lifecycle: string;
  readonly signupMs: number | null;
  readonly updatedMs: number;
  readonly consentEmail: boolean;
  readonly consentSms: boolean;
  readonly revenue: number;
  readonly store: string;
}

const missing = (rng: Rng, field: keyof typeof DIRTY.missing): boolean => rng.chance(DIRTY.missing[field]);
const handle = (p: Person, rng: Rng): string =>
  `${p.firstName}${p.lastName}`.toLowerCase().replace(/[^a-z]/g, '') + rng.int(100);
const some = (rng: Rng, items: readonly string[]): string =>
  items.filter(() => rng.chance(0.35)).join('|') || rng.pick(items);
const yearsAgo = (ms: number, rng: Rng, lo: number, hi: number): number =>
  ms - (lo * 365 + rng.int((hi - lo) * 365)) * DAY_MS;
const choice = new WeakMap<readonly number[], Categorical<number>>();
function draw(rng: Rng, weights: readonly number[]): number {
  let c = choice.get(weights);
  if (!c) {
    c = new Categorical(
      weights.map((_, i) => i),
      weights,
    );
    choice.set(weights, c);
  }
  return c.sample(rng);
}

const COLUMN = new Map<string, number>(COLUMNS.customers.map((c, i) => [c, i]));

// A row under construction: cells set by column name, in COLUMNS.customers order.
function newRow(): { cells: Cell[]; set: (column: string, value: Cell) => void } {
  const cells: Cell[] = new Array(COLUMNS.customers.length).fill('');
  return {
    cells,
    set: (column, value) => {
      const i = COLUMN.get(column);
      if (i === undefined) throw new Error(`customers has no column ${column}`);
      cells[i] = value;
    },
  };
}

function tier(revenue: number): string {
  return revenue >= 2000 ? 'gold' : revenue >= 500 ? 'silver' : revenue > 0 ? 'member' : '';
}

/** The social handles a main record was written with (the social posts use them). */
export interface WrittenHandles {
  twitter?: string;
  instagram?: string;
}

/** Writes the main customers.csv record of a person; returns the handles it wrote. */
export function writeMainRecord(
  person: Person,
  rng: Rng,
  out: Out,
  f: RecordFacts,
  endMs: number,
): WrittenHandles {
  const handles: WrittenHandles = {};
  const g = person.group;
  const stale = person.kind === 'stale';
  const { cells, set } = newRow();
  set('customer_id', f.customerId);
  set('email', f.email);
  set('phone', f.phone);
  set(
    'anonymous_id',
    !stale && person.devices[0]?.type === 'mobile' && rng.chance(0.3) ? person.devices[0].anonymousId : '',
  );
  set('is_prospect', f.isProspect);
  set('lifecycle_stage', f.lifecycle);
  const split = rng.chance(0.95);
  set('first_name', split ? person.firstName : '');
  set('last_name', split ? person.lastName : '');
  set('full_name', `${person.firstName} ${person.lastName}`);
  if (!missing(rng, 'birth_date')) set('birth_date', isoDate(person.birthMs));
  else if (rng.chance(0.4)) set('birth_year', new Date(person.birthMs).getUTCFullYear());
  else if (rng.chance(0.5)) set('age', person.age);
  if (!missing(rng, 'gender')) {
    const short = { female: 'F', male: 'M', 'non-binary': 'X' }[person.gender];
    set('gender', rng.chance(0.15) ? short : person.gender);
  }
  if (!missing(rng, 'occupation')) set('occupation', person.company ? '' : rng.pick(g.occupations));
  if (!missing(rng, 'education')) set('education', EDUCATION[draw(rng, g.education)]);
  if (!missing(rng, 'income_band') && !person.company) set('income_band', INCOME_BANDS[draw(rng, g.income)]);
  if (!missing(rng, 'marital_status')) {
    set(
      'marital_status',
      person.married
        ? 'married'
        : person.age > 65 && rng.chance(0.3)
          ? 'widowed'
          : person.age > 35 && rng.chance(0.25)
            ? 'divorced'
            : 'single',
    );
  }
  if (!missing(rng, 'children')) set('children', draw(rng, g.children));
  set('city', person.city.name);
  set('region', person.city.state);
  const c = rng.next();
  set('country', c < 0.7 ? 'US' : c < 0.85 ? 'USA' : 'United States');
  if (!missing(rng, 'postal_code')) set('postal_code', person.postalCode);
  if (person.company) {
    const co = person.company;
    set('company', co.name);
    set('industry', co.industry);
    set('employees', co.employees);
    set('annual_revenue_band', co.revenueBand);
    set('job_title', co.jobTitle);
    set('decision_maker', co.decisionMaker);
  }
  if (!stale && !missing(rng, 'interests')) {
    set('interests', some(rng, g.interests));
    set('values', some(rng, g.values));
    set('lifestyle', some(rng, g.lifestyle));
  }
  const life = person.life;
  if (person.married && rng.chance(0.5))
    set('anniversary_date', isoDate(life.marriedMs ?? yearsAgo(endMs, rng, 1, 40)));
  if (life.movedMs !== null) set('moved_date', isoDate(life.movedMs));
  if (life.marriedMs !== null) set('married_date', isoDate(life.marriedMs));
  if (life.childBornMs !== null) set('child_born_date', isoDate(life.childBornMs));
  if (life.vacationMs !== null) set('vacation_date', isoDate(life.vacationMs));
  const young = g.id === 'urban_young';
  if (rng.chance(young ? 0.4 : 0.12)) {
    handles.twitter = `@${handle(person, rng)}`;
    set('twitter', handles.twitter);
  }
  if (rng.chance(young ? 0.6 : g.id === 'suburban_family' ? 0.3 : 0.15)) {
    handles.instagram = `@${handle(person, rng)}`;
    set('instagram', handles.instagram);
  }
  if (rng.chance(g.id === 'suburban_family' || g.id === 'silver_traditional' ? 0.45 : 0.2))
    set('facebook', `facebook.com/${handle(person, rng)}`);
  if (rng.chance(g.id === 'business' ? 0.9 : g.id === 'affluent_pro' ? 0.6 : 0.1))
    set('linkedin', `linkedin.com/in/${handle(person, rng)}`);
  if (person.phone && rng.chance(0.15)) set('whatsapp', person.phone);
  if (!stale) {
    set('consent_email', f.consentEmail);
    set('consent_sms', f.consentSms);
    set('consent_push', person.consent.push);
    set('consent_ads', person.consent.ads);
    set('acquisition_source', person.channel);
    set('acquisition_campaign', person.campaign);
  }
  set('signup_at', f.signupMs === null ? '' : iso(f.signupMs));
  set('updated_at', iso(f.updatedMs));
  set('loyalty_tier', tier(f.revenue));
  set('preferred_store', f.store);
  out.row('customers', cells);
  return handles;
}

/** Writes the second, sparse record of a duplicated person (a store or guest sign-up). */
export function writeDuplicateRecord(person: Person, rng: Rng, out: Out, f: RecordFacts): void {
  const upper = rng.chance(0.3);
  const { cells, set } = newRow();
  const values: Record<string, Cell> = {
    customer_id: f.customerId,
    email: f.email,
    phone: f.phone,
    is_prospect: f.isProspect,
    lifecycle_stage: f.lifecycle,
    first_name: upper ? person.firstName.toUpperCase() : person.firstName,
    last_name: upper ? person.lastName.toUpperCase() : person.lastName,
    full_name: `${person.firstName} ${person.lastName}`,
    city: person.city.name,
    region: person.city.state,
    country: 'US',
    postal_code: person.postalCode,
    consent_email: f.consentEmail,
    consent_sms: f.consentSms,
    signup_at: f.signupMs === null ? '' : iso(f.signupMs),
    updated_at: iso(f.updatedMs),
    loyalty_tier: tier(f.revenue),
    preferred_store: f.store,
  };
  for (const [column, value] of Object.entries(values)) set(column, value);
  out.row('customers', cells);
}
