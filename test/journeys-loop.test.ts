import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { discountCode } from '../src/campaigns/index.js';
import { openWarehouse } from '../src/store/index.js';
import { runCli, runCliJson } from './helpers/cli.js';
import { testDemoDatabase } from './helpers/demo.js';
import { startMailbox } from './helpers/mailbox.js';
import { withTempDir } from './helpers/tmp.js';

type Member = { id: number; customerIds: string[]; email: string | null; firstName: string | null };
type Run = {
  entered: number;
  advanced: number;
  sent: number;
  skipped: number;
  exited: number;
  deferred: number;
  skippedBy: Record<string, number>;
};

test('the at-risk play on the demo business: its e-mails arrive personalised, the suppressed and the held out get none, the steps are on the profiles', async () => {
  const mailbox = await startMailbox();
  try {
    await withTempDir(async (dir) => {
      const db = await (await testDemoDatabase(dir, 800, 3)).location;
      const cli = <T>(...args: string[]) => runCliJson<T>(['--db', db, ...args]);
      await cli('model', 'rfm');
      const play = await cli<{
        segment: { name: string; members: number };
        experiment: { holdout: number } | null;
      }>('plays', 'enable', 'at-risk', '--smtp', mailbox.url);
      assert.equal(play.segment.name, 'play-at-risk');
      assert.ok(play.segment.members > 20, `at-risk members: ${play.segment.members}`);
      assert.equal(play.experiment?.holdout, 10);
      const plays = await cli<{ name: string; enabled: boolean; expectedLift: { lift: number } }[]>(
        'plays',
        'list',
      );
      assert.equal(plays.length, 7);
      assert.ok(plays.find((p) => p.name === 'at-risk')?.enabled);
      // 12:00 UTC, early morning across the US: everyone enters and waits for 10:00 on their own clock.
      const first = await cli<Run>('journeys', 'run', '--now', '2026-12-07T12:00:00Z');
      assert.equal(first.entered, play.segment.members);
      assert.equal(first.sent, 0);
      assert.equal(mailbox.mails.length, 0);
      // Who is held out and who gets the offer was drawn at the holdout step.
      const assigned = await cli<{ customerId: string; variant: string }[]>(
        'experiments',
        'members',
        'play-at-risk',
      );
      const variant = new Map(assigned.map((a) => [a.customerId, a.variant]));
      const members = await cli<Member[]>('segment', 'members', 'play-at-risk');
      const offered = members.filter((m) => m.email && variant.get(m.customerIds[0]!) === 'offer');
      const heldOut = members.filter((m) => variant.get(m.customerIds[0]!) === 'control');
      assert.ok(
        heldOut.length > 0 && offered.length > 10,
        `${heldOut.length} held out, ${offered.length} offered`,
      );
      // Suppress three who would get the offer (two unsubscribe, one bounces) and erase a fourth.
      const [u1, u2, b1, gone] = offered;
      await writeFile(
        join(dir, 'suppress.csv'),
        `message_id,customer_id,email,channel,campaign,sent_at,bounced,unsubscribed_at
s1,${u1!.customerIds[0]},${u1!.email},email,news,2026-12-01T10:00:00Z,false,2026-12-02T10:00:00Z
s2,${u2!.customerIds[0]},${u2!.email},email,news,2026-12-01T10:00:00Z,false,2026-12-02T10:00:00Z
s3,${b1!.customerIds[0]},${b1!.email},email,news,2026-12-01T10:00:00Z,true,
`,
      );
      await cli('import', join(dir, 'suppress.csv'), '--as', 'messages');
      const forgot = await runCli(['--db', db, 'forget', gone!.customerIds[0]!, '--no-compact']);
      assert.equal(forgot.code, 0, forgot.stderr);
      // 21:00 UTC: past 10:00 from New York to Honolulu, before quiet hours anywhere in the US.
      const second = await cli<Run>('journeys', 'run', '--now', '2026-12-07T21:00:00Z');
      assert.ok(second.sent > 0);
      assert.equal(mailbox.mails.length, second.sent);
      assert.ok(
        second.skippedBy.unsubscribed! >= 2 && second.skippedBy.bounced! >= 1,
        JSON.stringify(second),
      );
      assert.equal(second.deferred, 0);
      const to = new Set(mailbox.mails.map((m) => m.to));
      for (const m of [u1, u2, b1, gone]) assert.ok(!to.has(m!.email!), `${m!.email} was suppressed`);
      for (const m of heldOut) assert.ok(!m.email || !to.has(m.email), `${m.email} was held out`);
      // Personalised: the first name in the subject and the body, the person's own discount code.
      const mailed = offered.filter((m) => to.has(m.email!));
      assert.equal(mailed.length, second.sent);
      for (const m of mailed.slice(0, 5)) {
        const mail = mailbox.mails.find((x) => x.to === m.email)!;
        if (m.firstName)
          assert.ok(mail.data.includes(`We miss you, ${m.firstName}`), mail.data.slice(0, 400));
        assert.ok(mail.data.includes(discountCode('play-at-risk', m.id)));
        assert.match(mail.data, /15% off/);
      }
      // The steps are on the profiles: the e-mail as a message, the other steps as events.
      const someone = mailed[0]!;
      const profile = await cli<{ timeline: { kind: string; what: string }[] }>(
        'profile',
        someone.customerIds[0]!,
        '--timeline',
        '50',
      );
      const kinds = JSON.stringify(profile.timeline);
      assert.match(kinds, /Journey Entered/);
      assert.match(kinds, /Journey Step/);
      assert.match(kinds, /email journey play-at-risk sent/);
      const list = await cli<{ name: string; entered: number; sent: number; active: number }[]>(
        'journeys',
        'list',
      );
      assert.deepEqual(
        list.map((j) => [j.name, j.entered, j.sent]),
        // The erased person's position went with them.
        [['play-at-risk', play.segment.members - 1, second.sent]],
      );
      // Paused, nobody moves; the reminder a week later goes only to those still at risk and not capped.
      await cli('journeys', 'pause', 'play-at-risk');
      const paused = await cli<Run>('journeys', 'run', '--now', '2026-12-15T18:00:00Z');
      assert.equal(paused.advanced + paused.entered, 0);
      await cli('journeys', 'resume', 'play-at-risk');
      const handle = await openWarehouse(db);
      try {
        const [erased] = await handle.all<{ n: number }>(
          `SELECT count(*)::INTEGER AS n FROM journey_positions WHERE profile_id = ?`,
          [gone!.id],
        );
        assert.equal(erased?.n, 0, 'the erased person has no position');
      } finally {
        await handle.close();
      }
    });
  } finally {
    await mailbox.close();
  }
});
