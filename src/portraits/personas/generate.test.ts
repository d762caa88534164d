import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { it } from 'node:test';
import { withTestDatabase, withTestDb } from '../../../test/helpers/engine.js';
import { tinyShop } from '../../../test/helpers/shop.js';
import { resolveIdentities } from '../../identity/index.js';
import { importFile } from '../../ingest/index.js';
import { forgetPerson } from '../../privacy/index.js';
import { saveSegment } from '../../segments/index.js';
import { openWarehouse, type SqlValue, type Warehouse } from '../../store/index.js';
import { analyze } from '../../text/index.js';
import { ensureAnalysed } from '../../voice/index.js';
import { dropParts, PART_PREFIX } from '../parts.js';
import { generatePersonas, personaOf } from './generate.js';

it('a failure of the words while the figures are measured is the caller’s error, not an unhandled rejection that ends the process', async () => {
  await withTestDb(async (db, dir) => {
    await tinyShop(dir, db);
    await resolveIdentities(db);
    await saveSegment(db, 'buyers', 'orders >= 1');
    // The words read through `numbers` (voice.ts), the figures through sessions of their own: only the words fail.
    const failing = new Proxy(db, {
      get(target, key, receiver) {
        if (key === 'numbers') return () => Promise.reject(new Error('the words failed'));
        const value = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as Warehouse;
    await assert.rejects(personaOf(failing, 'buyers'), /the words failed/);
  });
});

// Issue 13: the per-profile tables that depend on the data alone are kept per data state, so a new segmentation
// of the same data computes only the per-segment sums; the answers are the same as built afresh.
it('personas read the data-only parts kept for the data state: same answers, none rebuilt for new segments, dropped when the state moves', async () => {
  await withTestDb(async (db, dir) => {
    await tinyShop(dir, db);
    await resolveIdentities(db);
    await saveSegment(db, 'pp-buyers', 'orders >= 1');
    await saveSegment(db, 'pp-many', 'orders >= 2');
    const kept = async () =>
      (await db.all<{ name: string }>(db.dialect.tablesQuery))
        .map((r) => r.name)
        .filter((n) => n.startsWith(PART_PREFIX))
        .sort();
    assert.deepEqual(await kept(), []);
    const built = await generatePersonas(db, { segments: 'pp-' });
    const parts = await kept();
    for (const name of ['pt_base', 'pt_cat', 'pt_num', 'pt_orders', 'pf_orders', 'pf_msg', 'pf_prod'])
      assert.ok(
        parts.some((p) => p.endsWith(`_${name}`)),
        `${name} kept: ${parts.join(', ')}`,
      );
    // Computed again from the kept parts (the persona cache emptied): the same personas.
    await db.run('DELETE FROM persona_cache');
    assert.deepEqual(await generatePersonas(db, { segments: 'pp-' }), built);
    // Other members: only the per-segment part is computed; the parts are the same tables.
    await saveSegment(db, 'pp-many', 'orders >= 3');
    await generatePersonas(db, { segments: 'pp-' });
    assert.deepEqual(await kept(), parts, 'no part built again for a new segmentation');
    // Another time zone: its own active-times part beside the others.
    await generatePersonas(db, { segments: 'pp-', timeZone: 'Europe/Warsaw' });
    assert.equal((await kept()).length, parts.length + 1);
    // A new data state: its parts replace the old state's.
    await db.run("UPDATE upkeep_state SET value = value || ':moved' WHERE name = 'identity.resolved_from'");
    await generatePersonas(db, { segments: 'pp-' });
    const now = await kept();
    assert.equal(now.length, parts.length);
    assert.ok(
      now.every((p) => !parts.includes(p)),
      'the old state’s parts were dropped',
    );
    assert.equal(await dropParts(db), parts.length);
    assert.deepEqual(await kept(), []);
    // Built by two computations at once (the server's re-warm beside a visitor's portrait): each part once.
    await db.run('DELETE FROM persona_cache');
    const both = await Promise.all([
      generatePersonas(db, { segments: 'pp-' }),
      generatePersonas(db, { segments: 'pp-', timeZone: 'Europe/Warsaw' }),
    ]);
    assert.equal(both[0].length, 2);
    assert.equal((await kept()).length, parts.length + 1);
  });
});

// Issue 13: texts are scored when imported, so the first personas after an import do not score them.
it('an import of texts stores their language and sentiment before anyone reads them', async () => {
  await withTestDb(async (db, dir) => {
    await tinyShop(dir, db);
    await writeFile(
      join(dir, 'feedback.csv'),
      'feedback_id,customer_id,kind,rating,text,created_at\n' +
        'F1,C1,review,5,"Lovely shoes, great fit and fast delivery",2025-01-05T10:00:00Z\n' +
        'F2,C2,review,1,"Terrible, broke after a week and nobody answered",2025-01-06T10:00:00Z\n',
    );
    await importFile(db, join(dir, 'feedback.csv'), { kind: 'feedback' });
    const rows = await db.all<{ row_key: string; sentiment: number }>(
      "SELECT row_key, sentiment FROM text_analysis WHERE record_table = 'feedback' ORDER BY sentiment",
    );
    assert.equal(rows.length, 2, 'both texts scored at import');
    assert.ok(rows[0]!.sentiment < 0 && rows[1]!.sentiment > 0, JSON.stringify(rows));
    assert.equal(await ensureAnalysed(db, 'feedback'), 0, 'nothing left for a reader to score');
  });
});

// Issue 13: the check that every text is scored read and hashed every text on each persona computation.
it('the scoring check reads the texts again only after they changed', async () => {
  await withTestDb(async (db, dir) => {
    await tinyShop(dir, db);
    const feedback = (id: string, text: string) =>
      `feedback_id,customer_id,kind,rating,text,created_at\n${id},c1,review,4,"${text}",2025-01-05T10:00:00Z\n`;
    await writeFile(join(dir, 'f1.csv'), feedback('F1', 'Lovely shoes, great fit and fast delivery'));
    await importFile(db, join(dir, 'f1.csv'), { kind: 'feedback' });
    const reads: string[] = [];
    const counting = new Proxy(db, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        if (key === 'all')
          return (text: string, params?: readonly SqlValue[]) => {
            if (text.includes('FROM feedback t')) reads.push(text);
            return target.all(text, params);
          };
        // The texts to score are read as a stream (one row per distinct text).
        if (key === 'stream')
          return (text: string, onChunk: never, params?: readonly SqlValue[]) => {
            if (text.includes('FROM feedback t')) reads.push(text);
            return target.stream(text, onChunk, params);
          };
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as Warehouse;
    assert.equal(await ensureAnalysed(counting, 'all'), 0);
    assert.equal(reads.length, 1, 'checked once');
    assert.equal(await ensureAnalysed(counting, 'all'), 0);
    assert.equal(reads.length, 1, 'not read again while no text changed');
    // A text that arrives without scoring (no import: straight into the table) moves the counters.
    await db.run(
      `INSERT INTO feedback (feedback_id, customer_id, kind, rating, text, row_key, row_hash, import_id, source_row)
       SELECT 'F2', 'c2', 'review', 1, 'Terrible, broke after a week', 'F2-key', 'F2-hash', max(import_id), 1
       FROM imports`,
    );
    assert.equal(await ensureAnalysed(counting, 'all'), 1, 'the new text scored');
    assert.equal(reads.length, 2);
  });
});

// An erasure takes texts away (and their scores) without an import: texts arriving after it, as many as it took,
// left the counters where the last check saw them, and stayed unscored (sentiment missing) in this process.
it('the scoring check runs again after an erasure, even when as many texts arrive as it removed', async () => {
  await withTestDb(async (db, dir) => {
    await tinyShop(dir, db);
    const feedback = (id: string, customer: string, text: string) =>
      `feedback_id,customer_id,kind,rating,text,created_at\n${id},${customer},review,4,"${text}",2025-01-05T10:00:00Z\n`;
    await writeFile(
      join(dir, 'f1.csv'),
      feedback('F1', 'gone-1', 'Lovely shoes, great fit and fast delivery'),
    );
    await importFile(db, join(dir, 'f1.csv'), { kind: 'feedback' });
    assert.equal(await ensureAnalysed(db, 'all'), 0, 'scored by the import');
    const removed = await forgetPerson(db, 'gone-1');
    assert.equal(removed.removed.feedback, 1);
    // A text arrives without an import (as the Event API's social posts do): the counters are as before.
    await db.run(
      `INSERT INTO feedback (feedback_id, customer_id, kind, rating, text, row_key, row_hash, import_id, source_row)
       SELECT 'F2', 'c2', 'review', 1, 'Terrible, broke after a week', 'F2-key', 'F2-hash', max(import_id), 1
       FROM imports`,
    );
    assert.equal(await ensureAnalysed(db, 'all'), 1, 'the new text scored');
  });
});

// 17 million message subjects of a 1M-customer demo came into JavaScript at once and ended the import with
// the heap exhausted: each distinct text is analysed once, and the rows get their scores in the engine.
it('repeated texts are analysed once each and every row that holds one gets its scores', async () => {
  await withTestDatabase(async ({ location, dir }) => {
    // The smallest pool allowed (CLIENTELE_DB_POOL=2 on PostgreSQL): scoring must never hold two connections.
    const db = await openWarehouse(location, { poolSize: 2, poolWaitMs: 5000 });
    try {
      await tinyShop(dir, db);
      const subjects = [
        'Summer sale: our biggest of the season',
        'Sorry, your order is late',
        'Welcome aboard!',
      ];
      const lines = ['message_id,customer_id,channel,campaign,subject,sent_at'];
      for (let i = 0; i < 120; i++)
        lines.push(
          `M${i},C${(i % 3) + 1},email,c${i % 3},"${subjects[i % 3]}",2025-06-0${(i % 9) + 1}T10:00:00Z`,
        );
      await writeFile(join(dir, 'messages.csv'), `${lines.join('\n')}\n`);
      await importFile(db, join(dir, 'messages.csv'), { kind: 'messages' });
      await db.run("DELETE FROM text_analysis WHERE record_table = 'messages'");
      let textsRead = 0;
      const counting = new Proxy(db, {
        get(target, key, receiver) {
          const value = Reflect.get(target, key, receiver);
          if (key === 'stream')
            return (
              text: string,
              onChunk: (c: Record<string, unknown[]>) => void | Promise<void>,
              params?: readonly SqlValue[],
            ) =>
              target.stream(
                text,
                (c) => {
                  textsRead += Object.values(c)[0]?.length ?? 0;
                  return onChunk(c);
                },
                params,
              );
          return typeof value === 'function' ? value.bind(target) : value;
        },
      }) as Warehouse;
      assert.equal(await ensureAnalysed(counting, 'messages'), 120, 'every row scored');
      assert.equal(textsRead, 3, 'each distinct subject read and analysed once');
      const rows = await db.all<{ subject: string; sentiment: number; language: string; n: number }>(
        `SELECT m.subject, t.sentiment, t.language, count(*) AS n FROM messages m
       JOIN text_analysis t ON t.record_table = 'messages' AND t.row_key = m.row_key
       GROUP BY m.subject, t.sentiment, t.language ORDER BY m.subject`,
      );
      assert.equal(rows.length, 3, JSON.stringify(rows));
      for (const r of rows) {
        const doc = analyze(r.subject);
        assert.equal(Number(r.n), 40);
        assert.equal(r.language, doc.language);
        assert.equal(r.sentiment, Math.round(doc.sentiment * 1e4) / 1e4);
      }
      assert.equal(await ensureAnalysed(db, 'messages'), 0, 'nothing left');
    } finally {
      await db.close();
    }
  });
});
