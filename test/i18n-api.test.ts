import assert from 'node:assert/strict';
import { it } from 'node:test';
import { resolveIdentities } from '../src/identity/index.js';
import { createUser } from '../src/security/index.js';
import { saveSegment } from '../src/segments/index.js';
import { ADMIN_TOKEN, withApi } from './helpers/server.js';
import { numbersIn, tinyShop } from './helpers/shop.js';

// The same request in English and in Polish: the same codes, field names and numbers; only the sentences
// people read change language (docs/i18n.md).

const codesIn = (value: unknown, out: string[] = []): string[] => {
  if (Array.isArray(value)) for (const v of value) codesIn(v, out);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      if (k === 'code' && typeof v === 'string') out.push(v);
      else codesIn(v, out);
    }
  return out;
};

const keysIn = (value: unknown, out = new Set<string>()): Set<string> => {
  if (Array.isArray(value)) for (const v of value) keysIn(v, out);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysIn(v, out);
    }
  return out;
};

it('mining, model cards and errors: the same codes and numbers in English and Polish, Polish sentences', async () => {
  await withApi(async ({ app, db, dir }) => {
    await tinyShop(dir, db);
    const ask = async (method: 'GET' | 'POST', url: string, lang: 'en' | 'pl', payload?: unknown) => {
      const r = await app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'accept-language': lang },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
      return r;
    };
    const both = async (method: 'GET' | 'POST', url: string, payload?: unknown) => {
      const en = await ask(method, url, 'en', payload);
      const pl = await ask(method, url, 'pl', payload);
      assert.equal(pl.statusCode, en.statusCode, `${url}: ${pl.body}`);
      assert.equal(pl.headers['content-language'], 'pl');
      const e = en.json();
      const p = pl.json();
      assert.deepEqual(numbersIn(p), numbersIn(e), `${url}: the same numbers`);
      assert.deepEqual(codesIn(p), codesIn(e), `${url}: the same codes`);
      assert.deepEqual([...keysIn(p)].sort(), [...keysIn(e)].sort(), `${url}: the same field names`);
      return { en: e, pl: p };
    };

    const conc = await both('POST', '/v1/mining/concentration', {
      filter: 'category=Outdoor',
      period: 'month',
    });
    const peaks = conc.pl.rows.map((r: { peak: string | null }) => r.peak).filter(Boolean);
    assert.ok(peaks.length > 0, 'some peak');
    for (const peak of peaks)
      assert.match(
        peak,
        / w (styczniu|lutym|marcu|kwietniu|maju|czerwcu|lipcu|sierpniu|październiku|listopadzie|grudniu)| we wrześniu/,
      );
    for (const peak of conc.en.rows.map((r: { peak: string | null }) => r.peak).filter(Boolean))
      assert.match(peak, / in [A-Z][a-z]+ against /);

    const anomalies = await both('POST', '/v1/mining/anomalies', { threshold: 0.5 });
    const reasons = [...anomalies.pl.orders, ...anomalies.pl.customers].flatMap(
      (o: { reasons: string[] }) => o.reasons,
    );
    for (const r of reasons) assert.doesNotMatch(r, /robust sd|orders by|above|below/, r);

    const scan = await both('POST', '/v1/mining/scan', { measure: 'orders', fdr: 0.5, minSize: 1 });
    for (const f of scan.pl.findings) assert.match(f.sentence, /co najmniej .*× \(q = /);
    // How the scan decides, in the answer's language.
    assert.match(scan.en.method.multiplicity, /^Benjamini–Hochberg over every cell scored/);
    assert.match(scan.pl.method.multiplicity, /^procedura Benjaminiego–Hochberga/);
    assert.match(scan.pl.method.test, /^dokładny warunkowy test dwóch częstości Poissona/);
    // A series too short for a season says why, with the Polish plural of its months.
    const trend = await both('POST', '/v1/mining/trend', { measure: 'orders' });
    assert.match(trend.en.series[0].note, /needs two full seasons \(24 months, a season being a year\)/);
    assert.match(
      trend.pl.series[0].note,
      /^dekompozycja sezonowa wymaga dwóch pełnych sezonów \(24 miesiące, sezonem jest rok\); ten szereg ma \d+ pełn/,
    );

    // An experiment's comparison names its test in the answer's language.
    await resolveIdentities(db);
    await saveSegment(db, 'buyers', 'orders >= 1');
    const made = await app.inject({
      method: 'POST',
      url: '/v1/experiments',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      payload: { name: 'offer', segment: 'buyers', variants: ['control', 'offer'], start: '2024-01-01' },
    });
    assert.equal(made.statusCode, 201, made.body);
    for (const metric of ['conversion', 'revenue']) {
      const exp = await both('GET', `/v1/experiments/offer/report?metric=${metric}`);
      const methods = exp.pl.comparisons.map((c: { method: string }) => c.method);
      assert.ok(methods.length > 0, metric);
      for (const m of methods) assert.match(m, /^test (z dla dwóch proporcji|t Welcha)/, m);
      for (const m of exp.en.comparisons.map((c: { method: string }) => c.method))
        assert.match(m, /two-proportion z-test|Welch's t-test/);
    }

    const rfm = await ask('POST', '/v1/models/rfm', 'en', {});
    assert.equal(rfm.statusCode, 200, rfm.body);
    const runs = await both('GET', '/v1/models/runs');
    const card = runs.pl.runs[0].card;
    assert.equal(card.title, 'Kwintyle i poziomy RFM');
    assert.match(card.what, /^Świeżość \(dni do /);
    assert.equal(runs.en.runs[0].card.title, 'RFM quintiles and tiers');
    assert.equal(card.said, undefined, 'the phrases stay with the run');
    assert.ok(card.caveats.every((c: string) => !/customer base|ties score/.test(c)));

    // An error: the same code and status; the message and hint in Polish, what failed kept as the detail.
    const [badEn, badPl] = await Promise.all(
      (['en', 'pl'] as const).map(async (l) =>
        (await ask('POST', '/v1/mining/trend', l, { mesure: 'revenue' })).json(),
      ),
    );
    const bad = { en: badEn, pl: badPl };
    assert.equal(bad.en.error.code, bad.pl.error.code);
    assert.equal(bad.pl.error.code, 'CLT_ERR_MINING_BAD_OPTION');
    assert.equal(bad.pl.error.message, 'Niepoprawna wartość opcji analizy.');
    assert.match(bad.pl.error.hint, /Sprawdź wartość opcji/);
    assert.notEqual(bad.pl.error.hint, bad.pl.error.message);
    // What failed, with its values, in Polish too (the English words stay out of what people read).
    assert.match(bad.pl.error.details.detail, /^nieznana opcja mesure; dozwolone: /);
    assert.equal(bad.pl.error.details.original, undefined);
    assert.match(bad.en.error.message, /unknown option mesure/);
    // The importer's readings: what it noticed and why a column is no field, in the asker's language; the
    // refusal of a file without the columns a kind needs names them in Polish too.
    const upload = async (lang: 'en' | 'pl', name: string, body: string, kind = 'customers') =>
      app.inject({
        method: 'POST',
        url: `/v1/imports?kind=${kind}&name=${name}`,
        headers: {
          authorization: `Bearer ${ADMIN_TOKEN}`,
          'accept-language': lang,
          'content-type': 'application/octet-stream',
        },
        payload: Buffer.from(body),
      });
    const file = 'customer_id,Dependents,birth_date\nz1,Yes,1/2/1980\nz2,No,3/4/1985\nz3,No,12/5/1990\n';
    const read = {
      en: (await upload('en', 'a.csv', file)).json(),
      pl: (await upload('pl', 'b.csv', file)).json(),
    };
    assert.match(
      read.en.warnings.join('\n'),
      /column 'Dependents' looked like the field “Children” by its name/,
    );
    assert.match(read.en.warnings.join('\n'), /could be month-first or day-first/);
    assert.match(read.pl.warnings.join('\n'), /kolumna 'Dependents' z nazwy wyglądała na pole „Dzieci”/);
    assert.match(read.pl.warnings.join('\n'), /mogą mieć najpierw miesiąc albo dzień/);
    const dependents = (r: { columns: { column: string; refused?: string }[] }) =>
      r.columns.find((c) => c.column === 'Dependents')?.refused;
    assert.equal(dependents(read.en), 'not the field “Children”: 100% of its values are not numbers');
    assert.equal(dependents(read.pl), 'nie pole „Dzieci”: 100% jej wartości to nie liczby');
    // An upload is recorded under the name it was sent with, never the server's temporary copy.
    const recorded = await db.all<{ file: string }>('SELECT file FROM imports ORDER BY import_id');
    assert.deepEqual(
      recorded.slice(-2).map((r) => r.file),
      ['a.csv', 'b.csv'],
    );
    const noColumns = await upload('pl', 'c.csv', 'order_id,revenue\no1,10\n', 'orders');
    assert.equal(noColumns.json().error.code, 'CLT_ERR_IMPORT_MISSING_COLUMN');
    assert.match(noColumns.json().error.details.detail, /^c\.csv: brak kolumny dla wymaganego pola order_ts/);
    const missing = await ask('GET', '/v1/nothing-here?lang=pl', 'en');
    assert.equal(missing.json().error.code, 'CLT_ERR_API_NOT_FOUND');
    assert.match(missing.json().error.message, /Nie ma takiej ścieżki/);
    assert.equal(missing.json().error.details.detail, 'nie ma ścieżki GET /v1/nothing-here');
  });
});

it("a signed-in user's language is kept with them and outranks Accept-Language; ?lang= still wins", async () => {
  await withApi(async ({ app, db }) => {
    await createUser(db, { name: 'ola', role: 'viewer', password: 'correct horse battery' });
    const signIn = await app.inject({
      method: 'POST',
      url: '/v1/session',
      payload: { name: 'ola', password: 'correct horse battery' },
    });
    assert.equal(signIn.statusCode, 200, signIn.body);
    assert.equal(signIn.json().language, undefined);
    const cookie = String(signIn.headers['set-cookie']).split(';')[0] as string;
    const as = (url: string, lang = 'en') =>
      app.inject({ method: 'GET', url, headers: { cookie, 'accept-language': lang } });

    assert.equal((await as('/v1/models/runs')).headers['content-language'], 'en');
    const set = await app.inject({
      method: 'PUT',
      url: '/v1/session/language',
      headers: { cookie },
      payload: { language: 'pl' },
    });
    assert.equal(set.statusCode, 200, set.body);
    assert.deepEqual(set.json(), { language: 'pl', saved: true });
    assert.equal(
      (await as('/v1/models/runs')).headers['content-language'],
      'pl',
      'the setting outranks the header',
    );
    assert.equal((await as('/v1/models/runs?lang=en')).headers['content-language'], 'en', '?lang= wins');
    const missing = await as('/v1/segments/nobody-here');
    assert.match(missing.json().error.message, /Nie znaleziono segmentu|Nie ma takiej ścieżki/);
    assert.equal((await as('/v1/session')).json().language, 'pl', 'the session says it, for the web app');

    assert.equal(
      (
        await app.inject({
          method: 'PUT',
          url: '/v1/session/language',
          headers: { cookie },
          payload: { language: 'de' },
        })
      ).statusCode,
      400,
    );
    await app.inject({
      method: 'PUT',
      url: '/v1/session/language',
      headers: { cookie },
      payload: { language: null },
    });
    assert.equal((await as('/v1/models/runs', 'pl')).headers['content-language'], 'pl');
    assert.equal(
      (await as('/v1/models/runs', 'en')).headers['content-language'],
      'en',
      'null follows the browser again',
    );
    // Nobody signed in: refused, and nothing stored.
    assert.equal(
      (await app.inject({ method: 'PUT', url: '/v1/session/language', payload: { language: 'pl' } }))
        .statusCode,
      403,
    );
  });
});

it('an error names saved things by their titles in both languages; its details keep the keys for programs', async () => {
  await withApi(async ({ app, db }) => {
    await saveSegment(db, 'repeat_buyers', 'orders >= 2');
    await saveSegment(db, 'vip_repeat', "in segment 'repeat_buyers' and orders >= 5");
    const call = (
      method: 'POST' | 'DELETE',
      url: string,
      lang: 'en' | 'pl',
      payload?: Record<string, unknown>,
    ) =>
      app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'accept-language': lang },
        ...(payload ? { payload } : {}),
      });
    const created = await call('POST', '/v1/destinations', 'en', {
      name: 'old_crm',
      type: 'webhook',
      url: 'http://127.0.0.1:9/hooks',
    });
    assert.equal(created.statusCode, 201, created.body);
    const aud = await call('POST', '/v1/audiences', 'en', {
      name: 'repeat_buyers_push',
      segment: 'repeat_buyers',
      to: 'old_crm',
    });
    assert.equal(aud.statusCode, 201, aud.body);

    const en = (await call('DELETE', '/v1/destinations/old_crm', 'en')).json().error;
    assert.equal(en.code, 'CLT_ERR_ACTIVATION_INVALID');
    assert.equal(
      en.message,
      'destination “Old CRM” is used by audience “Repeat buyers push”: delete that first',
    );
    assert.deepEqual(en.details, { destination: 'old_crm', audience: 'repeat_buyers_push' });
    const pl = (await call('DELETE', '/v1/destinations/old_crm', 'pl')).json().error;
    assert.equal(
      pl.details.detail,
      'odbiorca danych „Old CRM” jest używany przez grupę docelową „Repeat buyers push”: najpierw ją usuń',
    );
    assert.equal(pl.details.destination, 'old_crm', 'the keys stay for programs');

    const seg = (await call('DELETE', '/v1/segments/repeat_buyers', 'en')).json().error;
    assert.equal(
      seg.message,
      'segment “Repeat buyers” is named by segment “VIP repeat”: change or delete that one first',
    );
    assert.equal(seg.details.usedBy, 'vip_repeat');
    const segPl = (await call('DELETE', '/v1/segments/repeat_buyers', 'pl')).json().error;
    assert.equal(
      segPl.details.detail,
      'segment „Repeat buyers” jest użyty w segmencie „VIP repeat”: najpierw zmień lub usuń tamten',
    );
    const missing = (await call('DELETE', '/v1/audiences/no_such_list', 'en')).json().error;
    assert.equal(missing.message, 'no audience named “No such list”');
    assert.deepEqual(missing.details, { name: 'no_such_list' });

    // A destination's own checks name the option (as the API and the web app call it), never a CLI flag.
    const noOut = (await call('POST', '/v1/destinations', 'en', { name: 'dump', type: 'file' })).json().error;
    assert.equal(noOut.code, 'CLT_ERR_ACTIVATION_INVALID');
    assert.equal(noOut.message, 'a file destination needs out: the path of a .csv or .parquet file');
    assert.equal(noOut.details.option, 'out');
    const noKey = (
      await call('POST', '/v1/destinations', 'pl', {
        name: 'seg',
        type: 'segment',
        url: 'http://127.0.0.1:9/',
      })
    ).json().error;
    assert.equal(noKey.details.option, 'writeKey');
    assert.equal(noKey.details.detail, 'odbiorca typu segment potrzebuje writeKey: klucza zapisu źródła');
    assert.doesNotMatch(JSON.stringify([noOut, noKey]), /--/, 'no command-line flag in an API answer');

    // So do an experiment's and a campaign's (issue 13), in Polish too.
    const held = (
      await call('POST', '/v1/experiments', 'pl', {
        name: 'h',
        segment: 'repeat_buyers',
        variants: ['a', 'b'],
        holdout: 150,
      })
    ).json().error;
    assert.equal(held.code, 'CLT_ERR_ACTIVATION_INVALID');
    assert.equal(held.details.option, 'holdout');
    assert.equal(held.details.detail, 'holdout 150: procent od 0 do 99');
    const capped = (
      await call('POST', '/v1/campaigns', 'en', {
        name: 'c',
        segment: 'repeat_buyers',
        subject: 'Hi',
        template: 'Hello {{ first_name }}',
        cap: 'often',
      })
    ).json().error;
    assert.equal(capped.message, 'cap often: write N/PERIOD, e.g. 2/7d, 1/week or 3/month');
    assert.equal(capped.details.option, 'cap');
    assert.doesNotMatch(JSON.stringify([held, capped]), /--/, 'no command-line flag in an API answer');

    // Campaigns, experiments, placements and journeys are named by their titles too; the keys stay in details.
    const get = (url: string, lang: 'en' | 'pl') =>
      url.endsWith('/try')
        ? call('POST', url, lang, {})
        : url.startsWith('/v1/journeys/')
          ? call('DELETE', url, lang)
          : app.inject({
              method: 'GET',
              url,
              headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'accept-language': lang },
            });
    const cases = [
      [
        '/v1/experiments/spring_sale/report',
        'no experiment named “Spring sale”',
        'nie ma eksperymentu „Spring sale”',
      ],
      ['/v1/journeys/win_back_vip', 'no journey named “Win back VIP”', 'nie ma ścieżki „Win back VIP”'],
      [
        '/v1/placements/home_banner/try',
        'no placement named “Home banner”',
        'nie ma miejsca na stronie „Home banner”',
      ],
    ] as const;
    for (const [url, en, pl] of cases) {
      const e = (await get(url, 'en')).json().error;
      assert.equal(e.message, en, url);
      assert.equal(e.details.name, url.split('/')[3], 'the key stays for programs');
      assert.equal((await get(url, 'pl')).json().error.details.detail, pl, url);
    }
    const campaign = {
      name: 'spring_sale',
      segment: 'repeat_buyers',
      subject: 'Hi',
      template: 'Hello {{ first_name }}',
    };
    assert.equal((await call('POST', '/v1/campaigns', 'en', campaign)).statusCode, 201);
    const again = (await call('POST', '/v1/campaigns', 'en', campaign)).json().error;
    assert.equal(again.message, 'a campaign named “Spring sale” exists');
    assert.equal(
      (await call('POST', '/v1/campaigns', 'pl', campaign)).json().error.details.detail,
      'kampania „Spring sale” już istnieje',
    );
  });
});
