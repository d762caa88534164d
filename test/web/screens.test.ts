import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { AuditResult } from '../../src/contracts/housekeeping.js';
import { plantFuzzyDuplicates } from '../../src/demo/fuzzy.js';
import { type RunningServer, startServer } from '../../src/server/index.js';
import { openWarehouse } from '../../src/store/index.js';
import { groupFindings } from '../../web/src/screens/housekeeping/audit-groups.js';
import { runCli } from '../helpers/cli.js';
import { testDemoDatabase } from '../helpers/demo.js';
import { englishIn } from '../helpers/english.js';
import { testEngine } from '../helpers/postgres.js';
import { DESKTOP, dumps, launchBrowser, openPage, overflows, PHONE, type TestBrowser } from './browser.js';

// Every screen at both widths in both languages, scanned for dumps; screenshots for people to look at.
const SHOTS = join(process.cwd(), '.tmp', 'screenshots');
const LOCALES = { en: 'en-US', pl: 'pl-PL' } as const;
type Lang = keyof typeof LOCALES;

interface Ctx {
  dir: string;
  server: RunningServer;
  browser: TestBrowser;
  profileId: number;
  runId: number;
  receiver: Server;
  churnRunId: number;
}
let ctx: Ctx;

async function cli(args: string[]): Promise<string> {
  const run = await runCli(args);
  if (run.code !== 0) throw new Error(`clientele ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
  return run.stdout;
}

/** fetch, saying why it failed (undici's bare `fetch failed` hides its cause: a timeout, a closed socket). */
async function call(path: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(`${ctx.server.url}${path}`, init);
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(
      `${init.method ?? 'GET'} ${path}: ${(e as Error).message}: ${cause?.code ?? ''} ${cause?.message ?? ''}`,
    );
  }
}

async function api<T>(path: string): Promise<T> {
  const response = await call(path, { headers: { authorization: `Bearer ${ctx.server.adminToken}` } });
  assert.equal(response.status, 200, path);
  return (await response.json()) as T;
}

async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await call(path, {
    method: 'POST',
    headers: { authorization: `Bearer ${ctx.server.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(response.status, 200, path);
  return (await response.json()) as T;
}

// Intl's spaces differ between ICU builds (no-break, narrow no-break): compare with plain spaces.
const spaces = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
const int = (lang: Lang, n: number) =>
  new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 0 }).format(n);
/** Money as the app shows it (web/src/format.ts): whole units from 1,000 up, cents below. */
const money = (lang: Lang, n: number) =>
  new Intl.NumberFormat(LOCALES[lang], {
    style: 'currency',
    currency: 'USD',
    maximumFractionDigits: Math.abs(n) >= 1000 ? 0 : 2,
  }).format(n);

async function text(page: Page, testId: string): Promise<string> {
  return spaces((await page.getByTestId(testId).textContent()) ?? '');
}

// A queue the two widths' imports wait in, one after the other.
let queue: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => undefined);
  return run;
}

interface Screen {
  name: string;
  path: () => string;
  ready: string;
  /** How long `ready` may take (the audit and dedupe fit read every record: slow on a loaded machine). */
  wait?: number;
  act?: (page: Page) => Promise<void>;
}

/** The audit opened whole: every group of findings unfolded, the paged lists shown to their ends. */
async function openAudit(page: Page): Promise<void> {
  const folded = page.locator('[data-testid=audit-issue-list] > details:not([open]) > summary');
  while ((await folded.count()) > 0) await folded.first().click();
  for (const more of ['audit-stale-more', 'audit-sources-more'])
    while (await page.getByTestId(more).isVisible()) await page.getByTestId(more).click();
}

const MINING = ['trend', 'cohorts', 'funnel', 'basket', 'concentration'];

