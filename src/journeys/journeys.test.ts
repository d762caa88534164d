import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { withTestDb } from '../../test/helpers/engine.js';
import { startMailbox } from '../../test/helpers/mailbox.js';
import { createCampaign } from '../campaigns/index.js';
import { ensureCurrent } from '../identity/index.js';
import { importFile } from '../ingest/index.js';
import { saveSegment } from '../segments/index.js';
import type { Warehouse } from '../store/index.js';
import { createJourney, getJourney, runJourneys, shapeIssues, writeSettings } from './index.js';

async function shop(db: Warehouse, dir: string) {
  await writeFile(
    join(dir, 'customers.csv'),
    `customer_id,email,first_name,country,region,consent_email
c1,ann@x.io,Ann,US,NY,yes
c2,bob@x.io,Bob,US,CA,yes
c3,cy@x.io,Cy,PL,,yes
c4,dee@x.io,Dee,US,TX,yes
c5,eve@x.io,Eve,JP,,yes
c6,,Fay,PL,,yes
`,
  );
  await writeFile(
    join(dir, 'messages.csv'),
    `message_id,customer_id,channel,campaign,sent_at,bounced,unsubscribed_at
m1,c2,email,old,2025-01-01T10:00:00Z,false,2025-01-02T10:00:00Z
m2,c4,email,old,2025-01-01T10:00:00Z,true,
`,
  );
  await importFile(db, join(dir, 'customers.csv'), { kind: 'customers' });
  await importFile(db, join(dir, 'messages.csv'), { kind: 'messages' });
  await ensureCurrent(db);
  await saveSegment(db, 'everyone', 'orders >= 0');
  await writeFile(
    join(dir, 'welcome.liquid'),
    '<p>Hi {{ first_name | default: "there" }}, your code is {{ discount_code }}.</p>',
  );
  await createCampaign(db, {
    name: 'welcome',
    segment: 'everyone',
    subject: 'Welcome, {{ first_name }}',
    template: join(dir, 'welcome.liquid'),
  });
}

const journey = (
  steps: unknown[],
  trigger: unknown = { kind: 'segment', segment: 'everyone', existing: true },
) => ({
  name: 'welcome-flow',
  trigger,
  steps,
});

test('a journey file with a cycle, an unknown step, segment or template is refused with its JSON path', async () => {
  const cycle = shapeIssues(
    journey([
      { id: 'a', kind: 'wait', duration: '1d' },
      { id: 'b', kind: 'tag', add: 'x', next: 'a' },
    ]),
  );
  assert.deepEqual(cycle, [{ code: 'cycle', path: '/steps/1/next', message: 'the steps loop: a → b → a' }]);
  const unknownStep = shapeIssues(
    journey([
      { id: 'a', kind: 'branch', if: 'orders > 1', goto: 'nowhere' },
      { id: 'b', kind: 'exit' },
    ]),
  );
  assert.deepEqual(unknownStep[0], {
    code: 'reference',
    path: '/steps/0/goto',
    message: "no step with id 'nowhere'",
  });
  assert.equal(shapeIssues(journey([{ id: 'a', kind: 'fly' }]))[0]?.path, '/steps/0');
  assert.equal(
    shapeIssues(journey([{ id: 'a', kind: 'wait' }]))[0]?.message,
    'a wait needs duration or until',
  );
  await withTestDb(async (db, dir) => {
    await shop(db, dir);
    await assert.rejects(
      createJourney(
        db,
        journey([{ id: 'a', kind: 'exit' }], { kind: 'segment', segment: 'nope' }),
        'flow.json',
      ),
      (e: { code: string; message: string; details: { path: string } }) => {
        assert.equal(e.code, 'CLT_ERR_JOURNEY_REFERENCE');
        assert.equal(e.details.path, '/trigger/segment');
        assert.equal(e.message, "flow.json: /trigger/segment: no segment named 'nope'");
        return true;
      },
    );
    await assert.rejects(
      createJourney(
        db,
        journey([
          { id: 'a', kind: 'wait', duration: '1d' },
          { id: 'b', kind: 'email', campaign: 'nope' },
        ]),
      ),
      {
        code: 'CLT_ERR_JOURNEY_REFERENCE',
        message: "/steps/1/campaign: no campaign (template) named 'nope'",
      },
    );
    await assert.rejects(
      createJourney(
        db,
        journey([
          { id: 'a', kind: 'branch', if: "in segment 'ghosts'", goto: 'b' },
          { id: 'b', kind: 'exit' },
        ]),
      ),
      { code: 'CLT_ERR_JOURNEY_REFERENCE' },
    );
    await assert.rejects(
      createJourney(
        db,
        journey([
          { id: 'a', kind: 'branch', if: 'shoe_size > 3', goto: 'b' },
          { id: 'b', kind: 'exit' },
        ]),
      ),
      (e: { code: string; details: { path: string } }) =>
        e.code === 'CLT_ERR_JOURNEY_INVALID' && e.details.path === '/steps/0/if',
    );
    await assert.rejects(
      createJourney(
        db,
        journey([
          { id: 'a', kind: 'wait', duration: '1d' },
          { id: 'b', kind: 'tag', add: 'x', next: 'a' },
        ]),
      ),
      { code: 'CLT_ERR_JOURNEY_CYCLE' },
    );
  });
});

