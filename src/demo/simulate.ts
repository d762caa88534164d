/**
 * One person from draw to rows: the sales cycle of a B2B lead, the purchase history of a buyer, then
 * messages, feedback, web and app journeys, orders, customer records and the truth row, all from the
 * person's own random stream so that the result does not depend on chunking.
 */
import { DAY_MS, iso } from './calendar.js';
import { drawPhoneFormat, formatPhone, PHONE_FORMATS, recaseEmail } from './contact.js';
import { writeFeedback } from './feedback.js';
import { customerId as makeCustomerId, duplicateId as makeDuplicateId, relayEmail } from './ids.js';
import { writeJourneys } from './journeys.js';
import { writeMessages } from './messages.js';
import { type SalesOutcome, writeSalesCycle } from './notes.js';
import { type DuplicateContact, writeOrderRows } from './order-rows.js';
import { type History, simulateOrders } from './orders.js';
import type { Out } from './out.js';
import { drawPerson, type Person } from './person.js';
import { Rng, seedOf } from './prng.js';
import { writeDuplicateRecord, writeMainRecord } from './records.js';
import { exponential } from './samplers.js';
import { writeSocial } from './social.js';
import type { Stats } from './truth.js';
import type { World } from './world.js';

const NO_HISTORY: History = { orders: [], dropped: false, firstWeeks: 0, lastWeeks: 0 };

function duplicateContact(person: Person, rng: Rng): DuplicateContact {
  const kind = person.duplicate;
  const email = kind === 'phone_format' ? '' : recaseEmail(rng, person.email);
  let phone = kind === 'email_case' ? person.phoneWritten : '';
  if ((kind === 'phone_format' || kind === 'both') && person.phone) {
    let format = drawPhoneFormat(rng);
    if (format === person.phoneFormat)
      format = PHONE_FORMATS[(PHONE_FORMATS.indexOf(format) + 1) % PHONE_FORMATS.length] ?? 'digits';
    phone = formatPhone(person.phone, format);
  }
  return { email, phone };
}

