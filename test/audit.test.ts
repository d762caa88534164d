import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { AuditCache, runAudit, setSourceOwner } from '../src/housekeeping/index.js';
import { ensureCurrent, resolveIdentities } from '../src/identity/index.js';
import { importFile } from '../src/ingest/index.js';
import type { Warehouse } from '../src/store/index.js';
import { runCli, runCliJson } from './helpers/cli.js';
import { withTestDatabase, withTestDb } from './helpers/engine.js';
import { ADMIN_TOKEN, withApi } from './helpers/server.js';

// Exactly planted defects: which row carries which is written beside it.
const CUSTOMERS = `customer_id,email,phone,first_name,last_name,birth_date,age,country,postal_code,updated_at
c1,alice@gmail.com,(212) 736-5000,Alice,Abel,1980-01-01,45,US,10001,2026-10-01
c2,bob@gmial.com,(212) 736-5001,Bob,Baker,1981-02-02,44,US,10002,2026-10-01
c3,carol@hotmial.com,12345,Carol,Cole,1982-03-03,43,US,10003,2026-10-01
c4,info@acme.com,020 7946 0958,Dan,Dunn,1990-03-03,35,GB,SW1A 1AA,2026-10-01
c5,eve@mailinator.com,(212) 736-5002,Eve,Ernst,1991-04-04,34,US,ABCDE,2026-10-01
c6,not-an-email,000-000,Finn,Ford,1992-05-05,33,US,10004,2026-10-01
c7,frank@yahoo.com,,Frank,Fox,2100-01-01,,US,10005,2026-10-01
c8,gina@outlook.com,,Gina,Gray,1901-05-05,150,US,10006,2026-10-01
c9,hank@gmail.com,(212) 736-5003,Hank,Hill,1970-06-06,55,US,10007,2020-01-01
c10,sales@gmial.com,(212) 736-5004,Ivy,Irons,1975-07-07,50,US,10008,2026-10-01
`;
const MESSAGES = `message_id,customer_id,email,channel,sent_at,bounced,complained
m1,c1,alice@gmail.com,email,2026-09-01T10:00:00Z,true,false
m2,c9,hank@gmail.com,email,2026-09-01T10:00:00Z,false,true
`;

async function load(db: Warehouse, dir: string): Promise<void> {
  await writeFile(join(dir, 'customers.csv'), CUSTOMERS);
  await writeFile(join(dir, 'messages.csv'), MESSAGES);
  await importFile(db, join(dir, 'customers.csv'), { kind: 'customers' });
  await importFile(db, join(dir, 'messages.csv'), { kind: 'messages' });
  await resolveIdentities(db);
}

