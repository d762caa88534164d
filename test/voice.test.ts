import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { matchKeywords } from '../src/text/index.js';
import { runCli, runCliJson } from './helpers/cli.js';
import { testDemoDatabase } from './helpers/demo.js';
import { withTestDatabase } from './helpers/engine.js';

type Words = {
  documents: number;
  terms: { term: string; count: number; documents: number; weight: number; z: number | null }[];
};

describe('social posts join profiles through their handles', () => {
  test('a post carrying only a Twitter handle reaches the customer whose record has it', () =>
    withTestDatabase(async ({ location, dir }) => {
      const db = ['--db', location];
      await writeFile(
        join(dir, 'customers.csv'),
        'customer_id,email,twitter,instagram\nc1,ann@x.io,@AnnSmith,\nc2,bob@x.io,,@bob.b\n',
      );
      await writeFile(
        join(dir, 'posts.csv'),
        [
          'post_id,platform,handle,kind,text,target,url,posted_at',
          'p1,twitter,annsmith,post,Love the new #HarborHaul boots!,,https://x.com/p1,2025-01-02T10:00:00Z',
          'p2,x,@AnnSmith,mention,"Delivery was late, not impressed",,,2025-01-03T10:00:00Z',
          'p3,instagram,@bob.b,like,,post:spring-sale,,2025-01-04T10:00:00Z',
          'p4,tiktok,@someone,post,<b>html</b> stays text 😀,,,2025-01-05T10:00:00Z',
        ].join('\n'),
      );
      await runCliJson(['import', join(dir, 'customers.csv'), ...db]);
      const imported = await runCliJson<{ accepted?: number }>([
        'import',
        join(dir, 'posts.csv'),
        '--as',
        'social',
        ...db,
      ]);
      assert.ok(JSON.stringify(imported).includes('"social"'), JSON.stringify(imported));
      await runCliJson(['segment', 'create', 'ann', '--where', "email = 'ann@x.io'", ...db]);
      const ann = await runCliJson<Words>(['words', '--source', 'social', '--segment', 'ann', ...db]);
      assert.equal(ann.documents, 2, 'both of her posts, by handle alone');
      const all = await runCliJson<Words>(['words', '--source', 'social', ...db]);
      assert.equal(all.documents, 3, 'the like has no text');
      assert.ok(all.terms.some((t) => t.term === '😀'));
      assert.ok(all.terms.some((t) => t.term === 'html'));
    }));
});

