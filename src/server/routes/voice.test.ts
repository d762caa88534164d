import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { it } from 'node:test';
import { ADMIN_TOKEN, withApi } from '../../../test/helpers/server.js';
import { importFile } from '../../ingest/index.js';

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

const FEEDBACK = `feedback_id,customer_id,kind,rating,text,created_at
f1,c1,review,1,"The delivery was late and the box was damaged",2025-01-02T10:00:00Z
f2,c2,review,5,"Love it, great quality and fast delivery",2025-01-03T10:00:00Z
f3,c3,review,2,"Late delivery again, not happy",2025-01-04T10:00:00Z
f4,c1,review,4,"Good value, would buy again",2025-01-05T10:00:00Z
`;
const NOTES = `note_id,customer_id,company,rep,created_at,stage,outcome,objections,text
n1,c9,Acme,Ann,2025-01-02T10:00:00Z,interest,follow-up,,"Asked about payment terms and volume discounts"
n2,c9,Acme,Ann,2025-01-09T10:00:00Z,closed,lost,price,"Closed lost. Needs net-60 payment terms."
`;

it('POST /v1/text/*, /v1/swot and /v1/notes/* answer as the CLI does and refuse unknown options', async () => {
  await withApi(async ({ app, db, dir }) => {
    await writeFile(join(dir, 'feedback.csv'), FEEDBACK);
    await writeFile(join(dir, 'notes.csv'), NOTES);
    await importFile(db, join(dir, 'feedback.csv'), { kind: 'feedback' });
    await importFile(db, join(dir, 'notes.csv'), { kind: 'notes' });
    const post = (path: string, payload: Record<string, unknown>, headers: Record<string, string> = admin) =>
      app.inject({ method: 'POST', url: path, headers, payload });

    const words = await post('/v1/text/words', { source: 'feedback', where: 'rating <= 2' });
    assert.equal(words.statusCode, 200, words.body);
    assert.equal(words.json().documents, 2);
    assert.ok(words.json().terms.some((t: { term: string }) => t.term === 'late'));
    const sentiment = await post('/v1/text/sentiment', { source: 'feedback', by: 'rating' });
    assert.equal(sentiment.statusCode, 200, sentiment.body);
    assert.equal(sentiment.json().documents, 4);
    const groups = sentiment.json().groups as { key: string; mean: number }[];
    assert.ok(groups.find((g) => g.key === '1')!.mean < groups.find((g) => g.key === '5')!.mean);
    assert.equal((await post('/v1/text/topics', { source: 'feedback' })).statusCode, 200);
    const swot = await post('/v1/swot', {});
    assert.equal(swot.statusCode, 200, swot.body);
    assert.ok(Array.isArray(swot.json().strengths));
    const hits = await post('/v1/notes/search', { query: 'payment term', outcome: 'lost' });
    assert.equal(hits.statusCode, 200, hits.body);
    assert.equal(hits.json().hits.length, 1);
    assert.equal(hits.json().hits[0].company, 'Acme');
    assert.equal((await post('/v1/notes/scenarios', {})).statusCode, 200);

    const bad = await post('/v1/text/words', { sourc: 'feedback' });
    assert.equal(bad.statusCode, 400);
    const source = await post('/v1/text/words', { source: 'tweets' });
    assert.equal(source.json().error.code, 'CLT_ERR_TEXT_SOURCE');
    assert.equal((await post('/v1/text/words', {}, {})).statusCode, 403);
  });
});
