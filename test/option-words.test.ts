import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { it } from 'node:test';
import { createCampaign } from '../src/campaigns/index.js';
import { ensureCurrent } from '../src/identity/current.js';
import { importFile } from '../src/ingest/index.js';
import { saveSegment } from '../src/segments/index.js';
import { runCli } from './helpers/cli.js';
import { withTestDatabase } from './helpers/engine.js';
import { startMailbox } from './helpers/mailbox.js';
import { ADMIN_TOKEN, withApi } from './helpers/server.js';

// Issue 13: what an API answer (and so the web app) says names an option as the API spells it (`dateFormat`,
// `trackingUrl`), never as a command-line flag; the command line still names its flags. One sentence each,
// with its option written once as a mark (src/errors/option.ts, onSurface).

// Dates whose day and month could be either way round: the importer reads them month-first and says so.
const AMBIGUOUS = 'order_id,customer_id,order_date,revenue\no1,c1,1/2/2024,10\no2,c2,3/4/2024,20\n';

it('an API answer names options as the API does, never as a flag, in English and Polish', async () => {
  const mail = await startMailbox();
  try {
    await withApi(async ({ app, db, dir }) => {
      const ask = (
        method: 'POST' | 'GET',
        url: string,
        lang: 'en' | 'pl',
        payload?: string | Record<string, unknown>,
      ) =>
        app.inject({
          method,
          url,
          headers: {
            authorization: `Bearer ${ADMIN_TOKEN}`,
            'accept-language': lang,
            ...(typeof payload === 'string' ? { 'content-type': 'text/plain' } : {}),
          },
          ...(payload === undefined ? {} : { payload }),
        });
      for (const lang of ['en', 'pl'] as const) {
        // A bad import option: its hint names no flag (it said "against --help").
        const bad = await ask(
          'POST',
          `/v1/imports?kind=orders&name=o-${lang}.csv&dateFormat=sometimes`,
          lang,
          AMBIGUOUS,
        );
        assert.equal(bad.statusCode, 400, bad.body);
        const error = bad.json().error;
        assert.equal(error.code, 'CLT_ERR_IMPORT_BAD_OPTION');
        assert.equal(error.details.option, 'dateFormat');
        assert.doesNotMatch(bad.body, /--/, `${lang}: no command-line flag in ${bad.body}`);

        // Dates that read either way: the reading names `dateFormat`, not `--date-format`.
        const read = await ask('POST', `/v1/imports?kind=orders&name=a-${lang}.csv`, lang, AMBIGUOUS);
        assert.equal(read.statusCode, 200, read.body);
        const readings: string[] = read.json().warnings;
        const dates = readings.find((w) => w.includes('1/2/2024'));
        assert.ok(dates, `${lang}: the ambiguous dates are read aloud: ${readings.join(' | ')}`);
        assert.match(dates, /dateFormat dmy/);
        assert.doesNotMatch(JSON.stringify(read.json()), /--/, `${lang}: ${dates}`);
      }

      // A campaign sent with no public tracking address: the warning names `trackingUrl`.
      await writeFile(
        join(dir, 'customers.csv'),
        'customer_id,email,first_name,country,consent_email\nc1,ann@x.io,Ann,US,yes\n',
      );
      await importFile(db, join(dir, 'customers.csv'), { kind: 'customers' });
      await ensureCurrent(db);
      await saveSegment(db, 'us', "country = 'US'");
      await writeFile(join(dir, 'mail.liquid'), '<p>Hi {{ first_name }}</p>');
      await createCampaign(db, {
        name: 'spring',
        segment: 'us',
        subject: 'Spring',
        template: join(dir, 'mail.liquid'),
        smtp: mail.url,
      });
      const saved = process.env.CLIENTELE_PUBLIC_URL;
      delete process.env.CLIENTELE_PUBLIC_URL;
      try {
        for (const lang of ['en', 'pl'] as const) {
          const sent = await ask('POST', '/v1/campaigns/spring/send', lang, {});
          assert.equal(sent.statusCode, 200, sent.body);
          const local = (sent.json().warnings as { code: string; message: string }[]).find(
            (w) => w.code === 'CLT_WARN_TRACKING_LOCAL',
          );
          assert.ok(local, `${lang}: ${sent.body}`);
          assert.match(local.message, /trackingUrl/);
          assert.doesNotMatch(sent.body, /--/, `${lang}: no command-line flag in ${sent.body}`);
        }
      } finally {
        if (saved !== undefined) process.env.CLIENTELE_PUBLIC_URL = saved;
      }

      // A campaign whose SMTP server does not answer, sent from the API: the hint names `smtp`, not `--smtp`.
      await createCampaign(db, {
        name: 'nowhere',
        segment: 'us',
        subject: 'Spring',
        template: join(dir, 'mail.liquid'),
        smtp: 'smtp://127.0.0.1:1',
      });
      for (const lang of ['en', 'pl'] as const) {
        const refused = await ask('POST', '/v1/campaigns/nowhere/send', lang, {});
        assert.equal(refused.statusCode, 502, refused.body);
        const error = refused.json().error;
        assert.equal(error.code, 'CLT_ERR_CAMPAIGN_SMTP');
        assert.match(error.hint, /smtp smtp:\/\/host:port/);
        assert.doesNotMatch(error.hint, /--/, `${lang}: no command-line flag in ${error.hint}`);
      }
    });
  } finally {
    await mail.close();
  }
});

it('the command line still names its flags: the same reading and hint say --date-format and --map', async () => {
  await withTestDatabase(async ({ location, dir }) => {
    const file = join(dir, 'orders.csv');
    await writeFile(file, AMBIGUOUS);
    const text = await runCli(['--db', location, 'import', file, '--as', 'orders']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout + text.stderr, /--date-format dmy/);
    assert.doesNotMatch(text.stdout + text.stderr, /\{--|dateFormat/);
    const json = await runCli(['--db', location, 'import', file, '--as', 'orders', '--json']);
    assert.match(json.stdout, /--date-format dmy/);
    const bad = await runCli(['--db', location, 'import', file, '--as', 'orders', '--map', '[1]']);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /Fix --map: a JSON object/);
    const badPl = await runCli([
      '--db',
      location,
      'import',
      file,
      '--as',
      'orders',
      '--map',
      '[1]',
      '--lang',
      'pl',
    ]);
    assert.match(badPl.stderr, /Popraw --map: obiekt JSON/);
  });
});
