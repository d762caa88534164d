import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { resolveIdentities } from '../src/identity/index.js';
import { saveSegment } from '../src/segments/index.js';
import { runCli, runCliJson } from './helpers/cli.js';
import { testDemoDatabase } from './helpers/demo.js';
import { ADMIN_TOKEN, withApi } from './helpers/server.js';
import { tinyShop } from './helpers/shop.js';
import { withTempDir } from './helpers/tmp.js';

// The fields `clientele personas --json` promises (issue 6), in order.
const FIELDS = [
  'segment',
  'size',
  'name',
  'avatar',
  'summary',
  'stage',
  'decisionMaker',
  'preferredChannel',
  'triggers',
  'holdbacks',
  'infoSources',
  'activeTimes',
  'negative',
  'evidence',
];
const HOSTILE = '<script>alert(1)</script>';

type Persona = Record<string, unknown> & {
  segment: string;
  name: string;
  avatar: string;
  negative: boolean;
  edited: string[];
  stage: string;
  decisionMaker: unknown;
  preferredChannel: unknown;
  triggers: unknown;
  holdbacks: unknown;
  unsupported: string[];
  warnings: { code: string; message: string }[];
};

// The seeds' must-haves: each a non-empty statement (or list of them), or one that says the data cannot support it.
function assertMustHaves(p: Persona): void {
  assert.ok(typeof p.stage === 'string' && p.stage !== '', `${p.segment}: stage`);
  for (const key of ['decisionMaker', 'preferredChannel'] as const) {
    const v = p[key];
    assert.ok(typeof v === 'string' && v.trim() !== '', `${p.segment}: ${key} is ${JSON.stringify(v)}`);
    if (p.unsupported.includes(key)) assert.match(v, /^Not enough data: /, `${p.segment}: ${key}`);
  }
  for (const key of ['triggers', 'holdbacks'] as const) {
    const v = p[key];
    assert.ok(Array.isArray(v) && v.length > 0, `${p.segment}: ${key} is ${JSON.stringify(v)}`);
    for (const item of v) assert.ok(typeof item === 'string' && item.trim() !== '', `${p.segment}: ${key}`);
    if (p.unsupported.includes(key)) assert.match(String(v[0]), /^Not enough data: /, `${p.segment}: ${key}`);
  }
  if (p.unsupported.length) assert.ok(p.warnings.length > 0, `${p.segment}: a gap is also a warning`);
}

function assertDistinct(list: readonly Persona[]): void {
  assert.equal(new Set(list.map((p) => p.name)).size, list.length, `names: ${list.map((p) => p.name)}`);
  assert.equal(new Set(list.map((p) => p.avatar)).size, list.length, 'no two personas share a face');
}

