import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Report } from '../src/contracts/reports.js';
import { startServer } from '../src/server/index.js';
import { runCli, runCliJson } from './helpers/cli.js';
import { testDemoDatabase } from './helpers/demo.js';
import { englishIn, englishPieces, SERVER_SENTENCES } from './helpers/english.js';

// The segment-by-segment report (issue 14): the HTML states each segment with the API's figures, in both
// languages, and the PDF Chromium prints from it is a real PDF naming every segment.

const LOCALES = { en: 'en-US', pl: 'pl-PL' } as const;
const spaces = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ').trim();

let dir: string;
let db: string;

async function cli(args: string[]): Promise<void> {
  const run = await runCli(args);
  assert.equal(run.code, 0, `clientele ${args.join(' ')}: ${run.stderr}`);
}

const SENTENCES = SERVER_SENTENCES;

/** The text of the `<strong>` of figure `name` inside segment `segment`'s section. */
function figure(html: string, segment: string, name: string): string {
  const start = html.indexOf(`<section class="segment" data-segment="${segment}">`);
  assert.ok(start >= 0, `a section for ${segment}`);
  const section = html.slice(start, html.indexOf('</section>', start));
  const m = new RegExp(`data-figure="${name}"><span class="label">[^<]*</span><strong>([^<]*)</strong>`).exec(
    section,
  );
  assert.ok(m?.[1] !== undefined, `${segment} shows ${name}`);
  return spaces(m[1].replaceAll('&#39;', "'"));
}

