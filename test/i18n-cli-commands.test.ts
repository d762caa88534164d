import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { it } from 'node:test';
import { openWarehouse } from '../src/store/index.js';
import { runCli } from './helpers/cli.js';
import { testLocation } from './helpers/engine.js';
import { tinyShop } from './helpers/shop.js';
import { withTempDir } from './helpers/tmp.js';

// `--lang pl` says the text of status, trend, segment, model and import in Polish, with Polish plural forms
// and numbers; `--json` keeps the English field names and codes. A scan for common English words guards
// against sentences left out of the catalogues.

// Word edges by Unicode letters: a plain \b would find 'to' in 'tożsamości' (ż is no \w).
const ENGLISH =
  /(?<!\p{L})(the|and|of|with|from|customers?|members?|profiles|placed|worth|imports?|rejected|entered|left|total|run|holdout|seasonality|anomalies|warning|written|segments|rows?|kind|period|value|change|expected|tier|share|revenue|started|seconds|file|read|accepted|duplicates|updated|columns?|people|none|yet|no)(?!\p{L})/iu;

/** English words in `text` once the codes, names and values from the data (`allowed`) are taken out. */
function english(text: string, allowed: readonly (string | RegExp)[] = []): string | null {
  let rest = text;
  for (const a of allowed) rest = typeof a === 'string' ? rest.split(a).join(' ') : rest.replace(a, ' ');
  return ENGLISH.exec(rest)?.[0] ?? null;
}

// The names of the kinds of data (the status table's rows, the import table's kinds) are codes, as `--as` takes them.
const KINDS = /^(customers|orders|order_items|products|events|messages|feedback|notes|spend|social)\b/gm;