describe('clientele personas on the demo business', () => {
  test('personas of rule segments: every field, deterministic, edits survive, negative flagged, cards escaped', async () => {
    await withTempDir(async (dir) => {
      // The demo on the engine under test (CLIENTELE_TEST_ENGINE): on PostgreSQL, a copy of the DuckDB file.
      const db = ['--db', (await testDemoDatabase(dir, 1500)).location];
      await runCliJson(['model', 'clv', ...db]);
      await runCliJson(['model', 'churn', ...db]);
      await runCliJson(['segment', 'create', 'p-champions', '--where', 'orders >= 5', ...db]);
      await runCliJson(['segment', 'create', 'p-browsers', '--where', 'orders = 0', ...db]);
      await runCliJson(['segment', 'create', 'p-once', '--where', 'orders = 1', ...db]);

      const first = await runCliJson<Persona[]>(['personas', '--segments', 'p-', ...db]);
      const second = await runCliJson<Persona[]>(['personas', '--segments', 'p-', ...db]);
      assert.deepEqual(second, first, 'same data, same personas');
      assert.deepEqual(
        first.map((p) => p.segment),
        ['p-browsers', 'p-champions', 'p-once'],
      );
      for (const p of first) {
        assert.deepEqual(Object.keys(p).slice(0, FIELDS.length), FIELDS);
        assert.match(String(p.avatar), /^data:image\/svg\+xml/);
        for (const list of ['triggers', 'holdbacks', 'infoSources', 'evidence'])
          assert.ok(Array.isArray(p[list]), list);
        assertMustHaves(p);
      }
      assertDistinct(first);
      const byName = Object.fromEntries(first.map((p) => [p.segment, p]));
      assert.equal(byName['p-browsers']?.negative, true, 'people who never buy are a negative persona');
      assert.equal(byName['p-browsers']?.stage, 'prospect');
      assert.equal(byName['p-champions']?.negative, false);
      assert.equal(byName['p-champions']?.stage, 'loyal');
      // Money in the shop's currency (the orders' own), in the figures and in the sentences.
      const champions = byName['p-champions'] as Persona & { value: { currency: string | null } };
      assert.equal(champions.value.currency, 'USD');
      assert.match(String(champions.summary), /\$\d/, String(champions.summary));

      await runCliJson(['personas', 'edit', 'p-champions', '--name', HOSTILE, '--notes', 'reviewed', ...db]);
      const edited = await runCliJson<Persona[]>(['personas', '--segments', 'p-champions', ...db]);
      assert.equal(edited[0]?.name, HOSTILE, 'the edit survives regeneration');
      assert.deepEqual(edited[0]?.edited, ['name', 'notes']);
      assert.equal(edited[0]?.summary, byName['p-champions']?.summary);

      const out = join(dir, 'cards');
      const html = await runCli([
        'personas',
        '--segments',
        'p-champions',
        '--format',
        'html',
        '--out',
        out,
        ...db,
      ]);
      assert.equal(html.code, 0, html.stderr);
      const page = await readFile(join(out, 'persona-p-champions.html'), 'utf8');
      assert.ok(!page.includes(HOSTILE), 'a hostile name is never markup');
      assert.ok(page.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
      assert.match(page, /\$\d/, 'the card writes money with its currency');
      const png = await runCli([
        'personas',
        '--segments',
        'p-champions',
        '--format',
        'png',
        '--out',
        out,
        ...db,
      ]);
      assert.equal(png.code, 0, png.stderr);
      const bytes = await readFile(join(out, 'persona-p-champions.png'));
      assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG');

      const stages = await runCliJson<Persona[]>(['personas', '--by-stage', ...db]);
      assert.deepEqual(
        stages.map((p) => p.stage),
        ['prospect', 'first purchase', 'repeat', 'loyal', 'lapsing'],
      );
      for (const p of stages) assertMustHaves(p);
      assertDistinct(stages);
      // Prospects have no order to be preceded by anything: the card says so instead of an empty list.
      assert.match(
        String((stages[0]?.triggers as string[] | undefined)?.[0]),
        /^Not enough data: they have placed no order/,
      );

      // A segment of a handful of people: no finding, no action, every element says why, as the text does.
      await runCliJson(['segment', 'create', 'q-few', '--where', 'orders >= 25', ...db]);
      const [few] = await runCliJson<Persona[]>(['personas', '--segments', 'q-few', ...db]);
      assert.ok(few && (few.size as number) > 0 && (few.size as number) < 30, `q-few has ${few?.size}`);
      assertMustHaves(few);
      assert.deepEqual(few.unsupported, ['decisionMaker', 'preferredChannel', 'triggers', 'holdbacks']);
      assert.deepEqual(few.actions, []);
      assert.deepEqual(few.demographics, []);
      assert.deepEqual(few.topProducts, []);
      assert.deepEqual(
        few.warnings.map((w) => w.code),
        ['CLT_WARN_PERSONA_SMALL_SEGMENT'],
      );
      const fewText = await runCli(['personas', '--segments', 'q-few', ...db]);
      assert.match(
        fewText.stdout,
        /warning: q-few has \d+ members \(fewer than 30\).*CLT_WARN_PERSONA_SMALL_SEGMENT/,
      );

      const profile = await runCliJson<{
        size: number;
        distinguishing: { features: unknown[]; correction: string };
      }>(['segment', 'show', 'p-champions', ...db]);
      assert.equal(profile.size, byName['p-champions']?.size);
      assert.ok(profile.distinguishing.features.length > 0);
      const compare = await runCliJson<{ a: { size: number }; b: { size: number }; overlap: number }>([
        'segment',
        'compare',
        'p-champions',
        'p-browsers',
        ...db,
      ]);
      assert.equal(compare.overlap, 0);
      assert.equal(compare.b.size, byName['p-browsers']?.size);

      const missing = await runCli(['personas', ...db, '--json']);
      assert.equal(missing.code, 1, 'no clustering yet');
      assert.match(missing.stdout, /CLT_ERR_PERSONA_NO_SEGMENTS/);
    });
  });
});

describe('persona routes', () => {
  test('GET /v1/personas, PATCH an edit, cards and segment profiles, behind the admin token', async () => {
    await withApi(async ({ app, db, dir }) => {
      await tinyShop(dir, db);
      await resolveIdentities(db);
      await saveSegment(db, 'h-ny', "region = 'NY'");
      await saveSegment(db, 'h-ca', "region = 'CA'");
      const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
      assert.equal((await app.inject({ url: '/v1/personas?segments=h-' })).statusCode, 403);
      const list = await app.inject({ url: '/v1/personas?segments=h-', headers: auth });
      assert.equal(list.statusCode, 200);
      assert.deepEqual(
        list.json().map((p: Persona) => p.segment),
        ['h-ca', 'h-ny'],
      );
      const patch = await app.inject({
        method: 'PATCH',
        url: '/v1/personas/h-ny',
        headers: auth,
        payload: { name: HOSTILE, overrides: { stage: 'loyal' } },
      });
      assert.equal(patch.statusCode, 200, patch.body);
      assert.equal(patch.json().name, HOSTILE);
      const bad = await app.inject({
        method: 'PATCH',
        url: '/v1/personas/h-ny',
        headers: auth,
        payload: { overrides: { size: 1 } },
      });
      assert.equal(bad.statusCode, 400);
      const svg = await app.inject({ url: '/v1/personas/h-ny/card.svg', headers: auth });
      assert.equal(svg.statusCode, 200);
      assert.match(String(svg.headers['content-type']), /image\/svg\+xml/);
      assert.ok(!svg.body.includes(HOSTILE));
      const html = await app.inject({ url: '/v1/personas/h-ny/card.html', headers: auth });
      assert.ok(html.body.includes('&lt;script&gt;'));
      const png = await app.inject({ url: '/v1/personas/h-ny/card.png', headers: auth });
      assert.equal(png.headers['content-type'], 'image/png');
      assert.equal((await app.inject({ url: '/v1/personas/nope/card.svg', headers: auth })).statusCode, 404);
      const profile = await app.inject({ url: '/v1/segments/h-ny/profile', headers: auth });
      assert.equal(profile.json().size, 2);
      const compare = await app.inject({ url: '/v1/segments/compare?a=h-ny&b=h-ca', headers: auth });
      assert.equal(compare.statusCode, 200);
      assert.equal(compare.json().b.size, 2);
    });
  });
});