const SCREENS: Screen[] = [
  { name: 'overview', path: () => '/', ready: '[data-testid=chart-trend]' },
  { name: 'profiles', path: () => '/profiles', ready: '[data-testid=profile-results]' },
  { name: 'profile', path: () => `/profiles/${ctx.profileId}`, ready: '[data-testid=timeline]' },
  { name: 'segments', path: () => '/segments', ready: '[data-testid=segment-list]' },
  { name: 'segment', path: () => '/segments/repeat_buyers', ready: '[data-testid=members]' },
  {
    // What sets the members apart, asked for on the page: figures and sentences, not the answer's fields.
    name: 'segment-portrait',
    path: () => '/segments/repeat_buyers',
    ready: '[data-testid=members]',
    act: async (page: Page) => {
      await page.getByRole('button', { name: /^(Analyse|Analizuj)$/ }).click();
      await page.getByTestId('segment-portrait').waitFor({ timeout: 120_000 });
    },
  },
  {
    name: 'builder',
    path: () => `/segments/new?where=${encodeURIComponent('orders >= 2')}`,
    ready: '[data-testid=live-count]',
  },
  {
    name: 'builder-groups',
    path: () => '/segments/new',
    ready: '[data-testid=builder]',
    act: async (page: Page) => {
      // The value picker offers the data's countries as the field is edited.
      await page.locator('.builder .condition input').first().focus();
      await page.locator('[data-testid=value-suggestions] option').first().waitFor({ state: 'attached' });
      await page.locator('.add-buttons').first().locator('button').nth(1).click();
      await page.locator('.event-condition input').first().fill('Order Completed');
      await page.locator('.add-buttons').first().locator('button').nth(2).click();
      await page.getByTestId('rule-group').waitFor();
      await page.getByTestId('live-count').waitFor({ timeout: 60_000 });
    },
  },
  {
    name: 'compare',
    path: () => '/segments/compare?a=repeat_buyers&b=mobile',
    ready: '[data-testid=compare]',
  },
  {
    name: 'compare-differences',
    path: () => '/segments/compare?a=repeat_buyers&b=mobile',
    ready: '[data-testid=compare]',
    act: async (page: Page) => {
      await page.getByRole('button', { name: /^(Analyse|Analizuj)$/ }).click();
      await page.getByTestId('compare-differences').waitFor({ timeout: 120_000 });
    },
  },
  { name: 'personas', path: () => '/personas?segments=repeat', ready: '[data-testid=persona-card]' },
  // The report builds every segment's portrait and persona on its first call: slow on a loaded machine.
  { name: 'reports', path: () => '/reports', ready: '[data-testid=report], .state.empty', wait: 300_000 },
  { name: 'models', path: () => '/models', ready: '[data-testid=model-runs]' },
  { name: 'model', path: () => `/models/${ctx.runId}`, ready: '[data-testid=model-card]' },
  { name: 'model-churn', path: () => `/models/${ctx.churnRunId}`, ready: '[data-testid=model-curves]' },
  { name: 'value', path: () => '/value', ready: '[data-testid=rfm-grid]' },
  ...MINING.map((tab) => ({
    name: `mining-${tab}`,
    path: () => `/mining?tab=${tab}`,
    ready: 'form button[type=submit]',
    act: async (page: Page) => {
      await page.locator('form button[type=submit]').first().click();
      await page.getByTestId(`mining-${tab}-result`).waitFor({ timeout: 60_000 });
    },
  })),
  // `/journeys` is an alias of the Act tab: the old addresses still lead there.
  { name: 'journeys', path: () => '/journeys', ready: '[data-testid=journey-list]' },
  { name: 'journeys-one', path: () => '/journeys/play-at-risk', ready: '[data-testid=journey-flow]' },
  { name: 'act-journeys', path: () => '/act/journeys', ready: '[data-testid=journey-list]' },
  {
    name: 'act-journeys-new',
    path: () => '/act/journeys/new',
    ready: '[data-testid=journey-builder]',
    act: async (page: Page) => {
      // A branch with its own steps, and an event trigger with its filter: the builder's busiest state.
      await page.locator('select[name=trigger]').selectOption('event');
      await page.locator('input[name=event]').fill('Order Completed');
      await page.locator('input[name=where]').fill('revenue >= 50');
      const add = async (kind: string, list = 'journey-steps') => {
        await page.getByTestId(list).locator('> .add-step select').selectOption(kind);
        await page.getByTestId(`${list}-add`).click();
      };
      await add('branch');
      await page.getByTestId('step-branch-1').locator('select[name=holds]').selectOption('steps');
      await add('email', 'sub-branch-1');
      await add('destination');
      await page.getByTestId('step-destination-1').locator('select[name=destination]').selectOption('crm');
    },
  },
  {
    name: 'act-journeys-edit',
    path: () => '/act/journeys/play-at-risk/edit',
    ready: '[data-testid=journey-builder]',
  },
  // Rejected rows (once the import below has run), the keys, or the empty state of either.
  { name: 'data', path: () => '/data', ready: '[data-testid=rejects], [data-testid=keys], .state.empty' },
  {
    // The import's readings in words: rows, each column's field and how it was matched, why rows were
    // rejected, what the importer noticed (a name that looked like a field, dates that read both ways). Every
    // row is rejected, so the data the other screens show does not change.
    name: 'data-import',
    path: () => '/data',
    ready: '[data-testid=rejects], [data-testid=keys], .state.empty',
    act: async (page: Page) => {
      await page.locator('input[type=file]').setInputFiles({
        name: 'new-customers.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          'Customer ID,E-mail,Dependents,birth_date,age,consent_email,Loyalty Tier\n' +
            'imp1,imp1@example.com,Yes,1/2/1980,abc,yes,gold\n' +
            'imp2,imp2@example.com,No,3/4/1985,34,maybe,basic\n' +
            ',,No,5/6/1970,40,no,basic\n',
        ),
      });
      // One import at a time: both widths draw at once, and two imports of one kind into one DuckDB file can
      // meet in a transaction conflict (409), which the page would rightly show.
      await oneAtATime(async () => {
        await page.locator('form button[type=submit]').first().click();
        await page.getByTestId('import-result').waitFor({ timeout: 120_000 });
      });
      await page.getByTestId('rejects').waitFor({ timeout: 60_000 });
    },
  },
  // Acting on it (issue 16): the Act group's screens over a webhook that answers and one that does not.
  { name: 'act-destinations', path: () => '/act/destinations', ready: '[data-testid=destination-list]' },
  { name: 'act-audiences', path: () => '/act/audiences', ready: '[data-testid=audience-list]' },
  {
    name: 'act-campaigns',
    path: () => '/act/campaigns',
    ready: '[data-testid=campaign-list]',
    act: async (page: Page) => {
      await page.getByTestId('open-winback').click();
      await page.getByTestId('dry-run').waitFor({ timeout: 60_000 });
      await page.locator('[data-testid=campaign-preview] .mail-text').waitFor({ timeout: 60_000 });
    },
  },
  { name: 'act-experiments', path: () => '/act/experiments', ready: '[data-testid=experiment-report]' },
  {
    name: 'act-placements',
    path: () => '/act/placements',
    ready: '[data-testid=placement-list]',
    act: async (page: Page) => {
      await page.locator('[data-testid=try-hero] input[name=hour]').fill('23');
      await page.locator('[data-testid=try-hero] button[type=submit]').click();
      await page.getByTestId('decision-hero').waitFor({ timeout: 60_000 });
    },
  },
  {
    name: 'act-experiments-form',
    path: () => '/act/experiments',
    ready: '[data-testid=experiment-form]',
    act: async (page: Page) => {
      // The form's own refusal (one variant) and the server's (a taken name), as a marketer meets them.
      const form = page.getByTestId('experiment-form');
      await form.locator('input[name=name]').fill('offer_test');
      await form.locator('input[name=variants]').fill('control');
      await form.locator('button[type=submit]').click();
      await page.getByTestId('experiment-missing').waitFor();
    },
  },
  {
    name: 'act-placements-form',
    path: () => '/act/placements',
    ready: '[data-testid=placement-form]',
    act: async (page: Page) => {
      const form = page.getByTestId('placement-form');
      await form.locator('input[name=name]').fill('promo');
      await page.getByTestId('rule-0').locator('select[name=show]').selectOption('experiment');
      await page.getByTestId('rule-1').locator('textarea[name=payload]').fill('{"headline": ');
      await form.locator('button[type=submit]').click();
      await page.getByTestId('placement-missing').waitFor();
      await page.getByTestId('rule-1').scrollIntoViewIfNeeded();
    },
  },
  {
    name: 'hk-audit',
    path: () => '/housekeeping?tab=audit',
    // The summary: on a phone the quality-over-time chart is folded away (issue 14).
    ready: '[data-testid=audit-summary]',
    wait: 180_000,
    // The problems name sources by file name, one finding per source for its empty fields, in the page's
    // language, and tell the web where to act in the app, never a command-line flag.
    act: async (page: Page) => {
      const list = page.getByTestId('audit-issue-list');
      const text = (await list.textContent()) ?? '';
      if (/\/tmp\/|clientele-web-screens/.test(text))
        throw new Error(`a server path in the problems: ${text}`);
      if (text.includes('--map')) throw new Error('a command-line flag (--map) in the problems');
      const rows = await list.locator('tbody tr td:first-child').allTextContents();
      const empty = rows.filter((r) => /empty in every row|w każdym wierszu/.test(r));
      const sources = empty.map((r) => r.split(': ').slice(0, 2).join(': '));
      if (!empty.length || new Set(sources).size !== sources.length)
        throw new Error(`empty fields not one finding per source: ${empty.join(' | ')}`);
      if (!empty.some((r) => /(\d+ fields are|\d+ (pola są|pól jest)) (empty|puste|pustych)/.test(r)))
        throw new Error(`no source's empty fields named together: ${empty.join(' | ')}`);
      const lang = await page.evaluate<string>('document.documentElement.lang');
      // The rows of a field and the distinct addresses across tables: one fault in the same words, each
      // saying what it counts, and the count beside it saying so too.
      const invalid =
        lang === 'pl'
          ? [
              /Wiersze, w których „E-mail” nie jest poprawnym adresem e-mail: \d+\d+ wierszy/,
              /Różne adresy e-mail \(każdy liczony raz we wszystkich tabelach\), które nie są poprawnymi adresami e-mail: \d+\d+ różnych adresów/,
            ]
          : [
              /\d+ rows hold a value of “E-mail” that is not a valid e-mail address\d+ rows/,
              /\d+ distinct e-mail addresses \(each counted once across every table\) are not valid e-mail addresses\d+ distinct addresses/,
            ];
      if (!invalid.every((r) => r.test(text)))
        throw new Error(
          `no sentence for invalid e-mails in ${lang}, by rows and distinct addresses: ${text}`,
        );
    },
  },
  {
    // Every group of findings opened and every list shown whole: the page's full text, scanned and drawn.
    name: 'hk-audit-open',
    path: () => '/housekeeping?tab=audit',
    ready: '[data-testid=audit-summary]',
    wait: 180_000,
    act: openAudit,
  },
  {
    name: 'hk-dedupe',
    path: () => '/housekeeping?tab=dedupe',
    ready: '[data-testid=dedupe-pair]',
    wait: 180_000,
  },
  {
    name: 'hk-map',
    path: () => '/housekeeping?tab=map',
    ready: '[data-testid=map-graph], [data-testid=map-list]',
    // Pick a source: its detail lists what breaks without it.
    act: async (page: Page) => {
      const pick = page.getByTestId('map-pick');
      const source = await pick.locator('optgroup').first().locator('option').first().getAttribute('value');
      await pick.selectOption(source ?? '');
      await page.getByTestId('map-breaks').waitFor();
    },
  },
  { name: 'hk-drift', path: () => '/housekeeping?tab=drift', ready: '[data-testid=drift-calibration]' },
  { name: 'voice-words', path: () => '/voice?tab=words', ready: '[data-testid=word-ranking]' },
  {
    name: 'voice-words-distinctive',
    path: () => '/voice?tab=words&segment=repeat_buyers',
    ready: '[data-testid=word-ranking]',
    act: async (page: Page) => {
      // Against the rest: the ranked list carries each word's z-score.
      await page
        .locator('label.inline', { hasText: /Rank by|Kolejność/ })
        .locator('select')
        .selectOption('rest');
      await page
        .getByText(/z-score|Wynik z/)
        .first()
        .waitFor({ timeout: 60_000 });
    },
  },
  { name: 'voice-topics', path: () => '/voice?tab=topics', ready: '[data-testid=topic]' },
  { name: 'voice-sentiment', path: () => '/voice?tab=sentiment', ready: '[data-testid=voice-sentiment]' },
  {
    name: 'voice-swot',
    path: () => '/voice?tab=swot',
    ready: '[data-testid=swot]',
    act: async (page: Page) => {
      // Evidence one click away.
      await page.locator('[data-testid=swot-weaknesses] summary').first().click();
    },
  },
  {
    name: 'voice-notes',
    path: () => '/voice?tab=notes&q=payment%20terms',
    ready: '[data-testid=note-hits] mark',
  },
];

