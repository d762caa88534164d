// The in-memory decision index (src/placements/facts.ts) answers as the per-call database read did
// (test/helpers/decide-reference.ts), on the demo business, for many visitors, and follows the data: a new
// person, a changed record, a list segment's new members and a new model run.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { ensureCurrent } from '../src/identity/index.js';
import { importFile } from '../src/ingest/index.js';
import { runRfm } from '../src/modeling/rfm.js';
import { decisionIndex } from '../src/placements/facts.js';
import { type DecideContext, decide, savePlacement } from '../src/placements/index.js';
import { forgetPerson } from '../src/privacy/index.js';
import { saveSegment, saveStaticSegment } from '../src/segments/index.js';
import { join as joinSql, openWarehouse, param, sql, type Warehouse } from '../src/store/index.js';
import { referenceDecide } from './helpers/decide-reference.js';
import { testDemoDatabase } from './helpers/demo.js';
import { withTempDir } from './helpers/tmp.js';

const RULES = [
  { if: "in segment 'vip-list'", variant: 'vip', payload: { hero: 'thanks' } },
  { if: "local_hour >= 22 and device = 'mobile'", variant: 'night' },
  { if: "rfm_tier in ('At risk', 'Can''t lose them') and orders >= 2", variant: 'winback' },
  { if: "in segment 'big-spenders' and loyalty_tier = 'gold'", variant: 'gold' },
  { if: "region = 'CA' and not (loyalty_tier is null)", variant: 'west' },
  { if: 'loyalty_tier is null and revenue > 100', variant: 'unsure' },
  { if: 'is_new = true', variant: 'welcome' },
  { if: "weekday = 'sunday' and average_order_value >= 80", variant: 'weekend' },
  { variant: 'default' },
];

const CONTEXTS: Omit<DecideContext, 'is_new'>[] = [
  { local_hour: 12, weekday: 'monday', device: 'desktop', last_viewed_category: null, country: null },
  { local_hour: 23, weekday: 'sunday', device: 'mobile', last_viewed_category: 'shoes', country: 'PL' },
  { local_hour: 9, weekday: 'sunday', device: null, last_viewed_category: null, country: 'US' },
];

type Visitor = { userId?: string; email?: string; anonymousId?: string };

// Every kind of identifier the demo stores, in the spellings people send (an e-mail in capitals, a bare
// profile number), and visitors nobody knows.
async function visitors(db: Warehouse): Promise<Visitor[]> {
  const nodes = await db.all<{ id_type: string; value: string; p: number }>(
    `SELECT id_type, value, profile_id AS p FROM identity_nodes WHERE profile_id IS NOT NULL
     ORDER BY (node_id * 7919) % 10007, node_id LIMIT 120`,
  );
  const out: Visitor[] = [];
  for (const n of nodes) {
    if (n.id_type === 'email') out.push({ email: n.value.toUpperCase() });
    else if (n.id_type === 'anonymous_id') out.push({ anonymousId: n.value });
    else out.push({ userId: n.value });
    if (out.length % 20 === 0) out.push({ userId: String(n.p) });
  }
  out.push({ anonymousId: 'never-seen-1' }, { email: 'nobody@example.org' }, { userId: '99999999' }, {});
  return out;
}

async function compare(db: Warehouse, who: readonly Visitor[], label: string): Promise<Map<string, string>> {
  const now = new Date('2026-12-06T12:00:00Z');
  const answers = new Map<string, string>();
  for (const v of who) {
    for (const [i, context] of CONTEXTS.entries()) {
      const fast = await decide(db, 'hero', v, context, now);
      const slow = await referenceDecide(db, 'hero', v, context, now);
      assert.deepEqual(fast, slow, `${label}: ${JSON.stringify(v)} in context ${i}`);
      answers.set(`${JSON.stringify(v)}#${i}`, fast.variant ?? '');
    }
  }
  return answers;
}