describe('the voice of the customer on the demo business', () => {
  let dir = '';
  let db: string[] = [];
  let truth: { counts: Record<string, number>; parameters: { social: { keywords: { keyword: string }[] } } };
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'clientele-voice-'));
    // The demo business of `clientele demo --customers 1500` (seed 7), built once for the suite.
    const demo = await testDemoDatabase(dir, 1500);
    db = ['--db', demo.location];
    truth = JSON.parse(await readFile(join(demo.data, 'truth.json'), 'utf8'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('words finds the planted keyword mentions in social posts, as many as the truth planted', async () => {
    const planted = truth.parameters.social.keywords[0]!.keyword;
    const expected = truth.counts[`social.keyword.${planted}`] ?? 0;
    assert.ok(expected > 20, `planted ${expected}`);
    const words = await runCliJson<Words>(['words', '--source', 'social', '--top', '30', ...db]);
    const hit = words.terms.find((t) => t.term.split(' ').includes(planted.toLowerCase()));
    assert.ok(hit, words.terms.map((t) => t.term).join(', '));
    assert.equal(hit.documents, expected);
    // The same texts through the alerts' matcher.
    const docs = await runCliJson<{ documents: { id: string }[] }>([
      'sentiment',
      '--source',
      'social',
      '--documents',
      ...db,
    ]);
    assert.ok(docs.documents.length > expected);
    assert.deepEqual(matchKeywords(`My ${planted} haul`, [planted.toLowerCase()]), [planted.toLowerCase()]);
  });

  test('likes of the planted post are counted as the truth planted them', async () => {
    const likes = truth.counts['social.like'] ?? 0;
    assert.ok(likes > 20);
    const s = await runCliJson<{ count: number }>([
      'sentiment',
      '--source',
      'social',
      '--where',
      "kind = 'like'",
      ...db,
    ]);
    assert.equal(s.count, 0, 'a like has no text to score');
    const run = await runCli(['words', '--source', 'social', '--where', "kind = 'like'", '--json', ...db]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout).documents, 0);
  });

  test("a segment's distinctive words are its group's planted themes (log-odds against the rest)", async () => {
    await runCliJson(['segment', 'create', 'b2b', '--where', 'company is not null', ...db]);
    const words = await runCliJson<Words & { compareTo: string }>([
      'words',
      '--source',
      'feedback',
      '--segment',
      'b2b',
      '--compare-to',
      'rest',
      '--top',
      '25',
      ...db,
    ]);
    assert.equal(words.compareTo, 'rest');
    const planted = ['office', 'staff', 'bulk', 'invoice', 'team'];
    const found = words.terms.filter(
      (t) => planted.some((p) => t.term.split(' ').includes(p)) && (t.z ?? 0) > 1.96,
    );
    assert.ok(found.length >= 2, words.terms.map((t) => `${t.term}:${t.z}`).join(', '));
  });

  test('personas speak in their own words: planted themes, masked quotes, sentiment, and new texts count', async () => {
    await runCliJson(['segment', 'create', 'v-b2b', '--where', 'company is not null', ...db]);
    await runCliJson(['segment', 'create', 'v-consumer', '--where', 'company is null', ...db]);
    type Voice = {
      documents: number;
      terms: { term: string; z: number; documents: number }[];
      quotes: { text: string; source: string; sentiment: number | null }[];
      sentiment: { mean: number | null; negativeShare: number | null; positiveShare: number | null };
    };
    const read = async () =>
      new Map(
        (await runCliJson<{ segment: string; voice: Voice }[]>(['personas', '--segments', 'v-', ...db])).map(
          (p) => [p.segment, p.voice],
        ),
      );
    const first = await read();
    const b2b = first.get('v-b2b')!;
    const planted = ['office', 'staff', 'bulk', 'invoice', 'team'];
    assert.ok(
      b2b.terms.some((t) => planted.some((p) => t.term.split(' ').includes(p)) && t.z >= 1.96),
      b2b.terms.map((t) => `${t.term}:${t.z}`).join(', '),
    );
    for (const v of first.values()) {
      assert.ok(v.documents > 0);
      assert.ok(v.quotes.length >= 2 && v.quotes.length <= 3, JSON.stringify(v.quotes));
      for (const q of v.quotes) {
        assert.ok(q.text.length <= 180);
        assert.doesNotMatch(q.text, /[\w.]+@[\w-]+\.\w{2,}/, 'no e-mail address in a quote');
      }
      assert.ok(v.sentiment.mean !== null && v.sentiment.mean >= -1 && v.sentiment.mean <= 1);
    }
    // A new text by a B2B customer: the cached personas are not served, the count moves by one.
    const [someone] = await runCliJson<{ customerIds: string[] }[]>([
      'segment',
      'members',
      'v-b2b',
      '--limit',
      '1',
      ...db,
    ]);
    const customer = someone?.customerIds[0];
    assert.ok(customer, 'a B2B member with a customer id');
    {
      await writeFile(
        join(dir, 'more-feedback.csv'),
        `feedback_id,customer_id,kind,rating,text,created_at\nFX1,${customer},review,2,"Invoice arrived late again, call me on +48 601 234 567",2025-12-05T10:00:00Z\n`,
      );
      await runCliJson(['import', join(dir, 'more-feedback.csv'), '--as', 'feedback', ...db]);
      const second = await read();
      assert.equal(second.get('v-b2b')!.documents, b2b.documents + 1);
    }
  });

  test('sentiment follows the stars and is stored for segments', async () => {
    const s = await runCliJson<{
      count: number;
      mean: number;
      groups: { key: string; n: number; mean: number }[];
    }>(['sentiment', '--source', 'feedback', '--where', "kind = 'review'", '--by', 'rating', ...db]);
    const mean = (k: string) => s.groups.find((g) => g.key === k)?.mean ?? Number.NaN;
    assert.ok(mean('1') < mean('3') && mean('3') < mean('5'), JSON.stringify(s.groups));
    const preview = await runCliJson<{ count: number }>([
      'segment',
      'preview',
      '--where',
      'avg_sentiment < -0.3',
      ...db,
    ]);
    assert.ok(preview.count > 0);
  });

  test('topics, swot, notes search and scenarios answer in their shapes', async () => {
    const t = await runCliJson<{
      topics: {
        id: number;
        label: string;
        terms: string[];
        documents: number;
        share: number;
        sentiment: number;
        trend: unknown;
      }[];
    }>(['topics', '--source', 'feedback', ...db]);
    assert.ok(t.topics.length >= 2);
    for (const key of ['id', 'label', 'terms', 'documents', 'share', 'sentiment', 'trend'])
      assert.ok(key in t.topics[0]!);
    assert.ok(
      t.topics.some((x) => /late|delivery|damage|refund/.test(x.label)),
      t.topics.map((x) => x.label).join(' | '),
    );
    const swot = await runCliJson<Record<string, unknown>>(['swot', ...db]);
    for (const key of ['strengths', 'weaknesses', 'opportunities', 'threats', 'tows']) assert.ok(key in swot);
    assert.ok((swot.weaknesses as unknown[]).length > 0);
    const hits = await runCliJson<{
      hits: { outcome: string; snippet: string; highlights: [number, number][]; score: number }[];
    }>(['notes', 'search', 'payment terms', '--outcome', 'lost', ...db]);
    assert.ok(hits.hits.length > 0);
    for (const h of hits.hits) {
      assert.equal(h.outcome, 'lost');
      const [s, e] = h.highlights[0]!;
      assert.match(h.snippet.slice(s, e).toLowerCase(), /payment|terms?/);
    }
    const scenarios = await runCliJson<{ stages: { stage: string }[]; heardFrom: unknown[] }>([
      'scenarios',
      ...db,
    ]);
    assert.ok(scenarios.stages.some((s) => s.stage === 'negotiation'));
    assert.ok(scenarios.heardFrom.length > 0);
  });

  test('the cloud is drawn as SVG; bad options are refused with their codes', async () => {
    const out = join(dir, 'cloud.svg');
    const run = await runCli(['words', '--format', 'svg', '--out', out, ...db]);
    assert.equal(run.code, 0, run.stderr);
    assert.ok((await readFile(out, 'utf8')).startsWith('<svg'));
    const png = join(dir, 'cloud.png');
    const drawn = await runCli(['words', '--format', 'png', '--out', png, ...db]);
    assert.equal(drawn.code, 0, drawn.stderr);
    const bytes = await readFile(png);
    assert.deepEqual([...bytes.subarray(1, 4)], [0x50, 0x4e, 0x47], 'a PNG signature');
    // Twice the SVG's width (IHDR's width is the big-endian word at byte 16); the SVG is cut to its words.
    const svgWidth = Number(/width="(\d+)"/.exec(await readFile(out, 'utf8'))?.[1]);
    assert.ok(svgWidth > 100 && svgWidth <= 800, `svg width ${svgWidth}`);
    assert.equal(bytes.readUInt32BE(16), 2 * svgWidth);
    for (const [args, code] of [
      [['words', '--source', 'tweets'], 'CLT_ERR_TEXT_SOURCE'],
      [['words', '--where', 'nofield = 1'], 'CLT_ERR_SEGMENT_INVALID'],
      [['words', '--format', 'gif', '--out', out], 'CLT_ERR_TEXT_FORMAT'],
      [['words', '--language', 'xx'], 'CLT_ERR_TEXT_LANGUAGE'],
    ] as const) {
      const bad = await runCli([...args, '--json', ...db]);
      assert.equal(bad.code, 2, `${args.join(' ')}: ${bad.stderr}`);
      assert.equal(JSON.parse(bad.stdout).error.code, code);
    }
  });
});
