import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isValidPhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js';
import { parseCsv as readCsvRows } from './csv.js';
import { generateDemo } from './index.js';
import { CHURN, DIRTY } from './params.js';

type Row = Record<string, string>;

// Rows by header name, read with the generator's own RFC 4180 reader.
function parseCsv(text: string): Row[] {
  const [header = [], ...body] = readCsvRows(text);
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

const PLAIN_EMAIL = /^[^\s@,]+@[^\s@,]+\.[a-z]{2,}$/i;

describe('planted structure (2000 customers, seed 7)', () => {
  let dir: string;
  const t: Record<string, Row[]> = {};
  let counts: Record<string, number>;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'clientele-demo-'));
    await generateDemo({ customers: 2000, seed: 7, outDir: dir, workers: 0 });
    for (const name of ['customers', 'orders', 'order_items', 'truth', 'feedback', 'messages']) {
      t[name] = parseCsv(await readFile(join(dir, `${name}.csv`), 'utf8'));
    }
    counts = JSON.parse(await readFile(join(dir, 'truth.json'), 'utf8')).counts;
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const rows = (name: string): Row[] => t[name] ?? [];
  const bought = () => rows('orders').filter((o) => o.status !== 'cancelled');

  it('peaks in December', () => {
    const perDay = (months: number[], days: number) =>
      bought().filter((o) => months.includes(Number(o.order_ts?.slice(5, 7)))).length / days;
    const december = perDay([12], 31 * 3);
    const spring = perDay([3, 4, 5], 92 * 3);
    assert.ok(
      december > 1.8 * spring,
      `December ${december.toFixed(1)}/day vs spring ${spring.toFixed(1)}/day`,
    );
  });

  it('has the stated share of duplicate records, all recorded in the truth', () => {
    const truth = rows('truth');
    const pairs = truth.filter((r) => r.duplicate_id);
    assert.equal(rows('customers').length, truth.length + pairs.length);
    const share = pairs.length / truth.length;
    assert.ok(Math.abs(share - DIRTY.duplicate) < 0.015, `duplicate share ${share}`);
    const byId = new Map(rows('customers').map((c) => [c.customer_id, c]));
    for (const p of pairs) {
      const main = byId.get(p.customer_id ?? '');
      const dup = byId.get(p.duplicate_id ?? '');
      assert.ok(main && dup, `records of person ${p.person_id} are missing`);
      if (dup.email) assert.equal(dup.email.trim().toLowerCase(), p.email);
      if (dup.phone) assert.equal(parsePhoneNumberFromString(dup.phone, 'US')?.number, p.phone_e164);
      assert.ok(dup.email || dup.phone, 'a duplicate without email or phone cannot be matched');
      if (p.duplicate_kind !== 'email_case') assert.notEqual(dup.phone, main.phone);
    }
  });

  it('writes valid phones except the deliberately malformed ones', () => {
    const malformed = new Set(
      rows('truth')
        .filter((r) => r.phone_malformed === 'true')
        .map((r) => r.customer_id),
    );
    assert.ok(malformed.size > 0);
    for (const c of rows('customers')) {
      if (!c.phone) continue;
      assert.equal(
        isValidPhoneNumber(c.phone, 'US'),
        !malformed.has(c.customer_id),
        `${c.customer_id}: ${c.phone}`,
      );
    }
    assert.equal(counts.malformed_phone, malformed.size);
  });

  it('writes plain emails except the deliberately invalid ones', () => {
    const invalid = new Set(
      rows('truth')
        .filter((r) => r.email_invalid === 'true')
        .map((r) => r.customer_id),
    );
    const main = new Set(rows('truth').map((r) => r.customer_id));
    for (const c of rows('customers')) {
      if (!c.email || !main.has(c.customer_id)) continue;
      assert.equal(PLAIN_EMAIL.test(c.email), !invalid.has(c.customer_id), `${c.customer_id}: ${c.email}`);
    }
    assert.ok(invalid.size > 10 && invalid.size < 60, `${invalid.size} invalid emails`);
  });

  it('delivers the order before a dropout late far more often', () => {
    const last = new Set(
      rows('truth')
        .map((r) => r.dropout_order_id)
        .filter(Boolean),
    );
    const shipped = bought().filter((o) => o.promised_at && o.delivered_at);
    const lateShare = (os: Row[]) =>
      os.filter((o) => (o.delivered_at ?? '') > (o.promised_at ?? '')).length / os.length;
    const before = lateShare(shipped.filter((o) => last.has(o.order_id)));
    const other = lateShare(shipped.filter((o) => !last.has(o.order_id)));
    assert.ok(Math.abs(other - CHURN.late.base) < 0.02, `late share ${other}`);
    assert.ok(before > 3 * other, `late before dropout ${before} vs ${other}`);
  });

  it('plants bundles with a high lift', async () => {
    const truth = JSON.parse(await readFile(join(dir, 'truth.json'), 'utf8')) as {
      bundles: { productIds: string[] }[];
    };
    const baskets = new Map<string, Set<string>>();
    for (const line of rows('order_items')) {
      const b = baskets.get(line.order_id ?? '') ?? new Set<string>();
      b.add(line.product_id ?? '');
      baskets.set(line.order_id ?? '', b);
    }
    const n = baskets.size;
    const support = (ids: string[]) =>
      [...baskets.values()].filter((b) => ids.every((id) => b.has(id))).length;
    let seen = 0;
    for (const { productIds } of truth.bundles) {
      const [x = '', y = ''] = productIds;
      const both = support([x, y]);
      if (both < 5) continue;
      seen++;
      const lift = (both * n) / (support([x]) * support([y]));
      assert.ok(lift > 5, `${x}+${y} lift ${lift}`);
    }
    assert.ok(seen >= 6, `only ${seen} bundles seen`);
  });

  it('spends by group as planted', () => {
    const group = new Map(
      rows('truth').flatMap((r) => [
        [r.customer_id, r.group],
        [r.duplicate_id, r.group],
      ]),
    );
    const sums = new Map<string, [number, number]>();
    for (const o of bought()) {
      const g = group.get(o.customer_id);
      if (!g) continue;
      const [s, c] = sums.get(g) ?? [0, 0];
      sums.set(g, [s + Number(o.revenue), c + 1]);
    }
    const mean = (g: string) => {
      const [s, c] = sums.get(g) ?? [0, 1];
      return s / c;
    };
    assert.ok(mean('business') > mean('affluent_pro'));
    assert.ok(mean('affluent_pro') > mean('suburban_family'));
    assert.ok(mean('suburban_family') > mean('bargain_hunter'));
  });

  it('keeps prospects and stale records out of the orders', () => {
    const ordered = new Set(rows('orders').map((o) => o.customer_id));
    const truth = rows('truth');
    for (const r of truth.filter((x) => x.is_buyer === 'false')) {
      assert.ok(!ordered.has(r.customer_id ?? ''), `${r.customer_id} never bought but has orders`);
    }
    const stale = new Set(truth.filter((r) => r.kind === 'stale').map((r) => r.customer_id));
    assert.ok(stale.size > 20);
    for (const c of rows('customers').filter((x) => stale.has(x.customer_id))) {
      assert.ok((c.updated_at ?? '') < '2022-01-01', `${c.customer_id} updated ${c.updated_at}`);
    }
    for (const m of rows('messages')) assert.ok(!stale.has(m.customer_id), 'a stale record got a message');
    const prospects = rows('customers').filter((c) => c.is_prospect === 'true');
    assert.ok(prospects.length > 100);
  });

  it('writes worse reviews after late deliveries', () => {
    const late = new Set(
      bought()
        .filter((o) => o.delivered_at && o.delivered_at > (o.promised_at ?? ''))
        .map((o) => o.order_id),
    );
    const reviews = rows('feedback').filter((f) => f.kind === 'review');
    const stars = (rs: Row[]) => rs.reduce((s, r) => s + Number(r.rating), 0) / rs.length;
    const onLate = reviews.filter((r) => late.has(r.order_id ?? ''));
    assert.ok(stars(onLate) < stars(reviews.filter((r) => !late.has(r.order_id ?? ''))) - 0.6);
    assert.ok(onLate.every((r) => /late|delay|forever|waited/i.test(r.text ?? '')));
  });
});