// SCREENS=act-,voice,profile draws only the screens whose names start so (to look at one area while working
// on it); the default is all.
// Screens whose text the server writes in part: in Polish, none of its English sentences may show.
const SERVER_WORDS = [
  'hk-audit',
  'overview',
  'personas',
  'reports',
  'segment',
  'builder',
  'mining',
  'model',
  'voice-swot',
  'data-import',
];

// Screens not yet scanned for snake_case names and rule text (issue 14): the audit's server sentences
// (src/housekeeping/audit.ts) name fields as stored. Every other screen must show none.
const ID_SCAN_PENDING: string[] = [];

const ONLY = process.env.SCREENS?.split(',').filter(Boolean);
const ON_POSTGRES = testEngine() === 'postgres';
const CHOSEN = ONLY?.length ? SCREENS.filter((s) => ONLY.some((o) => s.name.startsWith(o))) : SCREENS;
// Every screen in both languages at both widths, on DuckDB and on PostgreSQL alike.
const LANGS: readonly Lang[] = ['en', 'pl'];
const WIDTHS = [
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const;

// Second customer records sharing no identifier with their first (the generator's planted fuzzy duplicates),
// imported after the demo so the dedupe review has pairs to show.
async function importFuzzyDuplicates(dir: string, db: string): Promise<void> {
  const fuzzy = join(dir, 'fuzzy');
  await mkdir(fuzzy, { recursive: true });
  await copyFile(join(dir, 'data', 'customers.csv'), join(fuzzy, 'customers.csv'));
  const before = (await readFile(join(fuzzy, 'customers.csv'), 'utf8')).trimEnd().split('\n').length;
  await plantFuzzyDuplicates(fuzzy, 12, 5);
  const lines = (await readFile(join(fuzzy, 'customers.csv'), 'utf8')).trimEnd().split('\n');
  await writeFile(join(fuzzy, 'more-customers.csv'), `${[lines[0], ...lines.slice(before)].join('\n')}\n`);
  await cli(['import', join(fuzzy, 'more-customers.csv'), '--as', 'customers', '--db', db, '--json']);
  await cli(['identity', 'resolve', '--db', db, '--json']);
}

async function settle(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      !(globalThis as { document?: { querySelector(s: string): unknown } }).document?.querySelector(
        '.state.loading',
      ),
  );
}

