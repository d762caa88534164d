import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { withTestDb } from '../../test/helpers/engine.js';
import { startMailbox } from '../../test/helpers/mailbox.js';
import { ensureCurrent } from '../identity/index.js';
import { importFile } from '../ingest/index.js';
import { saveSegment } from '../segments/index.js';
import { createCampaign, discountCode, parseCap, sendCampaign } from './index.js';

const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

test('parseCap() reads N/PERIOD and refuses the rest', () => {
  assert.deepEqual(parseCap('2/7d'), { count: 2, days: 7 });
  assert.deepEqual(parseCap('1/week'), { count: 1, days: 7 });
  assert.deepEqual(parseCap('3/month'), { count: 3, days: 30 });
  assert.throws(() => parseCap('often'), {
    code: 'CLT_ERR_ACTIVATION_INVALID',
    message: 'cap often: write N/PERIOD, e.g. 2/7d, 1/week or 3/month',
    details: { option: 'cap' },
  });
});

test('a campaign renders Liquid per person, sends over SMTP, skips who must be skipped and records each send', async () => {
  const server = await startMailbox();
  try {
    await withTestDb(async (db, dir) => {
      await writeFile(
        join(dir, 'customers.csv'),
        `customer_id,email,first_name,country,consent_email,nickname
c1,ann@x.io,Ann,US,yes,<b>Annie</b>
c2,bob@x.io,Bob,US,no,
c3,,Cy,US,yes,
c4,dee@x.io,,US,,
c5,eve@x.io,Eve,US,yes,
c6,fay@x.io,Fay,US,yes,
c7,gus@x.io,Gus,FR,yes,
`,
      );
      await writeFile(
        join(dir, 'messages.csv'),
        `message_id,customer_id,channel,campaign,sent_at,bounced
m1,c5,email,old,${day(40)},true
m2,c6,email,old,${day(2)},false
m3,c6,email,old,${day(3)},false
`,
      );
      await importFile(db, join(dir, 'customers.csv'), { kind: 'customers' });
      await importFile(db, join(dir, 'messages.csv'), { kind: 'messages' });
      await ensureCurrent(db);
      await saveSegment(db, 'us', "country = 'US'");
      await writeFile(
        join(dir, 'mail.liquid'),
        '<p>Hi {{ first_name | default: "there" }} ({{ nickname }}), your code is {{ discount_code }}.{{ coupon_value }}</p>',
      );
      const created = await createCampaign(db, {
        name: 'winback',
        segment: 'us',
        subject: 'A gift for you, {{ first_name | default: "friend" }}',
        template: join(dir, 'mail.liquid'),
        from: 'Shop <shop@x.io>',
        smtp: server.url,
        cap: '2/7d',
      });
      assert.deepEqual(
        created.warnings.map((w) => [w.code, w.message.includes("'coupon_value'")]),
        [['CLT_WARN_TEMPLATE_UNKNOWN_VARIABLE', true]],
      );
      const dry = await sendCampaign(db, 'winback', { dryRun: true });
      assert.equal(server.mails.length, 0);
      const expected = { unsubscribed: 1, bounced: 1, capped: 1, noEmail: 1, noConsent: 1 };
      assert.deepEqual(dry.skipped, expected);
      const sent = await sendCampaign(db, 'winback');
      assert.equal(sent.recipients, 6);
      assert.equal(sent.sent, 1);
      assert.deepEqual(sent.skipped, expected);
      assert.equal(server.mails.length, 1);
      const mail = server.mails[0]!;
      assert.equal(mail.to, 'ann@x.io');
      assert.match(mail.data, /Subject: A gift for you, Ann/);
      // The trait is escaped in HTML, never markup; the unknown variable rendered empty.
      assert.match(mail.data, /&lt;b&gt;Annie&lt;\/b&gt;/);
      const code = discountCode(
        'winback',
        (await db.all<{ id: number }>("SELECT profile_id AS id FROM profiles WHERE email = 'ann@x.io'"))[0]!
          .id,
      );
      assert.ok(mail.data.includes(code));
      const tracking = /X-Clientele-Tracking: ([0-9a-f-]+)/.exec(mail.data)?.[1];
      const [row] = await db.all<{ id: string; campaign: string }>(
        "SELECT message_id AS id, campaign FROM messages WHERE campaign = 'winback'",
      );
      assert.equal(row?.id, tracking);
      // Ann's send counts toward her cap from now on: a second send within the week with cap 1 would skip her.
      await ensureCurrent(db);
      const [linked] = await db.all<{ n: number }>(
        "SELECT count(*)::INTEGER AS n FROM record_profiles WHERE record_table = 'messages' AND row_key = 'campaign:' || ?",
        [tracking!],
      );
      assert.equal(linked?.n, 1);
    });
  } finally {
    await server.close();
  }
});

test('a campaign to a segment of zero warns and sends nothing; an SMTP server that is down is an error with its code', async () => {
  await withTestDb(async (db, dir) => {
    await writeFile(
      join(dir, 'customers.csv'),
      'customer_id,email,country,consent_email\nc1,a@x.io,US,yes\n',
    );
    await importFile(db, join(dir, 'customers.csv'), { kind: 'customers' });
    await ensureCurrent(db);
    await saveSegment(db, 'none', "country = 'ZZ'");
    await saveSegment(db, 'us', "country = 'US'");
    await writeFile(join(dir, 't.liquid'), 'Hello');
    await createCampaign(db, { name: 'c0', segment: 'none', subject: 's', template: join(dir, 't.liquid') });
    const empty = await sendCampaign(db, 'c0');
    assert.equal(empty.recipients, 0);
    assert.equal(empty.warnings[0]?.code, 'CLT_WARN_CAMPAIGN_EMPTY');
    await createCampaign(db, {
      name: 'c1',
      segment: 'us',
      subject: 's',
      template: join(dir, 't.liquid'),
      smtp: 'smtp://127.0.0.1:1',
    });
    await assert.rejects(sendCampaign(db, 'c1'), { code: 'CLT_ERR_CAMPAIGN_SMTP' });
    await writeFile(join(dir, 'bad.liquid'), '{% if %}');
    await assert.rejects(
      createCampaign(db, { name: 'c2', segment: 'us', subject: 's', template: join(dir, 'bad.liquid') }),
      { code: 'CLT_ERR_CAMPAIGN_TEMPLATE' },
    );
  });
});