describe('clientele audit', () => {
  test('finds exactly the planted defects', async () => {
    await withTestDb(async (db, dir) => {
      await load(db, dir);
      const a = await runAudit(db, { staleAfter: '18m', now: new Date('2026-12-06T00:00:00Z') });
      assert.deepEqual(a.contacts.emails, {
        valid: 2,
        invalidSyntax: 1,
        disposable: 1,
        roleBased: 2,
        typoDomain: 3,
        bounced: 1,
        complained: 1,
      });
      assert.deepEqual(a.contacts.phones, { valid: 6, invalid: 2 });
      const customers = a.sources.find((s) => s.kind === 'customers')!;
      assert.equal(customers.rows, 10);
      const field = (name: string) => customers.fields.find((f) => f.field === name)!;
      assert.deepEqual(
        [field('email').filled, field('email').invalid, field('email').examples],
        [10, 1, ['not-an-email']],
      );
      assert.deepEqual([field('phone').filled, field('phone').valid, field('phone').invalid], [8, 6, 2]);
      assert.deepEqual(
        [field('birth_date').invalid, field('birth_date').examples],
        [2, ['1901-05-05', '2100-01-01']],
      );
      assert.equal(field('age').invalid, 1);
      assert.equal(field('postal_code').invalid, 1);
      assert.equal(field('postal_code').distinct, 10);
      const issue = (code: string) => a.issues.filter((i) => i.code === code);
      assert.deepEqual(
        issue('email_typo_domain').map((i) => [i.count, i.fix]),
        [
          [2, 'correct gmial.com to gmail.com'],
          [1, 'correct hotmial.com to hotmail.com'],
        ],
      );
      assert.equal(issue('date_impossible')[0]?.count, 2);
      assert.equal(issue('age_impossible')[0]?.count, 1);
      assert.equal(issue('phone_invalid')[0]?.count, 2);
      assert.equal(issue('field_phone_invalid')[0]?.count, 2);
      // A field's invalid values count rows; the contact checks count distinct addresses and numbers, and each
      // finding says which, in the same words for the same fault.
      assert.deepEqual(
        [
          'field_email_invalid',
          'email_invalid_syntax',
          'phone_invalid',
          'field_phone_invalid',
          'contacts_stale',
        ].map((c) => issue(c)[0]?.counts),
        ['rows', 'addresses', 'numbers', 'rows', 'people'],
      );
      assert.equal(
        issue('field_email_invalid')[0]?.message,
        '1 row holds a value of “E-mail” that is not a valid e-mail address',
      );
      assert.equal(
        issue('email_invalid_syntax')[0]?.message,
        '1 distinct e-mail address (counted once across every table) is not a valid e-mail address',
      );
      assert.match(
        issue('date_impossible')[0]?.message ?? '',
        /^2 rows hold an impossible value of “Birth date”/,
      );
      // Hank was last confirmed in January 2020 (his complaint is a send, which confirms nothing).
      assert.equal(a.staleness.stale, 1);
      assert.equal(a.staleness.contacts[0]?.customerId, 'c9');
      assert.equal(
        issue('contacts_stale')[0]?.message,
        'No source has confirmed 1 person of 10 since June 6, 2025',
      );

      // Said in the asker's language, with Polish plural forms (1 adres, 2 adresy, 5 adresów).
      const pl = await runAudit(db, {
        staleAfter: '18m',
        now: new Date('2026-12-06T00:00:00Z'),
        locale: 'pl',
      });
      const plIssue = (code: string) => pl.issues.filter((i) => i.code === code);
      assert.equal(
        plIssue('email_invalid_syntax')[0]?.message,
        'Różne adresy e-mail (każdy liczony raz we wszystkich tabelach), które nie są poprawnymi adresami e-mail: 1',
      );
      assert.equal(
        plIssue('field_email_invalid')[0]?.message,
        'Wiersze, w których „E-mail” nie jest poprawnym adresem e-mail: 1',
      );
      assert.equal(
        plIssue('email_invalid_syntax')[0]?.fix,
        'popraw je u źródła; nie da się na nie wysłać wiadomości',
      );
      assert.equal(
        plIssue('email_role_based')[0]?.message,
        '2 adresy to adresy funkcyjne (info@, sales@), nie osób',
      );
      assert.equal(
        plIssue('email_typo_domain')[0]?.message,
        '2 adresy w domenie gmial.com, zapewne literówka w gmail.com',
      );
      assert.equal(
        plIssue('phone_invalid')[0]?.message,
        'Różne numery telefonu (każdy liczony raz we wszystkich tabelach), które nie są poprawnymi numerami dla swojego kraju: 2',
      );
      assert.match(
        plIssue('contacts_stale')[0]?.message ?? '',
        /^Od 6 czerwca 2025 żadne źródło nie potwierdziło danych 1 osoby z 10$/,
      );
      for (const i of pl.issues)
        assert.doesNotMatch(
          `${i.message} ${i.fix}`,
          /\b(are|is|the|them|addresses|numbers)\b/,
          `English in Polish: ${i.message} / ${i.fix}`,
        );
    });
  });

  test('contradicting birth dates across two sources are found', async () => {
    await withTestDb(async (db, dir) => {
      await load(db, dir);
      await writeFile(
        join(dir, 'crm.csv'),
        'customer_id,email,birth_date\ncrm-1,alice@gmail.com,1980-01-02\n',
      );
      await importFile(db, join(dir, 'crm.csv'), { kind: 'customers' });
      await resolveIdentities(db);
      const a = await runAudit(db, { kind: 'customers' });
      assert.equal(a.issues.find((i) => i.code === 'contradiction_birth_date')?.count, 1);
      // The one-row source: its figures stand, with a warning.
      const crm = a.sources.find((s) => s.file.endsWith('crm.csv'))!;
      assert.equal(crm.rows, 1);
      assert.ok(a.warnings.some((w) => w.code === 'CLT_WARN_AUDIT_THIN'));
    });
  });

  test('an all-null field is reported, and the CLI keeps the JSON shape; bad input is refused', async () => {
    await withTestDatabase(async ({ location: db, dir }) => {
      const empty = await runCliJson<Record<string, unknown>>(['audit', '--db', db]);
      assert.deepEqual(Object.keys(empty).slice(0, 4), ['sources', 'contacts', 'staleness', 'issues']);
      assert.deepEqual(empty.sources, []);
      assert.equal((empty.warnings as { code: string }[])[0]?.code, 'CLT_WARN_AUDIT_THIN');
      await writeFile(join(dir, 'c.csv'), 'customer_id,email,gender\nx1,a@b.com,\nx2,c@d.com,\n');
      assert.equal((await runCli(['import', join(dir, 'c.csv'), '--as', 'customers', '--db', db])).code, 0);
      const a = await runCliJson<{
        issues: { code: string; message: string; fix: string; source?: string }[];
        sources: { fields: { field: string; filled: number }[] }[];
      }>(['audit', '--db', db]);
      // The field by its label (src/i18n/field.ts), never its stored name, in the reader's language.
      const emptyField = (issues: { code: string; message: string; fix: string; source?: string }[]) =>
        issues.find((i) => i.code === 'field_empty');
      // The source by its kind and file name, not the path it was imported from.
      assert.equal(
        emptyField(a.issues)?.message,
        'Customers: c.csv: the field “Gender” is empty in every row',
      );
      assert.equal(emptyField(a.issues)?.source, join(dir, 'c.csv'));
      // The command line is told its flag.
      assert.match(
        emptyField(a.issues)?.fix ?? '',
        /the column mapped to it in the export, or map another with --map/,
      );
      const pl = await runCliJson<{ issues: { code: string; message: string; fix: string }[] }>([
        'audit',
        '--db',
        db,
        '--lang',
        'pl',
      ]);
      assert.equal(emptyField(pl.issues)?.message, 'Klienci: c.csv: pole „Płeć” jest puste w każdym wierszu');
      for (const i of [...a.issues, ...pl.issues])
        assert.doesNotMatch(`${i.message} ${i.fix}`, /\bgender\b/, 'no stored field name');
      assert.equal(a.sources[0]?.fields.find((f) => f.field === 'gender')?.filled, 0);
      const owner = await runCliJson<{ source: string; owner: string }>([
        'audit',
        'owner',
        'c.csv',
        'Dana',
        '--db',
        db,
      ]);
      assert.equal(owner.owner, 'Dana');
      const again = await runCliJson<{ sources: { owner: string }[] }>(['audit', '--db', db]);
      assert.equal(again.sources[0]?.owner, 'Dana');
      const badKind = await runCli(['audit', '--kind', 'widgets', '--db', db, '--json']);
      assert.equal(badKind.code, 2);
      assert.match(badKind.stdout, /CLT_ERR_AUDIT_BAD_OPTION/);
      const badAge = await runCli(['audit', '--stale-after', 'soon', '--db', db]);
      assert.equal(badAge.code, 2);
      const noSource = await runCli(['audit', 'owner', 'nope.csv', 'Dana', '--db', db]);
      assert.equal(noSource.code, 1);
      assert.match(noSource.stderr, /CLT_ERR_AUDIT_UNKNOWN_SOURCE/);
    });
  });

  test('the empty fields of a source are one finding naming them all; the web is told where to act in the app', async () => {
    await withTestDb(async (db, dir) => {
      await writeFile(
        join(dir, 'wide.csv'),
        'customer_id,email,gender,first_name,last_name,city,birth_date\nw1,a@b.com,,,,,\nw2,c@d.com,,,,,\nw3,e@f.com,,,,,\n',
      );
      await importFile(db, join(dir, 'wide.csv'), { kind: 'customers' });
      await resolveIdentities(db);
      const en = await runAudit(db, { asker: 'web' });
      const empty = en.issues.filter((i) => i.code === 'field_empty');
      assert.equal(empty.length, 1, 'one finding for the source, not one per field');
      assert.equal(empty[0]?.count, 3, 'the rows affected');
      assert.match(
        empty[0]?.message ?? '',
        /^Customers: wide\.csv: 5 fields are empty in every row: First name, Last name, Birth date, Gender,? and City$/,
      );
      assert.doesNotMatch(empty[0]?.message ?? '', /\/|\bfirst_name\b/);
      assert.doesNotMatch(empty[0]?.fix ?? '', /--map/);
      assert.match(empty[0]?.fix ?? '', /column mapping .*Data screen/);
      const pl = await runAudit(db, { asker: 'web', locale: 'pl' });
      const plEmpty = pl.issues.find((i) => i.code === 'field_empty');
      assert.match(
        plEmpty?.message ?? '',
        /^Klienci: wide\.csv: 5 pól jest pustych w każdym wierszu: .+, Płeć i .+$/,
      );
      assert.match(plEmpty?.fix ?? '', /ekranie Dane/);
      assert.doesNotMatch(plEmpty?.fix ?? '', /--map/);
      // Two fields: the few form.
      await writeFile(join(dir, 'two.csv'), 'customer_id,email,gender,city\nt1,g@h.com,,\n');
      await importFile(db, join(dir, 'two.csv'), { kind: 'customers' });
      const two = (await runAudit(db, { locale: 'pl' })).issues.filter((i) => i.code === 'field_empty');
      assert.match(two[1]?.message ?? '', /^Klienci: two\.csv: 2 pola są puste w każdym wierszu: Płeć i /);
      assert.match(two[1]?.fix ?? '', /--map/, 'the command line keeps its flag');
    });
  });

  test('over HTTP the fixes point at the web app unless a script asks for the command line’s', async () => {
    await withApi(async ({ app, db, dir }) => {
      await writeFile(join(dir, 'wide.csv'), 'customer_id,email,gender,city\nw1,a@b.com,,\nw2,c@d.com,,\n');
      await importFile(db, join(dir, 'wide.csv'), { kind: 'customers' });
      await resolveIdentities(db);
      const fix = async (query: string) => {
        const res = await app.inject({
          method: 'GET',
          url: `/v1/housekeeping/audit${query}`,
          headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
        });
        assert.equal(res.statusCode, 200, res.body);
        return (res.json() as { issues: { code: string; fix: string }[] }).issues.find(
          (i) => i.code === 'field_empty',
        )?.fix;
      };
      assert.match((await fix('')) ?? '', /Data screen/, 'the web app’s default');
      assert.match((await fix('?remedies=web')) ?? '', /Data screen/);
      assert.match((await fix('?remedies=cli')) ?? '', /--map/, 'a script asks for the command line’s');
      const bad = await app.inject({
        method: 'GET',
        url: '/v1/housekeeping/audit?remedies=shell',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      assert.equal(bad.statusCode, 400, 'only web or cli');
      // A bad kind or age is named as the query spells it (issue 13), never as the CLI's flag.
      for (const [query, option] of [
        ['?kind=widgets', 'kind'],
        ['?staleAfter=soon', 'staleAfter'],
      ] as const) {
        const res = await app.inject({
          method: 'GET',
          url: `/v1/housekeeping/audit${query}`,
          headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
        });
        assert.equal(res.statusCode, 400, res.body);
        const { error } = res.json() as {
          error: { code: string; message: string; details: { option: string } };
        };
        assert.equal(error.code, 'CLT_ERR_AUDIT_BAD_OPTION');
        assert.equal(error.details.option, option);
        assert.ok(error.message.startsWith(`${option} `), error.message);
        assert.doesNotMatch(JSON.stringify([error.message, error.details]), /--/);
      }
    });
  });

  test('the kept audit is read again until the data changes, then computed again: never a stale one', async () => {
    await withTestDb(async (db, dir) => {
      await load(db, dir);
      const audits = new AuditCache(db);
      const first = await audits.get({ staleAfter: '18m', limit: 100 });
      // The same state: the same answer, not a new computation.
      assert.equal(await audits.get({ staleAfter: '18m', limit: 100 }), first);
      const fresh = ({ staleness: { cutoff: _c, ...staleness }, ...rest }: typeof first) => ({
        ...rest,
        staleness,
      });
      assert.deepEqual(fresh(first), fresh(await runAudit(db, { staleAfter: '18m', limit: 100 })));
      assert.equal(first.sources.find((s) => s.kind === 'customers')?.rows, 10);

      // An import: one more customer with a typo'd domain. The kept audit is not read again.
      await writeFile(join(dir, 'more.csv'), 'customer_id,email,country\nc11,joe@gmial.com,US\n');
      await importFile(db, join(dir, 'more.csv'), { kind: 'customers' });
      await ensureCurrent(db);
      const after = await audits.get({ staleAfter: '18m', limit: 100 });
      assert.notEqual(after, first);
      assert.equal(after.contacts.emails.typoDomain, first.contacts.emails.typoDomain + 1);
      assert.equal(after.sources.length, first.sources.length + 1);
      assert.deepEqual(fresh(after), fresh(await runAudit(db, { staleAfter: '18m', limit: 100 })));

      // Rows written without an import (as the Event API does) move it too, as does naming a source's owner.
      await db.run(
        "INSERT INTO messages (row_key, row_hash, import_id, message_id, customer_id, email, channel, sent_at) VALUES ('api-m3', 'h', 2, 'm3', 'c2', 'x@mailinator.com', 'email', now())",
      );
      const written = await audits.get({ staleAfter: '18m', limit: 100 });
      assert.notEqual(written, after);
      assert.equal(written.contacts.emails.disposable, after.contacts.emails.disposable + 1);
      await setSourceOwner(db, 'customers.csv', 'Dana');
      const owned = await audits.get({ staleAfter: '18m', limit: 100 });
      assert.equal(owned.sources.find((s) => s.file.endsWith('customers.csv'))?.owner, 'Dana');
      // Other options are an answer of their own.
      assert.notEqual(await audits.get({ staleAfter: '6m', limit: 100 }), owned);
    });
  });
});
