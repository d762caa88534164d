import assert from 'node:assert/strict';
import { join } from 'node:path';
import { it } from 'node:test';
import { runCli } from './helpers/cli.js';
import { testLocation } from './helpers/engine.js';
import { withTempDir } from './helpers/tmp.js';

// `clientele demo --lang pl` says what it does, and what to do next, in Polish with Polish plural forms.
it('demo speaks Polish with --lang pl: its progress lines and the next steps', async () => {
  await withTempDir(async (dir) => {
    // The engine under test: a DuckDB file, or a new database on the test PostgreSQL server. The files go where
    // a DuckDB file's would (beside it); a database server has none beside it, and the default would be ./.
    const db = await testLocation(dir, 'demo.duckdb');
    const data = join(dir, 'clientele-demo');
    const run = await runCli([
      'demo',
      '--customers',
      '60',
      '--no-serve',
      '--db',
      db,
      '--data',
      data,
      '--lang',
      'pl',
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /^tworzę sklep demonstracyjny dla 60 klientów \(ziarno 7\) w /m);
    assert.match(
      run.stderr,
      /^zaimportowano customers\.csv: \d[\d\s\u00a0]* wiersz(e|y|)?(y)?, odrzucone: 0$/m,
    );
    assert.match(run.stderr, /^połączono .* rekord.* w .* profil/m);
    assert.match(run.stdout, /^dalej: `clientele profiles` pokaże najcenniejsze osoby/m);
    assert.doesNotMatch(`${run.stdout}\n${run.stderr}`, /\b(next|imported|joined|generating the)\b/);
    // Again on the same file: it says the database holds data already, in Polish.
    const again = await runCli(['demo', '--no-serve', '--db', db, '--lang', 'pl']);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /zawiera już dane; pokazuję je/);
  });
});