test('decide answers from the index exactly as from the database, and follows new data', async () => {
  await withTempDir(async (dir) => {
    const demo = await testDemoDatabase(dir, 800, 3);
    const db = await openWarehouse(demo.location);
    try {
      await ensureCurrent(db);
      await runRfm(db);
      await saveSegment(db, 'big-spenders', 'revenue > 300');
      const [top] = await db.all<{ p: number }>(
        'SELECT profile_id AS p FROM profiles ORDER BY revenue DESC NULLS LAST, profile_id LIMIT 1',
      );
      const vipList = (ids: number[]) => {
        const q = sql`SELECT profile_id FROM profiles WHERE profile_id IN (${joinSql(
          ids.map((id) => param(id)),
          ', ',
        )})`;
        return saveStaticSegment(
          db,
          { name: 'vip-list', kind: 'upload', description: 'hand-picked' },
          { sql: q.text, params: q.params },
        );
      };
      await vipList([Number(top!.p)]);
      await savePlacement(db, 'hero', RULES);
      const who = [{ userId: String(top!.p) }, ...(await visitors(db))];
      const first = await compare(db, who, 'demo');
      const variants = new Set(first.values());
      for (const v of ['vip', 'night', 'welcome', 'default'])
        assert.ok(variants.has(v), `the rules reach '${v}' (${[...variants].join(', ')})`);
      assert.ok(variants.size >= 5, `at least five variants are reached: ${[...variants].join(', ')}`);

      // A new person arrives, a known one changes region, the list gains members and the model runs again.
      const [known] = await db.all<{ customer_id: string; p: number }>(
        `SELECT c.customer_id, rp.profile_id AS p FROM customers c
         JOIN record_profiles rp ON rp.record_table = 'customers' AND rp.row_key = c.row_key
         JOIN profiles p ON p.profile_id = rp.profile_id
         WHERE p.region <> 'CA' AND (p.traits->>'loyalty_tier') IS NOT NULL
           AND c.customer_id IS NOT NULL ORDER BY c.customer_id LIMIT 1`,
      );
      assert.ok(known, 'the demo has a customer outside CA with a loyalty tier');
      const [row] = await db.all<Record<string, unknown>>(
        `SELECT customer_id, email, region, country FROM customers WHERE customer_id = ?`,
        [known.customer_id],
      );
      await writeFile(
        join(dir, 'changes.csv'),
        `customer_id,email,region,country\nNEW-1,fresh.person@example.org,CA,US\n${known.customer_id},${row?.email ?? ''},CA,${row?.country ?? 'US'}\n`,
      );
      const context = CONTEXTS[0]!;
      const now = new Date('2026-12-06T12:00:00Z');
      assert.equal((await decide(db, 'hero', { userId: 'NEW-1' }, context, now)).variant, 'welcome');
      await importFile(db, join(dir, 'changes.csv'), { kind: 'customers' });
      await ensureCurrent(db);
      const fresh = await decide(db, 'hero', { userId: 'NEW-1' }, context, now);
      assert.notEqual(fresh.variant, 'welcome', 'a person known since the import is no longer new');
      assert.deepEqual(fresh, await referenceDecide(db, 'hero', { userId: 'NEW-1' }, context, now));
      const moved = await decide(db, 'hero', { userId: known.customer_id }, context, now);
      assert.deepEqual(moved, await referenceDecide(db, 'hero', { userId: known.customer_id }, context, now));

      const others = who.filter((v) => v.userId && /^\d+$/.test(v.userId)).map((v) => Number(v.userId));
      await vipList([Number(top!.p), ...others]);
      assert.equal(
        (await decide(db, 'hero', { userId: String(others[0]) }, context, now)).variant,
        'vip',
        'a new member of the list sees its variant at once',
      );
      await runRfm(db);
      const after = await compare(db, who, 'after the changes');
      assert.notDeepEqual(after, first, 'the answers moved with the data');
    } finally {
      await db.close();
    }
  });
});