test('a journey sends in each person’s daytime, skips the suppressed, caps the frequency and records every step', async () => {
  const mailbox = await startMailbox();
  try {
    await withTestDb(async (db, dir) => {
      await shop(db, dir);
      await writeSettings(db, { cap: '1/7d', quietHours: '21:00-08:00' });
      await createJourney(
        db,
        journey([
          { id: 'hello', kind: 'email', campaign: 'welcome' },
          { id: 'pause', kind: 'wait', duration: '1d', until: '10:00' },
          { id: 'again', kind: 'email', campaign: 'welcome' },
          { id: 'where', kind: 'branch', if: "country = 'PL'", goto: 'bye' },
          { id: 'tag', kind: 'tag', add: 'greeted' },
          { id: 'bye', kind: 'exit' },
        ]),
      );
      const run = (iso: string) => runJourneys(db, { now: new Date(iso), smtp: mailbox.url });
      // 14:00 UTC: 10:00 in New York, 16:00 in Warsaw, 09:00 in Texas; 07:00 in California and 23:00 in
      // Tokyo are quiet.
      const first = await run('2026-06-01T14:00:00Z');
      assert.equal(first.entered, 6);
      assert.equal(first.sent, 2);
      assert.equal(first.deferred, 2);
      assert.deepEqual(first.skippedBy, { noEmail: 1, unsubscribed: 0, bounced: 1, noConsent: 0, capped: 0 });
      assert.deepEqual(mailbox.mails.map((m) => m.to).sort(), ['ann@x.io', 'cy@x.io']);
      const ann = mailbox.mails.find((m) => m.to === 'ann@x.io')!;
      assert.match(ann.data, /Subject: Welcome, Ann/);
      assert.match(ann.data, /Hi Ann, your code is WELCOM-[0-9A-F]{8}/);
      assert.match(ann.data, /X-Clientele-Journey: welcome-flow/);
      // Tracked as a campaign's sends are: the open pixel names this send's tracking id.
      const tracking = /X-Clientele-Tracking: ([0-9a-f-]{36})/.exec(ann.data)?.[1];
      assert.ok(tracking && ann.data.replace(/=\r?\n/g, '').includes(`/v1/t/o/${tracking}.gif`));
      // 08:30 in California: Bob's send is due, and he unsubscribed.
      const second = await run('2026-06-01T15:30:00Z');
      assert.deepEqual([second.entered, second.sent, second.skippedBy.unsubscribed], [0, 0, 1]);
      // 09:00 in Tokyo the next day: Eve's.
      const third = await run('2026-06-02T00:00:00Z');
      assert.equal(third.sent, 1);
      assert.equal(mailbox.mails.at(-1)?.to, 'eve@x.io');
      // Three days on, at noon in New York: the second e-mail is over the cap of one a week.
      const fourth = await run('2026-06-04T16:00:00Z');
      assert.equal(fourth.sent, 0);
      assert.ok(fourth.skippedBy.capped >= 2, JSON.stringify(fourth));
      assert.equal(mailbox.mails.length, 3);
      // Steps of one run share their time; among them the definition's order is the order taken (no engine
      // keeps insertion order that SQL can name on both).
      const order = ['(trigger)', 'hello', 'pause', 'again', 'where', 'tag', 'bye'];
      const steps = (
        await db.all<{ step: string; kind: string; outcome: string; at: string }>(
          `SELECT s.step, s.kind, s.outcome, CAST(s.taken_at AS VARCHAR) AS at FROM journey_steps s
           JOIN profiles p USING (profile_id) WHERE p.email = 'ann@x.io' ORDER BY s.taken_at`,
        )
      ).sort((a, b) => a.at.localeCompare(b.at) || order.indexOf(a.step) - order.indexOf(b.step));
      assert.deepEqual(
        steps.map((s) => `${s.step}:${s.outcome}`),
        [
          '(trigger):entered',
          'hello:sent',
          'pause:waiting',
          'again:skipped:capped',
          'where:else',
          'tag:added',
          'bye:exited',
        ],
      );
      const tags = await db.all<{ email: string }>(
        'SELECT p.email FROM profile_tags t JOIN profiles p USING (profile_id) ORDER BY 1',
      );
      // Those past the branch who are not in Poland (Eve is held by Tokyo's night at the second e-mail).
      assert.deepEqual(
        tags.map((t) => t.email),
        ['ann@x.io', 'bob@x.io', 'dee@x.io'],
      );
      // On the profile: the e-mail as a message, the other steps as events, joined by identity.
      await ensureCurrent(db);
      const [onProfile] = await db.all<{ messages: number; events: number }>(
        `SELECT count(*) FILTER (WHERE rp.record_table = 'messages')::INTEGER AS messages,
           count(*) FILTER (WHERE rp.record_table = 'events')::INTEGER AS events
         FROM record_profiles rp JOIN profiles p USING (profile_id)
         WHERE p.email = 'ann@x.io' AND (starts_with(rp.row_key, 'journey:'))`,
      );
      assert.deepEqual(onProfile, { messages: 1, events: 6 });
      const j = await getJourney(db, 'welcome-flow');
      assert.equal(j.entered, 6);
      assert.equal(j.sent, 3);
      // Re-entry is `never` by default: nobody enters again.
      assert.equal((await run('2026-06-20T16:00:00Z')).entered, 0);
    });
  } finally {
    await mailbox.close();
  }
});
