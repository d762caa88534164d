import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { withTestDb } from '../../test/helpers/engine.js';
import { numbersIn, tinyShop } from '../../test/helpers/shop.js';
import { ensureCurrent, resolveIdentities } from '../identity/index.js';
import { importFile } from '../ingest/index.js';
import { deleteSegment, refreshSegments, saveSegment } from '../segments/index.js';
import {
  compareSegments,
  editPersona,
  generatePersonas,
  personaHtml,
  personaJob,
  personaSvg,
  profileSegment,
} from './index.js';

// Three support tickets from c1 with a hostile subject: customer-written text that must never become markup.
const FEEDBACK = `feedback_id,customer_id,kind,subject,text,created_at
f1,c1,ticket,<script>alert(1)</script>,help,2024-01-10T10:00:00Z
f2,c1,ticket,<script>alert(1)</script>,help,2024-02-10T10:00:00Z
f3,c2,ticket,<script>alert(1)</script>,help,2024-03-10T10:00:00Z
`;

describe('portraits over the tiny shop', () => {
  test('profileSegment() measures size, revenue share and distributions in SQL; compareSegments() sets two side by side', async () => {
    await withTestDb(async (db, dir) => {
      await tinyShop(dir, db);
      await resolveIdentities(db);
      await saveSegment(db, 'ny', "region = 'NY'");
      await saveSegment(db, 'rest', "region <> 'NY'");
      const p = await profileSegment(db, 'ny');
      assert.equal(p.size, 2);
      assert.equal(p.share, 0.4);
      // c1: 110 + 100, c2: 110 (the cancelled 999 is no purchase) of 585 in all.
      assert.equal(p.revenue.total, 320);
      assert.equal(p.revenue.share, Number((320 / 585).toPrecision(4)));
      assert.equal(p.buyers.share, 1);
      assert.deepEqual(
        p.distributions.channels?.acquisition_source?.map((v) => [v.value, v.share, v.restShare]),
        [['social', 1, 0]],
      );
      assert.equal(p.clv, null, 'no model has run');
      assert.match(p.distinguishing.correction, /Benjamini–Hochberg/);
      assert.equal(p.trend.sizes.length, 1);
      assert.deepEqual(
        p.trend.monthlyRevenue.map((m) => [m.month, m.revenue]),
        [
          ['2024-01', 220],
          ['2024-02', 100],
        ],
      );
      assert.equal(p.products[0]?.product, 'Tent');
      assert.equal(p.products[0]?.share, 1);
      assert.ok(numbersIn(p).every(Number.isFinite));

      const c = await compareSegments(db, 'ny', 'rest');
      assert.equal(c.a.size, 2);
      assert.equal(c.b.size, 3);
      assert.equal(c.overlap, 0);
      assert.equal(c.b.revenue.total, 265);
      // Two people are too few to test (levels need five): the distribution still shows them.
      assert.deepEqual(
        c.distributions.channels?.acquisition_source?.map((v) => [v.value, v.share, v.restShare]),
        [['social', 1, 0]],
      );
      assert.equal(
        c.differences.features.find((f) => f.value === 'social'),
        undefined,
      );
      assert.ok(numbersIn(c).every(Number.isFinite));
      await assert.rejects(profileSegment(db, 'nope'), { code: 'CLT_ERR_SEGMENT_NOT_FOUND' });
    });
  });

  test('personas are deterministic, carry evidence, keep edits across regeneration and escape hostile text in cards', async () => {
    await withTestDb(async (db, dir) => {
      await tinyShop(dir, db);
      await writeFile(join(dir, 'feedback.csv'), FEEDBACK);
      await importFile(db, join(dir, 'feedback.csv'), { kind: 'feedback' });
      await resolveIdentities(db);
      await saveSegment(db, 't-ny', "region = 'NY'");
      await saveSegment(db, 't-browsers', 'orders = 0');
      await assert.rejects(generatePersonas(db), { code: 'CLT_ERR_PERSONA_NO_SEGMENTS' });
      const first = await generatePersonas(db, { segments: 't-' });
      const again = await generatePersonas(db, { segments: 't-' });
      assert.deepEqual(again, first, 'same data, same personas');
      assert.deepEqual(
        first.map((p) => p.segment),
        ['t-browsers', 't-ny'],
      );
      const [browsers, ny] = first;
      assert.ok(browsers && ny);
      assert.equal(browsers.negative, true, 'never buys');
      assert.equal(browsers.stage, 'prospect');
      assert.equal(ny.negative, false);
      assert.match(ny.avatar, /^data:image\/svg\+xml/);
      // Two and three members: each persona states its size, stage and value, and no finding.
      for (const p of first) {
        assert.deepEqual(
          p.warnings.map((w) => w.code),
          ['CLT_WARN_PERSONA_SMALL_SEGMENT'],
        );
        assert.deepEqual(p.actions, [], 'no playbook action quotes the figures of two people');
        assert.deepEqual(p.demographics, []);
        assert.deepEqual(p.unsupported, ['decisionMaker', 'preferredChannel', 'triggers', 'holdbacks']);
        for (const element of [p.decisionMaker, p.preferredChannel, ...p.triggers, ...p.holdbacks])
          assert.match(element, /^Not enough data: the segment has \d members/);
        assert.ok(p.evidence.length > 0);
        for (const e of p.evidence) assert.ok(Object.keys(e.figures).length > 0, e.statement);
      }
      assert.ok(
        !ny.holdbacks.some((h) => h.includes('<script>')),
        'three complaints of two people are no finding',
      );

      // Text people type reaches the card only as text: here a holdback edited in with markup in it.
      await editPersona(db, 't-ny', { overrides: { holdbacks: ['<script>alert(1)</script>'] } });
      const hostile = (await generatePersonas(db, { segments: 't-ny' }))[0];
      assert.ok(hostile);
      assert.deepEqual(hostile.unsupported, ['decisionMaker', 'preferredChannel', 'triggers']);
      await editPersona(db, 't-ny', { overrides: { holdbacks: null } });
      const html = personaHtml(hostile);
      const svg = personaSvg(hostile);
      assert.ok(!html.includes('<script>'), 'escaped in HTML');
      assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
      assert.ok(!svg.includes('<script>'), 'escaped in SVG');

      await editPersona(db, 't-ny', { name: 'Nora from New York', notes: 'checked by marketing' });
      await editPersona(db, 't-ny', { overrides: { preferredChannel: 'email' } });
      const edited = (await generatePersonas(db, { segments: 't-ny' }))[0];
      assert.equal(edited?.name, 'Nora from New York');
      assert.equal(edited?.notes, 'checked by marketing');
      assert.equal(edited?.preferredChannel, 'email');
      assert.deepEqual(edited?.edited, ['name', 'notes', 'preferredChannel']);
      assert.equal(edited?.summary, ny.summary, 'unedited fields stay generated');
      await assert.rejects(editPersona(db, 't-ny', { overrides: { size: 3 } }), {
        code: 'CLT_ERR_PERSONA_EDIT',
      });
      await editPersona(db, 't-ny', { name: null });
      assert.equal((await generatePersonas(db, { segments: 't-ny' }))[0]?.name, ny.name, 'a cleared edit');
    });
  });

  test('distinguishing features are drivers: significant and large enough to matter, never a lift of about 1', async () => {
    await withTestDb(async (db, dir) => {
      // 6,000 customers; the west is 3,000 of them. Its women are 54 % against 50 % elsewhere (significant at
      // this size, lift 1.08, Cohen's h 0.08: no driver); its gold members 40 % against 10 % (a driver).
      const rows = ['customer_id,email,region,gender,loyalty_tier'];
      for (let i = 0; i < 6000; i++) {
        const west = i < 3000;
        const k = west ? i : i - 3000;
        const gender = k < (west ? 1620 : 1500) ? 'female' : 'male';
        const tier = k % 10 < (west ? 4 : 1) ? 'gold' : 'basic';
        rows.push(`c${i},c${i}@x.io,${west ? 'W' : 'E'},${gender},${tier}`);
      }
      await writeFile(join(dir, 'many.csv'), `${rows.join('\n')}\n`);
      await importFile(db, join(dir, 'many.csv'), { kind: 'customers' });
      await resolveIdentities(db);
      await saveSegment(db, 'west', "region = 'W'");
      const p = await profileSegment(db, 'west');
      assert.equal(p.size, 3000);
      const women = p.distinguishing.features.find((f) => f.feature === 'gender' && f.value === 'female');
      assert.equal(women, undefined, 'a lift of 1.08 is no driver, however significant');
      const gold = p.distinguishing.features.find((f) => f.value === 'gold');
      assert.equal(gold?.lift, 4);
      for (const f of p.distinguishing.features) {
        assert.ok((f.qValue ?? 1) < 0.05, `${f.feature} ${f.value}: q ${f.qValue}`);
        assert.ok(Math.abs(f.effect ?? 0) >= 0.2, `${f.feature} ${f.value}: effect ${f.effect}`);
        assert.ok(f.lift === null || Math.abs(f.lift - 1) >= 0.1, `${f.feature} ${f.value}: lift ${f.lift}`);
      }
    });
  });

  test('a segment measured once is read again while its members are the same, and measured again when they change', async () => {
    await withTestDb(async (db, dir) => {
      await tinyShop(dir, db);
      await resolveIdentities(db);
      // c1 and c3 placed two orders each.
      await saveSegment(db, 'repeat', 'orders >= 2');
      const job = await personaJob(db, { segments: 'repeat' });
      const first = await profileSegment(db, 'repeat');
      assert.equal(first.size, 2);
      // Another prefix that selects the same segments names the same personas (the report's and the gallery's).
      assert.equal((await personaJob(db, { segments: '' })).key, job.key);

      // A refresh that finds the same members: the personas' key and the measurement stay; the size history
      // (read each time) has one more point.
      await refreshSegments(db);
      assert.equal((await personaJob(db, { segments: 'repeat' })).key, job.key);
      const same = await profileSegment(db, 'repeat');
      assert.equal(same.distributions, first.distributions);
      assert.equal(same.trend.sizes.length, first.trend.sizes.length + 1);

      // c4's second order: c4 enters at the next refresh, and neither the personas nor the measurement of the
      // old members is read again.
      await writeFile(
        join(dir, 'more.csv'),
        'order_id,customer_id,order_ts,revenue,status\no9,c4,2024-03-20T10:00:00Z,40,completed\n',
      );
      await importFile(db, join(dir, 'more.csv'), { kind: 'orders' });
      await ensureCurrent(db);
      await refreshSegments(db);
      const moved = await personaJob(db, { segments: 'repeat' });
      assert.notEqual(moved.key, job.key);
      const after = await profileSegment(db, 'repeat');
      assert.notEqual(after.distributions, first.distributions);
      assert.equal(after.size, 3);
      assert.equal(after.revenue.total, first.revenue.total + 125 + 40);

      // The same name saved again with another rule, the data unchanged: other members, another answer.
      await deleteSegment(db, 'repeat');
      await saveSegment(db, 'repeat', 'orders >= 1');
      assert.notEqual((await personaJob(db, { segments: 'repeat' })).key, moved.key);
      assert.equal((await profileSegment(db, 'repeat')).size, 5);
    });
  });
});