it('status, trend, segment, model and import speak Polish with --lang pl: plural forms, numbers, no English left', async () => {
  await withTempDir(async (dir) => {
    const db = await testLocation(dir, 'shop.duckdb');
    await (await tinyShop(dir, await openWarehouse(db))).close();
    const pl = async (...args: string[]) => {
      const run = await runCli([...args, '--db', db, '--lang', 'pl']);
      assert.equal(run.code, 0, `${args.join(' ')}: ${run.stderr}`);
      return run.stdout;
    };

    const status = await pl('status');
    assert.match(status, /^baza .* \((DuckDB|PostgreSQL)\)$/m);
    // 5 customers (many), 0 prospects (many), 7 placed orders (many), 1 not placed (one).
    assert.match(
      status,
      /^5 klientów i 0 potencjalnych klientów; 7 złożonych zamówień o wartości 585 od 5 stycznia 2024 do 11 marca 2024 \(oraz 1 niezłożone zamówienie\)$/m,
    );
    assert.match(status, /^5 profili \(jeden na osobę, po rozpoznaniu tożsamości\)$/m);
    assert.match(status, /^5 importów, zachowano 0 odrzuconych wierszy/m);
    assert.equal(english(status, [KINDS, 'docs/definitions.md', '`clientele rejects`', db]), null, status);
    const statusEn = (await runCli(['status', '--db', db])).stdout;
    assert.match(
      statusEn,
      /^5 customers and 0 prospects; 7 placed orders worth 585 from 2024-01-05 to 2024-03-11/m,
    );

    const trend = await pl('trend');
    assert.match(trend, /^przychód \(łącznie 585\)$/m);
    assert.match(trend, /^okres\s+wartość\s+zmiana\s+zmiana %\s+oczekiwana$/m);
    assert.match(trend, /-0,477273/, 'Polish decimals');
    assert.match(
      trend,
      /wymaga dwóch pełnych sezonów \(24 miesiące, sezonem jest rok\); ten szereg ma 1 pełny miesiąc/,
    );
    assert.equal(english(trend), null, trend);

    const created = await pl('segment', 'create', 'vip', '--where', 'revenue > 100');
    assert.equal(created.trim(), 'vip: 4 osoby (weszły: 4, wyszły: 0)');
    const one = await pl('segment', 'create', 'solo', '--where', 'revenue > 200');
    assert.match(one, /^solo: 1 osoba /);
    assert.equal((await pl('segment', 'preview', '--where', 'orders >= 1')).trim(), '5 profili');
    assert.equal((await pl('segment', 'preview', '--where', 'orders >= 2')).trim(), '2 profile');
    const list = await pl('segment', 'list');
    assert.match(list, /^segment\s+rodzaj\s+osoby\s+zmiana\s+reguła$/m);
    assert.match(list, /^vip\s+reguła\s+4\s+revenue > 100$/m);
    assert.equal(english(list, ['revenue > 100', 'revenue > 200']), null, list);
    const refreshed = await pl('segment', 'refresh');
    assert.match(refreshed, /^segment\s+osoby\s+weszły\s+wyszły\s+uwaga$/m);
    const members = await pl('segment', 'members', 'vip');
    assert.match(members, /^profil\s+identyfikatory klienta\s+e-mail\s+zamówienia\s+przychód$/m);
    const out = join(dir, 'vip.csv');
    const exported = await pl('segment', 'export', 'vip', '--out', out);
    assert.equal(exported.trim(), `segment vip: zapisano 4 osoby do ${out}`);

    const rfm = await pl('model', 'rfm');
    assert.match(rfm, /^przebieg 1: 5 klientów na dzień 11 marca 2024 \(kupili raz: 3\)$/m);
    assert.match(rfm, /^grupa\s+klienci\s+udział\s+przychód\s+udział w przychodzie$/m);
    assert.match(rfm, /^Potencjalnie lojalni\s+2\s+0,4\s+140\s+0,2393$/m);
    assert.match(rfm, /^ostrzeżenie: .*\(CLT_WARN_RFM_FEW_CUSTOMERS\)$/m);
    assert.equal(english(rfm, [/CLT_WARN_\w+/g]), null, rfm);
    const runs = await pl('model', 'runs');
    assert.match(runs, /^przebieg\s+model\s+początek\s+sekundy\s+użyte wiersze\s+ocenieni klienci$/m);
    assert.match(runs, /^1\s+rfm\s+\S+\s+\d+,\d\d\s+7\s+5$/m);

    // The JSON keeps its English field names and codes.
    const json = JSON.parse((await runCli(['model', 'rfm', '--db', db, '--lang', 'pl', '--json'])).stdout);
    assert.ok('tiers' in json && json.tiers.some((t: { tier: string }) => t.tier === 'Potential loyalist'));

    // A refusal on too little data: what went wrong, what to do, and what failed, apart.
    const clv = await runCli(['model', 'clv', '--db', db, '--lang', 'pl']);
    assert.notEqual(clv.code, 0);
    assert.match(
      clv.stderr,
      /^błąd: Za mało klientów kupiło ponownie\.\n {2}Za mało klientów kupiło ponownie, by .*\n {2}szczegóły: only 2 of 5 .*\[CLT_ERR_MODEL_TOO_FEW_REPEAT\]/,
    );

    await writeFile(join(dir, 'more.csv'), 'customer_id,email,region\nc9,c9@x.io,NY\nc10,c10@x.io,CA\n');
    const imported = await pl('import', join(dir, 'more.csv'), '--as', 'customers');
    assert.match(
      imported,
      /^plik\s+rodzaj\s+odczytane\s+przyjęte\s+odrzucone\s+duplikaty\s+zaktualizowane\s+sekundy$/m,
    );
    assert.match(imported, /^kolumny:$/m);
    assert.match(
      imported,
      /^profile: teraz 7 osób \(zaktualizowane: \d+, scalenia: \d+, odświeżone zapisane segmenty: \d+\)$/m,
    );
    assert.equal(english(imported, [KINDS, /^more\.csv\s+customers/m, /^\s+\S+\s+→ .*$/gm]), null, imported);
  });
});