test('when a few profiles change only they are read again, a person erased is gone, and many changes reload everything behind the index in use', async () => {
  await withTempDir(async (dir) => {
    const demo = await testDemoDatabase(dir, 800, 3);
    const db = await openWarehouse(demo.location);
    try {
      await ensureCurrent(db);
      // The rules over profile columns and traits (no saved segments here).
      await savePlacement(
        db,
        'hero',
        RULES.filter((r) => !r.if?.includes('segment')),
      );
      const context = CONTEXTS[0]!;
      const now = new Date('2026-12-06T12:00:00Z');
      const index = decisionIndex(db);
      await decide(db, 'hero', { anonymousId: 'warm-up' }, context, now);
      const loaded = index.stats();
      assert.equal(loaded.fullLoads, 1);
      assert.ok(loaded.profiles > 700, `${loaded.profiles} profiles`);
      const people = await db.all<{ customer_id: string; email: string | null; country: string | null }>(
        `SELECT customer_id, email, country FROM customers WHERE customer_id IS NOT NULL ORDER BY customer_id`,
      );
      const moveTo = async (file: string, who: typeof people, region: string) => {
        await writeFile(
          join(dir, file),
          `customer_id,email,region,country\n${who.map((p) => `${p.customer_id},${p.email ?? ''},${region},${p.country ?? 'US'}`).join('\n')}\nNEW-2,new.two@example.org,CA,US\n`,
        );
        await importFile(db, join(dir, file), { kind: 'customers' });
        return ensureCurrent(db);
      };
      const check = async (who: readonly Visitor[], label: string) => {
        for (const v of who)
          assert.deepEqual(
            await decide(db, 'hero', v, context, now),
            await referenceDecide(db, 'hero', v, context, now),
            `${label}: ${JSON.stringify(v)}`,
          );
      };

      // Three people move to California and one arrives: those four profiles are read again, nobody else.
      const three = people.slice(0, 3);
      const resolved = await moveTo('few.csv', three, 'CA');
      assert.equal(resolved?.refreshed, 4);
      await check(
        [
          ...three.map((p) => ({ userId: p.customer_id })),
          { userId: 'NEW-2' },
          { email: 'NEW.TWO@example.org' },
        ],
        'after a few changes',
      );
      const few = index.stats();
      assert.deepEqual(
        [few.fullLoads, few.incrementalLoads, few.lastLoadProfiles, few.profilesReloaded],
        [1, loaded.incrementalLoads + 1, 4, loaded.profilesReloaded + 4],
      );
      assert.equal(few.profiles, loaded.profiles + 1);

      // Someone asks to be forgotten: their profile is gone from the index, their e-mail names nobody.
      const gone = people[3]!;
      await forgetPerson(db, gone.customer_id);
      await check(
        [
          { userId: gone.customer_id },
          ...(gone.email ? [{ email: gone.email }] : []),
          { userId: people[4]!.customer_id },
        ],
        'after an erasure',
      );
      const erased = index.stats();
      assert.equal(erased.fullLoads, 1, 'an erasure is applied incrementally');
      assert.equal(erased.incrementalLoads, few.incrementalLoads + 1);
      assert.equal(erased.profiles, few.profiles - 1);

      // A third of the people change at once: one full reload, built beside the index that keeps answering.
      const many = people.slice(5, 5 + Math.ceil(people.length / 3));
      await moveTo('many.csv', many, 'OR');
      await decide(db, 'hero', { userId: many[0]!.customer_id }, context, now);
      await index.settled();
      await check(
        many.slice(0, 30).map((p) => ({ userId: p.customer_id })),
        'after many changes',
      );
      const reloaded = index.stats();
      assert.equal(reloaded.fullLoads, 2);
      assert.equal(reloaded.incrementalLoads, erased.incrementalLoads);
    } finally {
      await db.close();
    }
  });
});
