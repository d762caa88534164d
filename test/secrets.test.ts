import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { createAlert } from '../src/alerts/index.js';
import { createCampaign, getCampaign, sendCampaign } from '../src/campaigns/index.js';
import { createDestination, destinationRow, listDestinations } from '../src/destinations/index.js';
import { ensureCurrent } from '../src/identity/index.js';
import { importFile } from '../src/ingest/index.js';
import { saveSegment } from '../src/segments/index.js';
import { openWarehouse } from '../src/store/index.js';
import { withTempDir } from './helpers/tmp.js';

const HOOK_SECRET = 'hook-secret-7f3a9c1e';
const WRITE_KEY = 'segment-write-key-b41d';
const SMTP_PASSWORD = 'smtp-pa55-e2c8';
const ALERT_SECRET = 'alert-secret-90ab';
const LEGACY = 'legacy-clear-secret-5d6e';

// Every file of the database (the file itself and a WAL if one is left), as bytes.
async function databaseBytes(dir: string): Promise<Buffer> {
  const names = (await readdir(dir)).filter((n) => n.startsWith('c.duckdb') && !n.endsWith('.key'));
  return Buffer.concat(await Promise.all(names.map((n) => readFile(join(dir, n)))));
}

test('destination, alert and SMTP secrets are sealed at rest under the instance key and opened only to deliver; clear rows from before are re-sealed on read', async () => {
  const received: string[] = [];
  const smtp = new SMTPServer({
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'shop' && auth.password === SMTP_PASSWORD) callback(null, { user: 'shop' });
      else callback(new Error('bad credentials'));
    },
    onData(stream, _session, callback) {
      let data = '';
      stream.on('data', (d) => (data += d));
      stream.on('end', () => {
        received.push(data);
        callback();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  const port = (smtp.server.address() as AddressInfo).port;
  try {
    await withTempDir(async (dir) => {
      const file = join(dir, 'c.duckdb');
      let db = await openWarehouse(file);
      try {
        await createDestination(db, {
          name: 'hook',
          type: 'webhook',
          url: 'https://h.example/in',
          secret: HOOK_SECRET,
        });
        await createDestination(db, {
          name: 'seg',
          type: 'segment',
          url: 'https://api.segment.example',
          writeKey: WRITE_KEY,
        });
        await createAlert(db, {
          name: 'a',
          keywords: 'refund',
          webhook: 'https://h.example/alerts',
          secret: ALERT_SECRET,
        });
        await writeFile(
          join(dir, 'customers.csv'),
          'customer_id,email,country,consent_email\nc1,ann@x.io,US,yes\n',
        );
        await importFile(db, join(dir, 'customers.csv'), { kind: 'customers' });
        await ensureCurrent(db);
        await saveSegment(db, 'us', "country = 'US'");
        await writeFile(join(dir, 't.liquid'), '<p>Hello</p>');
        await createCampaign(db, {
          name: 'c',
          segment: 'us',
          subject: 'Hi',
          template: join(dir, 't.liquid'),
          smtp: `smtp://shop:${SMTP_PASSWORD}@127.0.0.1:${port}`,
          track: false,
        });
        // A row written in clear by an older version.
        await db.run(
          "INSERT INTO destinations (name, type, url, secret, batch_size) VALUES ('old', 'webhook', 'https://h.example/old', ?, 1)",
          [LEGACY],
        );
        const stored = await db.all<{ v: string }>(
          `SELECT secret AS v FROM destinations WHERE name IN ('hook') UNION ALL SELECT write_key FROM destinations WHERE name = 'seg'
           UNION ALL SELECT smtp FROM campaigns UNION ALL SELECT secret FROM alerts`,
        );
        assert.equal(stored.length, 4);
        for (const s of stored) assert.match(s.v, /^enc1:/);

        // Opened for delivering: the clear values come back, the SMTP server accepts the password.
        assert.equal((await destinationRow(db, 'hook')).secret, HOOK_SECRET);
        assert.equal((await destinationRow(db, 'seg')).writeKey, WRITE_KEY);
        assert.equal((await destinationRow(db, 'old')).secret, LEGACY);
        const sent = await sendCampaign(db, 'c');
        assert.equal(sent.sent, 1);
        assert.equal(received.length, 1);
        // Shown: the password masked, no secret listed.
        assert.equal((await getCampaign(db, 'c')).smtp, `smtp://shop:***@127.0.0.1:${port}`);
        assert.doesNotMatch(JSON.stringify(await listDestinations(db)), /secret-|write-key/);
        const [legacy] = await db.all<{ v: string }>(
          "SELECT secret AS v FROM destinations WHERE name = 'old'",
        );
        assert.match(legacy!.v, /^enc1:/);
      } finally {
        await db.close();
      }
      const bytes = await databaseBytes(dir);
      assert.ok(bytes.length > 0);
      for (const secret of [HOOK_SECRET, WRITE_KEY, SMTP_PASSWORD, ALERT_SECRET, LEGACY])
        assert.equal(bytes.includes(secret), false, `${secret} is in the database file in clear`);
      // The test can fail: a value stored in clear is found by the same scan.
      db = await openWarehouse(file);
      await db.run("CREATE TABLE probe (v VARCHAR); INSERT INTO probe VALUES ('probe-clear-value-31')");
      await db.run('CHECKPOINT');
      await db.close();
      assert.equal((await databaseBytes(dir)).includes('probe-clear-value-31'), true);
    });
  } finally {
    await new Promise<void>((r) => smtp.close(() => r()));
  }
});