/** Generates person `index` into `out` and counts it in `stats`. */
export function simulatePerson(world: World, index: number, out: Out, stats: Stats): void {
  const rng = new Rng(seedOf(world.seed, index));
  const person = drawPerson(world, index, rng);
  const { startMs, endMs } = world.window;
  const id = makeCustomerId(world.seed, index);
  stats.add(`kind.${person.kind}`);
  if (person.kind === 'stale') {
    const updated = Math.min(Date.UTC(2021, 11, 31), person.acquiredMs + rng.int(2 * 365) * DAY_MS);
    const lifecycle = rng.pick(['customer', 'customer', '', 'inactive']);
    const facts = {
      customerId: id,
      email: person.emailWritten,
      phone: person.phoneWritten,
      isProspect: rng.chance(0.6) ? false : ('' as const),
      lifecycle,
      signupMs: rng.chance(0.8) ? person.acquiredMs : null,
      updatedMs: updated,
      consentEmail: false,
      consentSms: false,
      revenue: 0,
      store: '',
    };
    writeMainRecord(person, rng, out, facts, endMs);
    truthRow(world, person, out, id, null, null, NO_HISTORY, null, '');
    countDirt(stats, person);
    return;
  }
  let sales: SalesOutcome | null = null;
  let firstOrderMs: number | null = null;
  let signupMs = person.acquiredMs;
  if (person.kind === 'b2b') {
    sales = writeSalesCycle(world, person, rng, out, id);
    stats.add(`sales.${sales.outcome}`);
    if (sales.outcome === 'won' && sales.closedMs !== null) {
      const clock = world.clocks[person.groupIndex];
      const ms = clock?.atBusyHour(rng, sales.closedMs + (1 + rng.int(14)) * DAY_MS) ?? endMs + 1;
      firstOrderMs = ms <= endMs ? ms : null;
    }
  } else if (!person.prospect) {
    firstOrderMs = person.acquiredMs;
    if (!rng.chance(0.55))
      signupMs = Math.max(startMs - 60 * DAY_MS, firstOrderMs - exponential(rng, 1 / (20 * DAY_MS)));
    else signupMs = firstOrderMs - rng.int(600) * 1000;
    signupMs = Math.round(signupMs / 1000) * 1000;
  }
  const dupId = person.duplicate ? makeDuplicateId(world.seed, index) : null;
  const dup = person.duplicate ? duplicateContact(person, rng) : null;
  const dupFrom = (firstOrderMs ?? signupMs) + rng.next() * (endMs - (firstOrderMs ?? signupMs));
  const dupCreatedMs = Math.round(dupFrom / 1000) * 1000;
  const history =
    firstOrderMs === null
      ? NO_HISTORY
      : simulateOrders(
          world,
          person,
          rng,
          firstOrderMs,
          id,
          dupId && dup ? { duplicateId: dupId, fromMs: dupCreatedMs, email: dup.email } : null,
        );
  const orders = history.orders;
  const last = orders[orders.length - 1];
  const droppedAfterMs = history.dropped && last ? last.ms : null;
  const recipient = {
    customerId: id,
    duplicateId: dupId,
    duplicateEmail: dup?.email ?? '',
    signupMs,
    droppedAfterMs,
  };
  const messages = writeMessages(world, person, rng, out, orders, recipient);
  const feedback = writeFeedback(world, person, rng, out, orders);
  const activeUntilMs = droppedAfterMs === null ? endMs : Math.min(endMs, droppedAfterMs + 30 * DAY_MS);
  writeJourneys(
    world,
    person,
    rng,
    out,
    { customerId: id, duplicateId: dupId, duplicateEmail: dup?.email ?? '', signupMs, activeUntilMs },
    orders,
  );
  const mainOrders = orders.filter((o) => !o.onDuplicate);
  const revenue = writeOrderRows(world.seed, person, rng, out, orders, dup);
  const store = orders.find((o) => o.channel === 'store')?.store ?? '';
  const activity = Math.max(
    signupMs,
    last?.ms ?? 0,
    messages.lastEngagementMs ?? 0,
    feedback.lastMs ?? 0,
    messages.emailUnsubscribedMs ?? 0,
  );
  const lastMain = mainOrders[mainOrders.length - 1];
  const lifecycle =
    person.kind === 'b2b' && !lastMain
      ? sales?.outcome === 'lost'
        ? 'lost'
        : 'lead'
      : !lastMain
        ? person.consent.email
          ? 'subscriber'
          : 'lead'
        : endMs - lastMain.ms > 365 * DAY_MS
          ? 'churned'
          : 'customer';
  const handles = writeMainRecord(
    person,
    rng,
    out,
    {
      customerId: id,
      email: person.emailWritten,
      phone: person.phoneWritten,
      isProspect: mainOrders.length === 0,
      lifecycle,
      signupMs,
      updatedMs: activity + rng.int(Math.max(1, Math.min(3 * 86_400, (endMs - activity) / 1000))) * 1000,
      consentEmail: person.consent.email && messages.emailUnsubscribedMs === null,
      consentSms: person.consent.sms && messages.smsUnsubscribedMs === null,
      revenue: mainOrders.reduce((s, o) => s + o.basket.revenue, 0),
      store: mainOrders.find((o) => o.channel === 'store')?.store ?? '',
    },
    endMs,
  );
  writeSocial(world, person, handles, id, mainOrders, out, stats);
  if (dupId && dup) {
    const dupOrders = orders.filter((o) => o.onDuplicate);
    writeDuplicateRecord(person, rng, out, {
      customerId: dupId,
      email: dup.email,
      phone: dup.phone,
      isProspect: dupOrders.length === 0,
      lifecycle: dupOrders.length > 0 ? 'customer' : 'lead',
      signupMs: dupCreatedMs,
      updatedMs: Math.max(dupCreatedMs, dupOrders[dupOrders.length - 1]?.ms ?? 0),
      consentEmail: dup.email !== '' && rng.chance(0.5),
      consentSms: false,
      revenue: dupOrders.reduce((s, o) => s + o.basket.revenue, 0),
      store,
    });
    stats.add(`duplicate.${person.duplicate}`);
  }
  const causes: string[] = [];
  if (last && history.dropped) {
    if (last.late) causes.push('late_delivery');
    if (feedback.ticketOnLastOrder) causes.push('ticket');
    if (messages.plantedUnsubscribe) causes.push('unsubscribe');
    stats.add('dropped');
  }
  if (orders.length > 0) stats.add('buyers');
  stats.add('orders', orders.length);
  stats.add('revenue', revenue);
  truthRow(world, person, out, id, dupId, sales, history, firstOrderMs, causes.join('|'));
  countDirt(stats, person);
}

function countDirt(stats: Stats, person: Person): void {
  if (person.emailInvalid) stats.add('invalid_email');
  if (person.phoneMalformed) stats.add('malformed_phone');
  if (person.phone === null) stats.add('missing_phone');
}

function truthRow(
  world: World,
  p: Person,
  out: Out,
  id: string,
  dupId: string | null,
  sales: SalesOutcome | null,
  h: History,
  firstMs: number | null,
  causes: string,
): void {
  const clock = world.clocks[p.groupIndex];
  const orders = h.orders;
  const last = orders[orders.length - 1];
  const buyer = orders.length > 0;
  out.row('truth', [
    p.index,
    id,
    dupId ?? '',
    p.duplicate ?? '',
    p.kind,
    p.group.id,
    p.kind === 'stale' ? '' : p.channel,
    p.campaign,
    buyer,
    p.kind === 'stale' ? '' : p.lambda.toPrecision(6),
    p.kind === 'stale' ? '' : p.p.toPrecision(6),
    p.kind === 'stale' ? '' : p.nu.toPrecision(6),
    orders.length,
    firstMs === null ? '' : iso(firstMs),
    last ? iso(last.ms) : '',
    buyer ? orders.length - 1 : '',
    buyer ? (h.lastWeeks - h.firstWeeks).toFixed(4) : '',
    buyer && clock ? (clock.totalWeeks - h.firstWeeks).toFixed(4) : '',
    buyer ? h.dropped : '',
    h.dropped && last ? last.id : '',
    causes,
    p.email,
    p.emailInvalid,
    p.phone ?? '',
    p.phoneMalformed,
    p.kind === 'stale' ? '' : p.devices.map((d) => d.anonymousId).join('|'),
    orders.some((o) => o.channel === 'marketplace') ? relayEmail(world.seed, p.index) : '',
    sales?.outcome ?? '',
    sales?.heardFrom ?? '',
  ]);
}
