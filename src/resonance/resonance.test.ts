import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCliJson } from '../../test/helpers/cli.js';
import { withTestDatabase } from '../../test/helpers/engine.js';
import { withApi } from '../../test/helpers/server.js';
import { recordEngagement } from '../campaigns/index.js';
import { ensureCurrent } from '../identity/index.js';
import { importFile } from '../ingest/index.js';
import { saveSegment } from '../segments/index.js';
import { openWarehouse, type Warehouse } from '../store/index.js';
import { bestHour, resonanceOf, type Send, subjectWords } from './index.js';

const send = (over: Partial<Send>): Send => ({
  profileId: 1,
  type: 'newsletter',
  subject: null,
  hour: 10,
  opened: false,
  clicked: false,
  replied: false,
  ...over,
});

test('subjectWords() keeps distinct content words and drops stop words, numbers and short words', () => {
  assert.deepEqual(subjectWords('The SALE is on: 50 % off the sale! Wyprzedaż dla was'), [
    'sale',
    'wyprzedaż',
  ]);
  assert.deepEqual(subjectWords(null), []);
});

test('resonanceOf() finds a planted subject word and, with Benjamini–Hochberg, no false ones among twenty words of noise', () => {
  // 400 sends: subjects carry "sale" (opened 3 in 5) or not (opened 1 in 5), plus one of twenty filler
  // words, each on 20 consecutive sends of which 5 carry "sale": the filler words carry no signal.
  const fillers = Array.from({ length: 20 }, (_, i) => `word${String.fromCharCode(97 + i)}`);
  const sends: Send[] = [];
  for (let i = 0; i < 400; i++) {
    const sale = i % 4 === 0;
    sends.push(
      send({
        subject: `${sale ? 'Sale ' : ''}${fillers[Math.floor(i / 20) % 20]}`,
        opened: sale ? Math.floor(i / 4) % 5 < 3 : i % 5 === 1,
        hour: i % 24,
      }),
    );
  }
  const r = resonanceOf(sends);
  const sale = r.bySubjectWord.find((g) => g.key === 'sale')!;
  assert.equal(sale.sends, 100);
  assert.ok(sale.qValue! < 0.01, `q ${sale.qValue}`);
  assert.ok(sale.lift > 1.5);
  const falsePositives = r.bySubjectWord.filter(
    (g) => g.key !== 'sale' && g.qValue !== null && g.qValue < 0.05,
  );
  assert.deepEqual(falsePositives, []);
  // Every filler word has 20 sends: tested, with q ≥ p.
  for (const g of r.bySubjectWord) if (g.pValue !== null) assert.ok(g.qValue! >= g.pValue - 1e-12);
  assert.equal(r.byHour.length, 24);
  assert.deepEqual(r.warnings, []);
});

test('resonanceOf() warns on thin data and tests no group; bestHour() does not crown one lucky send', () => {
  const thin = resonanceOf([send({ opened: true }), send({ hour: 3 })]);
  assert.equal(thin.warnings[0]?.code, 'CLT_WARN_RESONANCE_THIN');
  assert.ok(thin.byType.every((g) => g.pValue === null && g.thin));
  const lucky = [
    send({ hour: 3, opened: true }),
    send({ hour: 3, opened: false }),
    ...Array.from({ length: 50 }, (_, i) => send({ hour: 10, opened: i < 30 })),
  ];
  assert.equal(bestHour(lucky), 10);
  assert.equal(bestHour([send({ hour: 3, opened: true })]), null);
});