describe('every screen, both widths, English and Polish', { timeout: 2_400_000 }, () => {
  before(async () => {
    await mkdir(SHOTS, { recursive: true });
    const dir = await mkdtemp(join(tmpdir(), 'clientele-web-screens-'));
    // On PostgreSQL the demo business built once per build (test/helpers/demo.ts) is copied in, faster than
    // generating it there. On DuckDB it is generated here as before: two runs over a copy of the cached file
    // ended in the recorded audits below (once SIGSEGV, once `fetch failed`, which the idle limit below
    // explains; the SIGSEGV is not looked into), so the cache waits for a run that shows it safe.
    const db = ON_POSTGRES ? (await testDemoDatabase(dir, 1000)).location : join(dir, 'demo.duckdb');
    if (!ON_POSTGRES)
      await cli(['demo', '--db', db, '--customers', '1000', '--data', join(dir, 'data'), '--json']);
    await cli(['model', 'rfm', '--db', db, '--json']);
    await cli(['model', 'clv', '--db', db, '--json']);
    await cli(['model', 'churn', '--db', db, '--json']);
    await cli(['plays', 'enable', 'at-risk', '--db', db, '--json']);
    // A churn classifier (its card draws the ROC and lift curves it keeps); the demo may be too thin for one.
    await runCli(['model', 'churn', '--lapsed-days', '90', '--db', db, '--json']);
    await importFuzzyDuplicates(dir, db);
    // Second runs, on the data with the new records: drift compares each with its first.
    await cli(['model', 'rfm', '--db', db, '--json']);
    await cli(['model', 'churn', '--db', db, '--json']);
    await cli(['segment', 'create', 'repeat_buyers', '--where', 'orders >= 2', '--db', db, '--json']);
    await cli(['segment', 'create', 'mobile', '--where', "top_device = 'mobile'", '--db', db, '--json']);
    // A webhook receiver that takes everything, and an address where nobody answers.
    const receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200).end('ok'));
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const port = (receiver.address() as { port: number }).port;
    const hook = ['--db', db, '--json'];
    await cli([
      'destinations',
      'create',
      'crm',
      '--type',
      'webhook',
      '--url',
      `http://127.0.0.1:${port}/in?token=hidden`,
      '--secret',
      'not-shown',
      ...hook,
    ]);
    await cli([
      'destinations',
      'create',
      'old_crm',
      '--type',
      'webhook',
      '--url',
      'http://127.0.0.1:9/gone',
      ...hook,
    ]);
    await cli(['destinations', 'test', 'old_crm', ...hook]).catch(() => '');
    await cli(['audiences', 'create', 'buyers', '--segment', 'repeat_buyers', '--to', 'crm', ...hook]);
    await cli(['audiences', 'sync', 'buyers', ...hook]);
    const template = join(dir, 'winback.liquid');
    await writeFile(
      template,
      '<p>Hello {{ first_name | default: "there" }},</p><p>Your code: {{ discount_code }}</p>',
    );
    await cli([
      'campaigns',
      'create',
      'winback',
      '--segment',
      'repeat_buyers',
      '--subject',
      'We miss you',
      '--template',
      template,
      '--cap',
      '2/7d',
      ...hook,
    ]);
    await cli([
      'experiments',
      'create',
      'offer_test',
      '--segment',
      'repeat_buyers',
      '--variants',
      'control,offer',
      '--holdout',
      '10',
      ...hook,
    ]);
    // The experiment's members are assigned now; dated back six weeks before the last order, their orders
    // count as outcomes (no variant does anything: the report should say it could be chance).
    await cli(['experiments', 'members', 'offer_test', ...hook]);
    const wh = await openWarehouse(db);
    try {
      await wh.run(
        "UPDATE experiment_assignments SET assigned_at = (SELECT max(order_ts) - INTERVAL '42 days' FROM placed_orders)",
      );
    } finally {
      await wh.close();
    }
    const rules = join(dir, 'hero.json');
    await writeFile(
      rules,
      JSON.stringify([
        { if: 'local_hour >= 22 or local_hour < 6', variant: 'night', payload: { headline: 'Still up?' } },
        { if: "device = 'mobile'", variant: 'app' },
        { variant: 'default' },
      ]),
    );
    await cli(['placements', 'create', 'hero', '--rules', rules, ...hook]);
    const server = await startServer({ dbPath: db, port: 0 });
    const browser = await launchBrowser();
    ctx = { dir, server, browser, profileId: 0, runId: 0, churnRunId: 0, receiver };
    const list = await api<{ profiles: { id: number }[] }>('/v1/profiles?limit=1');
    const runs = await api<{ runs: { runId: number; model: string }[] }>('/v1/models/runs');
    ctx.profileId = list.profiles[0]?.id ?? 0;
    ctx.runId = runs.runs.find((r) => r.model === 'clv')?.runId ?? runs.runs[0]?.runId ?? 0;
    ctx.churnRunId = runs.runs.find((r) => r.model === 'churn')?.runId ?? 0;
    // Words, topics, the SWOT draft and personas read every text once (and fit topics) on first use: done
    // here, so a loaded machine does not spend a screen's wait on it. Only a warm-up: a failure here is not
    // the test's (the screens below report their own). One after another: run side by side with the audits
    // below, the DuckDB test process once ended in SIGSEGV (not looked into).
    await post('/v1/text/words', { source: 'all', top: 40, cloud: true }).catch(() => undefined);
    await post('/v1/text/topics', { source: 'all', k: 'auto' }).catch(() => undefined);
    await post('/v1/swot', { saved: true }).catch(() => undefined);
    await api('/v1/personas?segments=repeat').catch(() => undefined);
    // Two recorded audits: quality over time has a line to draw.
    for (let i = 0; i < 2; i++) await post('/v1/housekeeping/audit/runs', {});
  });
  after(async () => {
    await ctx?.browser.close();
    await ctx?.server.close();
    ctx?.receiver.close();
    if (ctx) await rm(ctx.dir, { recursive: true, force: true });
  });

  // One signed-in page per width, both widths at once (while one waits for the server, the other draws),
  // each screen a full navigation of its own; errors are counted per screen.
  async function drawAll(lang: Lang, width: 'desktop' | 'phone', viewport: typeof DESKTOP | typeof PHONE) {
    const problems: string[] = [];
    const session = { url: ctx.server.url, token: ctx.server.adminToken };
    const { context, page, errors } = await openPage(ctx.browser.browser, viewport, session, LOCALES[lang]);
    try {
      for (const s of CHOSEN) {
        if (s.name === 'model-churn' && !ctx.churnRunId) continue;
        const said = (p: string) => problems.push(`${s.name} ${width}: ${p}`);
        try {
          await page.goto(`${ctx.server.url}${s.path()}`);
          await page
            .locator(s.ready)
            .first()
            .waitFor({ timeout: s.wait ?? 60_000 });
          await s.act?.(page);
          await settle(page);
          const shown = await page.evaluate<string>('document.documentElement.lang');
          if (shown !== lang) said(`the page is in ${shown}`);
          await page.screenshot({ path: join(SHOTS, `${s.name}-${width}-${lang}.png`), fullPage: true });
          const o = await overflows(page);
          if (o.scrollWidth > o.innerWidth) said(`page ${o.scrollWidth}px wide in ${o.innerWidth}px`);
          const ids = !ID_SCAN_PENDING.some((prefix) => s.name.startsWith(prefix));
          for (const d of await dumps(page, { ids })) said(`${d.rule}: ${d.text}`);
          // Sentences the server writes (personas, playbook, warnings, the report) come in the page's language.
          if (lang === 'pl' && SERVER_WORDS.some((w) => s.name.startsWith(w)))
            for (const piece of englishIn((await page.textContent('body')) ?? ''))
              said(`an English server sentence: ${piece}`);
        } catch (e) {
          // One screen that does not draw is reported with the others, not the end of the pass.
          said(`not drawn: ${(e as Error).message.split('\n')[0]}`);
        }
        for (const e of errors.splice(0)) said(e);
      }
    } finally {
      await context.close();
    }
    return problems;
  }

  for (const lang of LANGS) {
    it(`draws every screen in words, without overflow or console errors (${lang})`, async () => {
      const problems = await Promise.all(WIDTHS.map(([width, viewport]) => drawAll(lang, width, viewport)));
      assert.deepEqual(problems.flat(), []);
    });
  }

  it('the report shows each segment with the API’s figures, formatted by locale', async () => {
    const report = await api<{
      segments: { name: string; size: number; revenue: { total: number }; atStake: { revenue: number } }[];
    }>('/v1/report');
    assert.deepEqual(
      report.segments.map((s) => s.name),
      // Every saved segment: the two made above and the one `plays enable at-risk` made.
      ['mobile', 'play-at-risk', 'repeat_buyers'],
    );
    for (const lang of ['en', 'pl'] as const) {
      const session = { url: ctx.server.url, token: ctx.server.adminToken };
      const { context, page, errors } = await openPage(ctx.browser.browser, PHONE, session, LOCALES[lang]);
      try {
        await page.goto(`${ctx.server.url}/reports`);
        await page.getByTestId('report').waitFor({ timeout: 300_000 });
        for (const s of report.segments) {
          const box = page.getByTestId(`report-${s.name}`);
          const figure = async (id: string) => spaces((await box.getByTestId(id).textContent()) ?? '');
          assert.ok((await figure('report-size')).includes(spaces(int(lang, s.size))), `${s.name} size`);
          assert.ok((await figure('report-revenue')).includes(spaces(money(lang, s.revenue.total))));
          assert.ok((await figure('report-at-stake')).includes(spaces(money(lang, s.atStake.revenue))));
        }
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    }
  });

  it('the audit on a phone is short, and every finding and stale contact is a click away', async () => {
    for (const lang of LANGS) {
      const audit = (await (
        await call('/v1/housekeeping/audit?staleAfter=18m', {
          headers: { authorization: `Bearer ${ctx.server.adminToken}`, 'accept-language': lang },
        })
      ).json()) as AuditResult;
      assert.ok(audit.issues.length >= 10, `the demo gives findings to show (${audit.issues.length})`);
      const session = { url: ctx.server.url, token: ctx.server.adminToken };
      const { context, page, errors } = await openPage(ctx.browser.browser, PHONE, session, LOCALES[lang]);
      try {
        await page.goto(`${ctx.server.url}/housekeeping?tab=audit`);
        await page.getByTestId('audit').waitFor({ timeout: 180_000 });
        await settle(page);
        // Short: the page that drew one card per finding and 20 stale contacts was 5,300 to 7,054 px tall.
        const height = await page.evaluate<number>('document.documentElement.scrollHeight');
        assert.ok(height <= 2600, `the audit is ${height}px tall at 360px (${lang})`);
        // The answer first: how many findings, in how many groups, each group one line until opened.
        assert.match(await text(page, 'audit-summary'), new RegExp(spaces(int(lang, audit.issues.length))));
        const list = page.getByTestId('audit-issue-list');
        assert.equal(await list.locator('tbody tr:visible').count(), 0, 'findings are folded at first');
        // Every finding a click away, in the group it belongs to, with the API's count beside it.
        const groups = groupFindings(audit.issues);
        assert.equal(await list.locator('> details').count(), groups.length);
        for (const g of groups) {
          const group = page.getByTestId(`audit-group-${g.group}`);
          await group.locator('summary').click();
          const rows = group.locator('tbody tr');
          assert.equal(await rows.count(), g.issues.length, g.group);
          for (const [i, issue] of g.issues.entries()) {
            const row = rows.nth(i);
            assert.ok(await row.isVisible(), `${g.group} finding ${i} shows once its group is open`);
            const affected = spaces((await row.locator('td').nth(1).textContent()) ?? '');
            assert.ok(affected.includes(spaces(int(lang, issue.count))), `${issue.code}: ${affected}`);
          }
        }
        assert.equal(await list.locator('tbody tr:visible').count(), audit.issues.length);
        // The people not confirmed lately: a few at first, every one the API listed after "show more".
        const stale = page.getByTestId('audit-stale-contacts').locator('tbody tr');
        assert.ok(audit.staleness.contacts.length > 5, 'the demo has more stale contacts than a page');
        assert.equal(await stale.count(), 5);
        await openAudit(page);
        assert.equal(await stale.count(), audit.staleness.contacts.length);
        assert.equal(
          await page.locator('[data-testid=audit-sources] > details').count(),
          audit.sources.length,
        );
        assert.deepEqual(await dumps(page), []);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    }
  });

  it('the sign-in names where the token is, in both languages, without backticks', async () => {
    for (const lang of ['en', 'pl'] as const) {
      const { context, page } = await openPage(ctx.browser.browser, PHONE, undefined, LOCALES[lang]);
      try {
        await page.goto(ctx.server.url);
        await page.locator('#token').fill('not-the-token');
        await page.locator('button[type=submit]').click();
        await page.getByRole('alert').waitFor();
        const body = spaces((await page.locator('body').textContent()) ?? '');
        assert.match(body, /#token=/, 'it says the token is in the address serve printed');
        assert.match(body, /DB\.server\.json/);
        assert.doesNotMatch(body, /`/);
        assert.deepEqual(await dumps(page), []);
        await page.screenshot({ path: join(SHOTS, `login-phone-${lang}.png`), fullPage: true });
      } finally {
        await context.close();
      }
    }
  });

  it('the overview, a segment and a profile show the API’s figures, formatted by locale', async () => {
    const overview = await api<{ totals: { customers: number; active: number; revenue: number } }>(
      '/v1/overview',
    );
    const segment = await api<{ count: number }>('/v1/segments/repeat_buyers');
    const segOverview = await api<{ totals: { customers: number; revenue: number } }>(
      '/v1/overview?segment=repeat_buyers',
    );
    const profile = await api<{ metrics: { orders: number; revenue: number } }>(
      `/v1/profiles/${ctx.profileId}?timeline=1`,
    );
    const scores = await api<{
      scores: { score: string; value: number | null }[];
      churnRisk: { value: number; score: string } | null;
    }>(`/v1/profiles/${ctx.profileId}/scores`);
    const clv = scores.scores.find((s) => s.score === 'clv')?.value;
    assert.ok(typeof clv === 'number', 'the profile has a CLV score');
    for (const lang of ['en', 'pl'] as const) {
      const session = { url: ctx.server.url, token: ctx.server.adminToken };
      const { context, page, errors } = await openPage(ctx.browser.browser, DESKTOP, session, LOCALES[lang]);
      try {
        await page.goto(ctx.server.url);
        await page.getByTestId('kpi-customers').waitFor();
        assert.match(
          await text(page, 'kpi-customers'),
          new RegExp(spaces(int(lang, overview.totals.customers))),
        );
        assert.match(await text(page, 'kpi-active'), new RegExp(spaces(int(lang, overview.totals.active))));
        assert.ok((await text(page, 'kpi-revenue')).includes(spaces(money(lang, overview.totals.revenue))));

        await page.goto(`${ctx.server.url}/segments/repeat_buyers`);
        await page.getByTestId('segment-customers').waitFor();
        assert.ok((await text(page, 'segment-count')).includes(spaces(int(lang, segment.count))));
        assert.ok(
          (await text(page, 'segment-customers')).includes(spaces(int(lang, segOverview.totals.customers))),
        );
        assert.ok(
          (await text(page, 'segment-revenue')).includes(spaces(money(lang, segOverview.totals.revenue))),
        );

        await page.goto(`${ctx.server.url}/profiles/${ctx.profileId}`);
        await page.getByTestId('profile-clv').waitFor();
        assert.ok((await text(page, 'profile-orders')).includes(spaces(int(lang, profile.metrics.orders))));
        assert.ok(
          (await text(page, 'profile-revenue')).includes(spaces(money(lang, profile.metrics.revenue))),
        );
        assert.ok((await text(page, 'profile-clv')).includes(spaces(money(lang, clv))));
        // One churn figure in the header, the API's (src/semantics/churn-risk.ts), as a whole percentage.
        if (scores.churnRisk) {
          const shown = spaces(
            new Intl.NumberFormat(LOCALES[lang], { style: 'percent', maximumFractionDigits: 0 }).format(
              scores.churnRisk.value,
            ),
          );
          assert.ok((await text(page, 'profile-churn')).includes(shown), `churn risk ${shown}`);
        }
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    }
  });

  it('dedupe review: accepting a pair joins the two people, undo takes it back (phone, Polish)', async () => {
    type Review = {
      pairs: { a: string; b: string; people: { customer_id: string; profileId: number }[] }[];
      decisions: { a: string; b: string; decision: string }[];
    };
    const before = await api<Review>('/v1/dedupe?threshold=0.9');
    const first = before.pairs[0];
    assert.ok(first, 'the planted duplicates give a pair to review');
    const session = { url: ctx.server.url, token: ctx.server.adminToken };
    const { context, page, errors } = await openPage(ctx.browser.browser, PHONE, session, 'pl-PL');
    try {
      await page.goto(`${ctx.server.url}/housekeeping?tab=dedupe`);
      const card = page.getByTestId('dedupe-pair').first();
      await card.waitFor({ timeout: 60_000 });
      assert.match(spaces((await card.textContent()) ?? ''), new RegExp(first.a));
      await page.getByTestId('dedupe-accept').first().click();
      await page.getByTestId('dedupe-notice').waitFor({ timeout: 60_000 });
      await settle(page);
      await page.screenshot({ path: join(SHOTS, 'hk-dedupe-accepted-phone-pl.png'), fullPage: true });
      const after = await api<Review>('/v1/dedupe?threshold=0.9');
      assert.ok(!after.pairs.some((p) => p.a === first.a && p.b === first.b), 'the pair left the list');
      assert.ok(after.decisions.some((d) => d.a === first.a && d.b === first.b && d.decision === 'accepted'));
      const profiles = await api<{ profiles: { id: number }[] }>(
        `/v1/profiles?q=${encodeURIComponent(first.a)}`,
      );
      const other = await api<{ profiles: { id: number }[] }>(
        `/v1/profiles?q=${encodeURIComponent(first.b)}`,
      );
      assert.equal(profiles.profiles[0]?.id, other.profiles[0]?.id, 'both records are on one profile');
      await page.getByTestId('dedupe-undo-last').click();
      await page
        .getByTestId('dedupe-notice')
        .filter({ hasText: /cofnięto/ })
        .waitFor({ timeout: 60_000 });
      const undone = await api<Review>('/v1/dedupe?threshold=0.9');
      assert.ok(
        !undone.decisions.some((d) => d.a === first.a && d.b === first.b),
        'the decision was taken back',
      );
      assert.ok(
        undone.pairs.some((p) => p.a === first.a && p.b === first.b),
        'the pair is listed again',
      );
      assert.deepEqual(await dumps(page), []);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
