import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type RunningServer, startServer } from '../../src/server/index.js';
import { adminApi, cliOut } from '../helpers/admin-api.js';
import { testLocation } from '../helpers/engine.js';
import { DESKTOP, dumps, launchBrowser, openPage, overflows, PHONE, type TestBrowser } from './browser.js';

// The marketer's side of acting, driven in Chromium: build a journey in the builder (a server refusal shown
// next to its field first), see it listed and run by serve's loop, edit it (people keep their places, the
// version goes up), then create an experiment and a placement from their Act tabs and try the placement.
const SHOTS = join(process.cwd(), '.tmp', 'screenshots');

let dir: string;
let server: RunningServer;
let browser: TestBrowser;

const cli = cliOut;
const api = adminApi(() => server);

const spaces = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
async function text(page: Page, testId: string): Promise<string> {
  return spaces((await page.getByTestId(testId).first().textContent()) ?? '');
}

interface Listed {
  name: string;
  version: number;
  active: number;
  entered: number;
  definition: { steps: { id: string; kind: string; goto?: string; next?: string }[] };
}

describe('the journey builder and the Act forms in Chromium', { timeout: 600_000 }, () => {
  before(async () => {
    await mkdir(SHOTS, { recursive: true });
    dir = await mkdtemp(join(tmpdir(), 'clientele-web-journeys-'));
    const db = await testLocation(dir, 'demo.duckdb');
    await cli(['demo', '--db', db, '--customers', '300', '--data', join(dir, 'data'), '--json']);
    await cli(['segment', 'create', 'repeat_buyers', '--where', 'orders >= 2', '--db', db, '--json']);
    server = await startServer({ dbPath: db, port: 0 });
    browser = await launchBrowser();
    await api('/v1/campaigns', {
      method: 'POST',
      body: { name: 'thanks', segment: 'repeat_buyers', subject: 'Thank you', template: '<p>Thanks!</p>' },
    });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('builds a journey (a refusal shown at its field), sees it run, edits it keeping people in place', async () => {
    const session = { url: server.url, token: server.adminToken };
    const { context, page, errors } = await openPage(browser.browser, DESKTOP, session, 'en-US');
    // A loaded machine (eight sessions on two cores) draws slowly: waits are for the page, not timings.
    page.setDefaultTimeout(120_000);
    try {
      // The old address is an alias of the Act tab.
      await page.goto(`${server.url}/journeys`);
      await page.waitForURL(/\/act\/journeys$/);
      await page.getByRole('link', { name: 'New journey' }).click();
      const form = page.getByTestId('journey-builder');
      await form.waitFor();
      await form.locator('input[name=name]').fill('welcome_back');
      await form.locator('select[name=segment]').selectOption('repeat_buyers');
      await form.locator('input[name=existing]').check();
      const add = async (kind: string, list = 'journey-steps') => {
        await page.getByTestId(list).locator('> .add-step select').selectOption(kind);
        await page.getByTestId(`${list}-add`).click();
      };
      await add('tag');
      await page.getByTestId('step-tag-1').locator('input[name=tag]').fill('welcomed');
      await add('branch');
      const branch = page.getByTestId('step-branch-1');
      await branch.locator('input[name=if]').fill('no_such_field >= 3');
      await branch.locator('select[name=holds]').selectOption('steps');
      // The branch's own steps: a wait (added with it) and an e-mail.
      await add('email', 'sub-branch-1');
      await page.getByTestId('step-email-1').locator('select[name=campaign]').selectOption('thanks');
      await add('exit');
      await page.getByTestId('journey-save').click();
      // The server refuses the unknown field: its sentence is shown next to the condition, not as a dump.
      const fieldError = branch.locator('.field-error').first();
      await fieldError.waitFor();
      assert.match(spaces((await fieldError.textContent()) ?? ''), /no_such_field/);
      assert.match(await text(page, 'journey-error'), /see the field marked above/);

      await branch.locator('input[name=if]').fill('orders >= 3');
      await page.getByTestId('journey-save').click();
      await page.getByTestId('journey-flow').waitFor();
      assert.match(page.url(), /\/act\/journeys\/welcome_back$/);
      assert.equal(await text(page, 'journey-version'), 'version 1');

      // The definition the builder sent is the one the CLI's file would hold: the branch's own steps after
      // the main list, coming back to the step after the branch.
      const saved = (await api<Listed[]>('/v1/journeys')).find((j) => j.name === 'welcome_back')!;
      assert.deepEqual(
        saved.definition.steps.map((s) => [s.id, s.kind, s.goto ?? s.next ?? null]),
        [
          ['wait-1', 'wait', null],
          ['tag-1', 'tag', null],
          ['branch-1', 'branch', 'wait-2'],
          ['exit-1', 'exit', null],
          ['wait-2', 'wait', null],
          ['email-1', 'email', 'exit-1'],
        ],
      );

      // serve's loop runs it: the existing members enter and wait at the first step.
      let listed: Listed | undefined;
      for (let i = 0; i < 240 && !(listed && listed.entered > 0); i++) {
        await new Promise((r) => setTimeout(r, 500));
        listed = (await api<Listed[]>('/v1/journeys')).find((j) => j.name === 'welcome_back');
      }
      assert.ok(listed && listed.entered > 0, 'serve entered the segment’s members');
      await page.goto(`${server.url}/act/journeys`);
      // Listed by its title; its page shows the key the commands take, and the flow in words.
      await page.getByTestId('journey-list').getByText('Welcome back').waitFor();
      await page.screenshot({ path: join(SHOTS, 'journeys-list-desktop-en.png'), fullPage: true });

      // Edit: remove the tag step the people wait at; they move to the next step that remains (the branch).
      await page.goto(`${server.url}/act/journeys/welcome_back/edit`);
      await form.waitFor();
      assert.equal(await form.locator('input[name=name]').inputValue(), 'welcome_back');
      await page.getByTestId('step-tag-1').getByRole('button', { name: 'Remove' }).click();
      await page.screenshot({ path: join(SHOTS, 'journey-edit-desktop-en.png'), fullPage: true });
      await page.getByTestId('journey-save').click();
      await page.getByTestId('journey-flow').waitFor();
      assert.equal(await text(page, 'journey-version'), 'version 2');
      // The flow in words: steps by their titles, the branch's condition as a sentence.
      assert.match(await text(page, 'journey-flow'), /Branch 1: if at least 3 orders, go to Wait 2/);
      assert.match(await text(page, 'journey-flow'), /they enter the segment “Repeat buyers”/);
      const edited = (await api<Listed[]>('/v1/journeys')).find((j) => j.name === 'welcome_back')!;
      assert.equal(edited.version, 2);
      assert.ok(!edited.definition.steps.some((s) => s.id === 'tag-1'));
      // Nobody entered again or was lost: an edit moves people, it does not enter them.
      assert.equal(edited.entered, listed.entered);
      assert.deepEqual(await dumps(page), []);
      // The browser logged the one refusal the test asked for.
      assert.deepEqual(
        errors.map((e) => /status of (\d+)/.exec(e)?.[1] ?? e),
        ['400'],
      );
    } finally {
      await context.close();
    }
  });

  it('creates an experiment and a placement from their tabs, and the placement decides', async () => {
    const session = { url: server.url, token: server.adminToken };
    const { context, page, errors } = await openPage(browser.browser, DESKTOP, session, 'en-US');
    // A loaded machine (eight sessions on two cores) draws slowly: waits are for the page, not timings.
    page.setDefaultTimeout(120_000);
    try {
      await page.goto(`${server.url}/act/experiments`);
      const eform = page.getByTestId('experiment-form');
      await eform.waitFor();
      await eform.locator('input[name=name]').fill('hero_test');
      await eform.locator('select[name=segment]').selectOption('repeat_buyers');
      await eform.locator('input[name=variants]').fill('control');
      await eform.locator('button[type=submit]').click();
      assert.match(await text(page, 'experiment-missing'), /at least two variants/);
      await eform.locator('input[name=variants]').fill('control, bold');
      await eform.locator('input[name=weights]').fill('1, 3');
      await eform.locator('input[name=holdout]').fill('10');
      await eform.locator('button[type=submit]').click();
      await page.getByTestId('experiment-list').getByText('Hero test').waitFor();
      const made = (
        await api<{
          experiments: { name: string; variants: string[]; weights: number[]; holdout: number }[];
        }>('/v1/experiments')
      ).experiments.find((e) => e.name === 'hero_test');
      assert.deepEqual([made?.variants, made?.weights, made?.holdout], [['control', 'bold'], [1, 3], 10]);
      await page.screenshot({ path: join(SHOTS, 'experiment-created-desktop-en.png'), fullPage: true });

      await page.goto(`${server.url}/act/placements`);
      const pform = page.getByTestId('placement-form');
      await pform.waitFor();
      await pform.locator('input[name=name]').fill('banner');
      const first = page.getByTestId('rule-0');
      await first.locator('input[name=condition]').fill('local_hour >= 22');
      await first.locator('input[name=variant]').fill('night');
      await first.locator('textarea[name=payload]').fill('{"headline": "Still up?"');
      await pform.locator('button[type=submit]').click();
      await first.locator('.field-error').waitFor();
      await first.locator('textarea[name=payload]').fill('{"headline": "Still up?"}');
      // The server's refusal of a condition is shown at its rule.
      await first.locator('input[name=condition]').fill('no_such_field >= 22');
      await pform.locator('button[type=submit]').click();
      await first.locator('.field-error', { hasText: 'no_such_field' }).waitFor();
      await first.locator('input[name=condition]').fill('local_hour >= 22');
      await page.getByTestId('add-rule').click();
      // The new rule goes before the default: moved up once.
      const third = page.getByTestId('rule-2');
      await third.locator('select[name=show]').selectOption('experiment');
      await third.locator('select[name=experiment]').selectOption('hero_test');
      await third.locator('input[name=condition]').fill('orders >= 2');
      await third.getByRole('button', { name: 'Move up' }).click();
      await pform.locator('button[type=submit]').click();
      await page.getByTestId('rules-banner').waitFor();
      const placed = (await api<{ placements: { name: string; rules: unknown[] }[] }>('/v1/placements'))
        .placements;
      assert.deepEqual(placed.find((p) => p.name === 'banner')?.rules, [
        { if: 'local_hour >= 22', variant: 'night', payload: { headline: 'Still up?' } },
        { if: 'orders >= 2', experiment: 'hero_test' },
        { variant: 'default' },
      ]);
      const tryIt = page.getByTestId('try-banner');
      await tryIt.locator('input[name=hour]').fill('23');
      await tryIt.locator('button[type=submit]').click();
      // The rules and the decision's reason in words, the variants by their titles.
      const rules = await text(page, 'rules-banner');
      assert.match(rules, /If local hour is at least 22, show “Night”/);
      assert.match(rules, /If at least 2 orders, show their variant of the experiment “Hero test”/);
      assert.match(rules, /Otherwise show “Default”/);
      assert.match(await text(page, 'decision-banner'), /They see Night/);
      assert.match(await text(page, 'decision-banner'), /rule 1 held \(local hour is at least 22\)/);
      assert.deepEqual(await dumps(page), []);
      await page.screenshot({ path: join(SHOTS, 'placement-created-desktop-en.png'), fullPage: true });
      // The browser logged the one refusal the test asked for.
      assert.deepEqual(
        errors.map((e) => /status of (\d+)/.exec(e)?.[1] ?? e),
        ['400'],
      );
    } finally {
      await context.close();
    }
  });

  it('a shipped play’s description reads in the page’s language; saved unchanged it stays as stored, edited it is what was typed', async () => {
    // As `plays enable at-risk` stores it: the play's English title and its name.
    const stored = "At risk: win-back play (play 'at-risk')";
    await api('/v1/journeys', {
      method: 'POST',
      body: {
        name: 'play-at-risk',
        description: stored,
        trigger: { kind: 'segment', segment: 'repeat_buyers', on: 'enter' },
        steps: [{ id: 'wait-1', kind: 'wait', duration: '1d' }],
      },
    });
    const described = async () =>
      (await api<(Listed & { definition: { description?: string } })[]>('/v1/journeys')).find(
        (j) => j.name === 'play-at-risk',
      )!;
    const session = { url: server.url, token: server.adminToken };
    const { context, page, errors } = await openPage(browser.browser, DESKTOP, session, 'pl-PL');
    page.setDefaultTimeout(120_000);
    try {
      const form = page.getByTestId('journey-builder');
      await page.goto(`${server.url}/act/journeys/play-at-risk/edit`);
      await form.waitFor();
      const box = form.locator('input[name=description]');
      assert.equal(await box.inputValue(), 'Odzyskuje klientów zagrożonych odejściem, z rabatem');
      await page.screenshot({ path: join(SHOTS, 'journey-play-edit-desktop-pl.png'), fullPage: true });
      await page.getByTestId('journey-save').click();
      await page.getByTestId('journey-flow').waitFor();
      const kept = await described();
      assert.equal(kept.version, 2);
      assert.equal(
        kept.definition.description,
        stored,
        'saved unchanged: the stored text, not the Polish shown',
      );

      await page.goto(`${server.url}/act/journeys/play-at-risk/edit`);
      await form.waitFor();
      await box.fill('Odzyskuje klientów, nasza wersja');
      await page.getByTestId('journey-save').click();
      await page.getByTestId('journey-flow').waitFor();
      assert.equal((await described()).definition.description, 'Odzyskuje klientów, nasza wersja');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('the builder fits a phone in Polish', async () => {
    const session = { url: server.url, token: server.adminToken };
    const { context, page, errors } = await openPage(browser.browser, PHONE, session, 'pl-PL');
    // A loaded machine (eight sessions on two cores) draws slowly: waits are for the page, not timings.
    page.setDefaultTimeout(120_000);
    try {
      await page.goto(`${server.url}/act/journeys/welcome_back/edit`);
      await page.getByTestId('journey-builder').waitFor();
      await page.getByText('Zapisz nową wersję').waitFor();
      const o = await overflows(page);
      assert.ok(o.scrollWidth <= o.innerWidth, `${o.scrollWidth}px wide in ${o.innerWidth}px`);
      assert.deepEqual(await dumps(page), []);
      await page.screenshot({ path: join(SHOTS, 'journey-edit-phone-pl.png'), fullPage: true });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