async function plant(db: Warehouse, dir: string): Promise<void> {
  // Ann opens the 08:00 promos and replies to one; Bob opens nothing; Cy opens the newsletters.
  const rows = ['message_id,customer_id,channel,category,subject,sent_at,opened_at,clicked_at'];
  for (let d = 1; d <= 6; d++) {
    const day = `2026-11-${String(d).padStart(2, '0')}`;
    rows.push(
      `a${d},c1,email,promo,Winter sale ${d},${day}T08:00:00Z,${day}T08:30:00Z,${d <= 2 ? `${day}T08:31:00Z` : ''}`,
    );
    rows.push(`b${d},c2,email,promo,Winter sale ${d},${day}T20:00:00Z,,`);
    rows.push(`c${d},c3,email,newsletter,News ${d},${day}T12:00:00Z,${day}T13:00:00Z,`);
    rows.push(`s${d},c1,sms,promo,Text ${d},${day}T09:00:00Z,,`);
  }
  await writeFile(
    join(dir, 'customers.csv'),
    'customer_id,email,country\nc1,ann@x.io,US\nc2,bob@x.io,US\nc3,cy@x.io,FR\n',
  );
  await writeFile(join(dir, 'messages.csv'), `${rows.join('\n')}\n`);
  await importFile(db, join(dir, 'customers.csv'), { kind: 'customers' });
  await importFile(db, join(dir, 'messages.csv'), { kind: 'messages' });
  await ensureCurrent(db);
  await recordEngagement(db, 'a3', 'reply');
}

test('GET /v1/resonance answers per person and per segment, e-mail only, with replies and the best hour', async () => {
  await withApi(async (api) => {
    await plant(api.db, api.dir);
    await saveSegment(api.db, 'us', "country = 'US'");
    const ask = async (query: string) => {
      const res = await api.app.inject({
        method: 'GET',
        url: `/v1/resonance?${query}`,
        headers: { authorization: 'Bearer test-admin-token' },
      });
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as {
        sends: number;
        opens: number;
        clicks: number;
        replies: number;
        openRate: number;
        bestSendHour: number | null;
        byType: { key: string; sends: number }[];
        byHour: { key: string }[];
        warnings: { code: string }[];
      };
    };
    const ann = await ask('customer=ann@x.io');
    assert.deepEqual(
      [ann.sends, ann.opens, ann.clicks, ann.replies, ann.openRate, ann.bestSendHour],
      [6, 6, 2, 1, 1, 8],
    );
    assert.deepEqual(
      ann.byType.map((g) => [g.key, g.sends]),
      [['promo', 6]],
    );
    const us = await ask('segment=us');
    assert.equal(us.sends, 12);
    assert.deepEqual(
      us.byHour.map((g) => g.key),
      ['08', '20'],
    );
    assert.equal(us.warnings[0]?.code, 'CLT_WARN_RESONANCE_THIN');
    const all = await ask('');
    assert.equal(all.sends, 18);
    assert.deepEqual(
      all.byType.map((g) => [g.key, g.sends]),
      [
        ['promo', 12],
        ['newsletter', 6],
      ],
    );
    const missing = await api.app.inject({
      method: 'GET',
      url: '/v1/resonance?segment=nope',
      headers: { authorization: 'Bearer test-admin-token' },
    });
    assert.equal((missing.json() as { error: { code: string } }).error.code, 'CLT_ERR_SEGMENT_NOT_FOUND');
    const nobody = await api.app.inject({
      method: 'GET',
      url: '/v1/resonance?customer=nobody@x.io',
      headers: { authorization: 'Bearer test-admin-token' },
    });
    assert.equal(nobody.statusCode, 404);
  });
});

test('clientele resonance --json prints the report and stores email_open_rate and best_send_hour, which segments use', async () => {
  await withTestDatabase(async ({ location: file, dir }) => {
    const db = await openWarehouse(file);
    try {
      await plant(db, dir);
    } finally {
      await db.close();
    }
    const r = await runCliJson<{ sends: number; scope: { profileId: number | null } }>([
      '--db',
      file,
      'resonance',
      '--customer',
      'c3',
      '--json',
    ]);
    assert.equal(r.sends, 6);
    assert.ok(r.scope.profileId !== null);
    const again = await openWarehouse(file);
    try {
      await saveSegment(again, 'opens-at-eight', 'email_open_rate > 0.5 and best_send_hour = 8');
      await saveSegment(again, 'never-opens', 'email_open_rate = 0');
      const members = async (segment: string) =>
        (
          await again.all<{ id: string }>(
            `SELECT p.customer_ids[1] AS id FROM segment_membership m JOIN profiles p USING (profile_id)
             WHERE m.segment = ? AND m.exited_at IS NULL ORDER BY 1`,
            [segment],
          )
        ).map((m) => m.id);
      assert.deepEqual(await members('opens-at-eight'), ['c1']);
      assert.deepEqual(await members('never-opens'), ['c2']);
    } finally {
      await again.close();
    }
  });
});
