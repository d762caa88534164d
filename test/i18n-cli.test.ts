import assert from 'node:assert/strict';
import { join } from 'node:path';
import { it } from 'node:test';
import { runCli } from './helpers/cli.js';
import { testDatabaseFrom } from './helpers/engine.js';
import { tinyShop } from './helpers/shop.js';
import { withTempDir } from './helpers/tmp.js';

// `--lang pl` (a global option, before or after the command) says the CLI's text for people in Polish;
// `--json` keeps its codes, field names and numbers; English stays the default.

it('clientele --lang pl: Polish text, errors and findings; the same JSON numbers; English by default', async () => {
  await withTempDir(async (dir) => {
    await (await tinyShop(dir)).close();
    const db = await testDatabaseFrom(join(dir, 'shop.duckdb'));

    const conc = ['concentration', '--db', db, '--filter', 'category=Outdoor'];
    const en = await runCli(conc);
    const pl = await runCli([...conc, '--lang', 'pl']);
    assert.equal(pl.code, 0, pl.stderr);
    assert.match(en.stdout, /^region\s+revenue\s+peak/m);
    assert.match(pl.stdout, /^region\s+przychód\s+szczyt/m);
    assert.match(pl.stdout, /% w [a-ząćęłńóśźż]+ wobec /);
    assert.doesNotMatch(pl.stdout, / against /);

    const jsonEn = JSON.parse((await runCli([...conc, '--json'])).stdout);
    const jsonPl = JSON.parse((await runCli(['--lang', 'pl', ...conc, '--json'])).stdout);
    assert.deepEqual(
      jsonPl.rows.map((r: { value: string; total: number }) => [r.value, r.total]),
      jsonEn.rows.map((r: { value: string; total: number }) => [r.value, r.total]),
    );
    assert.notEqual(jsonPl.rows[0].peak, jsonEn.rows[0].peak);

    const scan = await runCli(['scan', '--db', db, '--lang=pl', '--min-size', '1', '--fdr', '0.5']);
    assert.equal(scan.code, 0, scan.stderr);
    assert.match(scan.stdout, /ocenionych komórek to koncentracje przy odsetku fałszywych odkryć 0,5/);

    // A coded failure: Polish words, what failed kept, the same code and exit code.
    const bad = await runCli(['--lang', 'pl', 'segment', 'members', 'nobody-here', '--db', db]);
    const badEn = await runCli(['segment', 'members', 'nobody-here', '--db', db]);
    assert.equal(bad.code, badEn.code);
    assert.match(badEn.stderr, /^error: /);
    // What went wrong, what to do, and what failed (the English message, with its values), each on a line.
    assert.match(
      bad.stderr,
      /^błąd: Nie znaleziono segmentu\.\n {2}`clientele segment list` pokazuje zapisane segmenty\.\n {2}szczegóły: .*\[CLT_ERR_SEGMENT_NOT_FOUND\]/,
    );

    const wrong = await runCli(['scan', '--db', db, '--lang', 'de']);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /--lang de: use en or pl/);
  });
});