describe('clientele report', { timeout: 600_000 }, () => {
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'clientele-report-'));
    // The demo business of `clientele demo --customers 400` (seed 7), built once for the suite, on the engine
    // under test (CLIENTELE_TEST_ENGINE): on PostgreSQL, a copy of the DuckDB file.
    db = (await testDemoDatabase(dir, 400)).location;
    await cli(['model', 'clv', '--db', db, '--json']);
    await cli(['model', 'churn', '--db', db, '--json']);
    await cli(['segment', 'create', 'repeat_buyers', '--where', 'orders >= 2', '--db', db, '--json']);
    await cli(['segment', 'create', 'one_order', '--where', 'orders = 1', '--db', db, '--json']);
    await cli([
      'segment',
      'create',
      'ios_users',
      '--where',
      "top_os = 'iOS' and average_order_value >= 50",
      '--db',
      db,
      '--json',
    ]);
  });
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('GET /v1/report.html shows every segment with the figures of GET /v1/report, in English and Polish', async () => {
    const server = await startServer({ dbPath: db, port: 0 });
    try {
      const get = (path: string) =>
        fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${server.adminToken}` } });
      const answer = await get('/v1/report');
      assert.equal(answer.status, 200);
      const data = (await answer.json()) as Report;
      assert.deepEqual(
        data.segments.map((s) => s.name),
        ['ios_users', 'one_order', 'repeat_buyers'],
      );
      for (const s of data.segments) {
        assert.ok(s.size > 0);
        assert.ok(s.atStake.scored > 0, `${s.name} has churn scores`);
        assert.ok(s.atStake.revenue <= s.revenue.total + 0.01, 'at stake is part of the revenue');
        assert.ok(s.persona, `${s.name} has a persona`);
      }
      for (const lang of ['en', 'pl'] as const) {
        const page = await get(`/v1/report.html?lang=${lang}`);
        assert.equal(page.status, 200);
        assert.match(page.headers.get('content-type') ?? '', /text\/html/);
        const html = await page.text();
        assert.match(html, new RegExp(`<html lang="${lang}">`));
        assert.doesNotMatch(
          html,
          /<script|<link|src="http/,
          'self-contained: no scripts, no outside resources',
        );
        assert.ok((html.match(/<svg /g) ?? []).length >= 1 + data.segments.length, 'charts are inline SVG');
        const locale = LOCALES[lang];
        const int = (n: number) =>
          spaces(new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(n));
        const money = (n: number) =>
          spaces(
            new Intl.NumberFormat(locale, {
              style: 'currency',
              currency: data.currency,
              maximumFractionDigits: Math.abs(n) >= 1000 ? 0 : 2,
            }).format(n),
          );
        const pct = (n: number) =>
          spaces(new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(n));
        for (const s of data.segments) {
          assert.equal(figure(html, s.name, 'size'), int(s.size));
          assert.equal(figure(html, s.name, 'revenue'), money(s.revenue.total));
          assert.equal(figure(html, s.name, 'at-stake'), money(s.atStake.revenue));
          assert.equal(figure(html, s.name, 'clv'), money(s.clvMean ?? Number.NaN));
          assert.equal(figure(html, s.name, 'churn'), pct(s.churnRiskMean ?? Number.NaN));
          assert.ok(html.includes(`data-persona="${s.persona?.name}"`), `${s.name}'s persona card`);
        }
        // Segments by title: no warning or persona note begins with a stored name ("ios_users: …").
        for (const s of data.segments)
          assert.ok(!html.includes(`${s.name}:`), `${s.name} named by its title`);
        assert.match(html, lang === 'pl' ? /Raport segmentów/ : /Segment report/);
        if (lang === 'pl') {
          // No English sentence of the catalogue in the Polish report: personas, playbook, warnings included.
          assert.deepEqual(englishIn(html, SENTENCES), [], 'English sentences in the Polish report');
          assert.ok(englishPieces(SENTENCES).length > 100, 'the check looks for many sentences');
        } else assert.ok(englishIn(html, SENTENCES).length > 5, 'the check finds English in English');
        assert.match(html, lang === 'pl' ? /Przychód zagrożony/ : /Revenue at stake/);
      }
    } finally {
      await server.close();
    }
  });

  it('GET /v1/report and the personas speak Polish with Accept-Language: pl, English without; codes stay', async () => {
    const server = await startServer({ dbPath: db, port: 0 });
    try {
      const get = async <T>(path: string, lang?: string) => {
        const r = await fetch(`${server.url}${path}`, {
          headers: {
            authorization: `Bearer ${server.adminToken}`,
            ...(lang !== undefined && { 'accept-language': lang }),
          },
        });
        assert.equal(r.status, 200, path);
        return { body: (await r.json()) as T, language: r.headers.get('content-language') };
      };
      const english = await get<Report>('/v1/report');
      const polish = await get<Report>('/v1/report', 'pl-PL,pl;q=0.9,en;q=0.5');
      assert.equal(english.language, 'en');
      assert.equal(polish.language, 'pl');
      // The same figures, other words.
      assert.deepEqual(
        polish.body.segments.map((s) => [s.name, s.size, s.revenue.total]),
        english.body.segments.map((s) => [s.name, s.size, s.revenue.total]),
      );
      const words = (r: Report) =>
        r.segments
          .map((s) =>
            [s.persona?.summary, ...(s.persona?.actions ?? []).flatMap((a) => [a.action, a.evidence])].join(
              ' ',
            ),
          )
          .join(' ');
      assert.match(words(english.body), /per person/);
      assert.match(words(polish.body), /na osobę/);
      assert.deepEqual(englishIn(words(polish.body), SENTENCES), []);

      type Personas = {
        segment: string;
        summary: string;
        triggers: string[];
        warnings: { code: string; message: string }[];
      }[];
      const en = await get<Personas>('/v1/personas?segments=one_order');
      const pl = await get<Personas>('/v1/personas?segments=one_order', 'pl');
      // ?lang= wins over the header: a link to a file in a given language.
      const asked = await get<Personas>('/v1/personas?segments=one_order&lang=en', 'pl');
      assert.deepEqual(asked.body, en.body);
      assert.equal(pl.body.length, en.body.length);
      assert.notEqual(pl.body[0]?.summary, en.body[0]?.summary);
      assert.deepEqual(englishIn(JSON.stringify(pl.body.map((p) => [p.summary, p.triggers])), SENTENCES), []);
      // Warnings: the same codes in the same order, each message in the asker's language.
      const warnings = (ps: Personas) => ps.flatMap((p) => p.warnings);
      assert.deepEqual(
        warnings(pl.body).map((w) => w.code),
        warnings(en.body).map((w) => w.code),
      );
      for (const [i, w] of warnings(pl.body).entries())
        assert.notEqual(w.message, warnings(en.body)[i]?.message, `${w.code} is said in Polish`);
    } finally {
      await server.close();
    }
  });

  it('GET /v1/report.pdf prints the report on the server: a PDF in the asked language', async () => {
    const server = await startServer({ dbPath: db, port: 0 });
    try {
      const r = await fetch(`${server.url}/v1/report.pdf?personas=false`, {
        headers: { authorization: `Bearer ${server.adminToken}`, 'accept-language': 'pl' },
      });
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('content-type'), 'application/pdf');
      assert.match(r.headers.get('content-disposition') ?? '', /raport\.pdf/);
      const bytes = Buffer.from(await r.arrayBuffer());
      assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
    } finally {
      await server.close();
    }
  });

  it('--out FILE.pdf prints a real PDF through Chromium that names every segment (Polish)', async () => {
    const out = join(dir, 'report.pdf');
    const result = await runCliJson<{ format: string; segments: string[]; bytes: number }>([
      'report',
      '--db',
      db,
      '--out',
      out,
      '--lang',
      'pl',
    ]);
    assert.equal(result.format, 'pdf');
    assert.deepEqual(result.segments, ['ios_users', 'one_order', 'repeat_buyers']);
    const bytes = await readFile(out);
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.equal(bytes.length, result.bytes);
    // Each segment starts a page: the title page, then at least one page per segment.
    const pages = (bytes.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    assert.ok(pages >= 3, `${pages} pages`);
    if (existsSync('/usr/bin/pdftotext')) {
      const text = execFileSync('/usr/bin/pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
      // Each segment by its title, as the web app names it (src/segments/words.ts).
      for (const title of ['iOS users', 'One order', 'Repeat buyers'])
        assert.ok(text.includes(title), `the PDF names ${title}`);
      assert.match(spaces(text), /Raport segmentów/);
    }
  });

  it('--out FILE.html writes the self-contained page; another ending is refused with a code', async () => {
    const out = join(dir, 'report.html');
    await cli(['report', '--db', db, '--out', out, '--no-personas']);
    const html = await readFile(out, 'utf8');
    assert.match(html, /^<!doctype html>/);
    assert.ok(html.includes('data-segment="repeat_buyers"'));
    assert.ok(!html.includes('data-persona='), '--no-personas leaves the cards out');
    // Segments by their titles and rules in words, as the web app shows them; no stored name, field or
    // rule text where the reader reads (the attributes keep the stored names for machines).
    const text = spaces(
      html
        .replace(/<style>[\s\S]*?<\/style>/, '')
        .replace(/<svg[\s\S]*?<\/svg>/g, (svg) => svg.replace(/<[^>]+>/g, ' '))
        .replace(/<[^>]+>/g, ' ')
        .replaceAll('&#39;', "'"),
    );
    assert.match(html, /<h2>Repeat buyers<\/h2>/);
    assert.match(html, /<h2>iOS users<\/h2>/);
    assert.match(text, /Rule At least 2 orders /);
    assert.match(text, /Rule Operating system is “iOS” and average order value is at least \$50\.00 /);
    assert.doesNotMatch(text, /\b[a-z]+_[a-z_]+\b/, 'no snake_case name in the words');
    assert.doesNotMatch(text, /orders >= 2|top_os|average_order_value/, 'no rule as written');
    const polish = join(dir, 'raport.html');
    await cli(['report', '--db', db, '--out', polish, '--no-personas', '--lang', 'pl']);
    const pl = await readFile(polish, 'utf8');
    assert.match(pl, /<h2>Repeat buyers<\/h2>/, "a person's own name is not translated");
    assert.match(spaces(pl), /System operacyjny: „iOS” i średnia wartość zamówienia: co najmniej 50,00/);
    assert.match(
      spaces(pl),
      /Co najmniej 2 zamówienia<\/p>/,
      'a count with its noun in the Polish plural form',
    );
    const bad = await runCli(['report', '--db', db, '--out', join(dir, 'report.docx')]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /CLT_ERR_REPORT_FORMAT/);
  });
});
