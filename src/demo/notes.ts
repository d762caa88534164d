/**
 * B2B sales cycles as sales notes: a lead moves through the stages with a note at each, raising
 * questions and objections; whether it is won depends on how the lead heard of us, the objections
 * raised and whether the contact decides (SALES). A won lead becomes a buyer soon after closing.
 */

import { DAY_MS, HOUR_MS, iso } from './calendar.js';
import { CATEGORY_DATA, CATEGORY_KEYS } from './catalog-data.js';
import { noteId } from './ids.js';
import type { Out } from './out.js';
import { type AcquisitionChannel, SALES } from './params.js';
import type { Person } from './person.js';
import type { Rng } from './prng.js';
import { exponential, weightedIndex } from './samplers.js';
import type { World } from './world.js';

const STAGES = ['awareness', 'interest', 'consideration', 'evaluation', 'negotiation', 'closed'] as const;
type HeardFrom = keyof typeof SALES.win;
type Objection = keyof typeof SALES.objections;

const HEARD: Readonly<Record<AcquisitionChannel, readonly HeardFrom[]>> = {
  paid_search: ['search'],
  social: ['linkedin'],
  email: ['webinar', 'cold outreach'],
  referral: ['referral'],
  organic: ['search', 'webinar'],
  affiliate: ['partner'],
  retail: ['trade show'],
};

const QUESTIONS = [
  'Do you offer net-30 payment terms?',
  'Is there a volume discount above 50 units?',
  'Can you deliver to multiple offices?',
  'Do you assemble furniture on site?',
  'What is the warranty on laptops?',
  'Can we get a dedicated account manager?',
];

const OBJECTION_TEXT: Readonly<Record<Objection, string>> = {
  price: 'Concerned that our prices are higher than their current vendor.',
  'existing supplier': 'They already have a supplier under contract.',
  'delivery times': 'Worried about delivery times to their offices.',
  'budget freeze': 'Budget is frozen until next quarter.',
  'payment terms': 'Needs net-60 payment terms.',
};

/** How a lead's cycle ended (or not, by the window end). */
export interface SalesOutcome {
  readonly outcome: 'won' | 'lost' | 'open';
  readonly closedMs: number | null;
  readonly heardFrom: string;
  readonly objections: readonly string[];
  readonly winProbability: number;
}

/** Writes a B2B contact's sales notes to `out`. */
export function writeSalesCycle(
  world: World,
  person: Person,
  rng: Rng,
  out: Out,
  customerId: string,
): SalesOutcome {
  const company = person.company;
  if (!company) throw new Error(`person ${person.index} has no company`);
  const heardFrom = rng.pick(HEARD[person.channel]);
  const objections = (Object.keys(SALES.objections) as Objection[]).filter(() =>
    rng.chance(SALES.objectionEach),
  );
  let p = SALES.win[heardFrom] * (company.decisionMaker ? SALES.decisionMakerBoost : 1);
  for (const o of objections) p *= SALES.objections[o];
  p = Math.min(0.95, p);
  const won = rng.chance(p);
  const last = won ? STAGES.length - 1 : 1 + rng.int(4);
  const taste = person.group.taste;
  const first = weightedIndex(rng, taste);
  const second = weightedIndex(rng, taste);
  const interests = [...new Set([first, second])]
    .map((c) => CATEGORY_DATA[CATEGORY_KEYS[c] ?? 'office'].name)
    .join('; ');
  const rep = rng.pick(world.pools.reps);
  const name = `${person.firstName} ${person.lastName}`;
  const deal = Math.round((company.employees * rng.uniform(40, 150)) / 100) * 100;
  const question = rng.pick(QUESTIONS);
  const objectionText = objections.map((o) => OBJECTION_TEXT[o]).join(' ');
  let t = person.acquiredMs;
  let outcome: SalesOutcome['outcome'] = 'open';
  let closedMs: number | null = null;
  for (let s = 0; s <= last; s++) {
    if (s > 0) t += 2 * DAY_MS + exponential(rng, 1 / (SALES.meanDaysBetweenNotes * DAY_MS));
    // Notes are written in office hours (US Central), weekdays.
    const day = Math.floor(t / DAY_MS) * DAY_MS;
    const weekday = new Date(day).getUTCDay();
    const ms =
      day +
      (weekday === 0 ? 1 : weekday === 6 ? 2 : 0) * DAY_MS +
      (14 + rng.int(9)) * HOUR_MS +
      rng.int(3600) * 1000;
    if (ms > world.window.endMs) break;
    const final = s === last;
    const stage = final && !won ? 'closed' : (STAGES[s] ?? 'closed');
    const result = final ? (won ? 'won' : 'lost') : 'follow-up';
    const text = [
      s === 0
        ? `First contact with ${name} (${company.jobTitle}) at ${company.name}. Heard about us through ${heardFrom}.`
        : '',
      s === 1
        ? `${name} is interested in ${interests} for a ${company.employees}-person team. Asked: ${question}`
        : '',
      s === 2 ? `Sent a quote for ${interests}. ${objectionText}` : '',
      s === 3 ? `Samples delivered; comparing us with their current supplier. ${objectionText}` : '',
      s === 4 ? `Negotiating volume pricing and payment terms; deal around $${deal}.` : '',
      final && won ? 'Closed won. First order expected within two weeks.' : '',
      final && !won ? `Closed lost. ${objectionText || 'Went with another vendor.'}` : '',
    ]
      .filter(Boolean)
      .join(' ')
      .trim();
    out.row('notes', [
      noteId(world.seed, person.index, s),
      customerId,
      person.emailWritten,
      company.name,
      rep,
      iso(ms),
      stage,
      heardFrom,
      interests,
      s >= 1 ? question : '',
      s >= 2 ? objections.join('; ') : '',
      result,
      s >= 2 ? deal.toFixed(2) : '',
      text,
    ]);
    if (final) {
      outcome = won ? 'won' : 'lost';
      closedMs = ms;
    }
  }
  return { outcome, closedMs, heardFrom, objections, winProbability: p };
}
