import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ADMIN_TOKEN, withApi } from '../../../test/helpers/server.js';
import { tinyShop } from '../../../test/helpers/shop.js';
import { resolveIdentities } from '../../identity/index.js';
import { runJourneys } from '../../journeys/index.js';
import { saveSegment } from '../../segments/index.js';

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

it('the journey routes create, list, pause, resume and delete, and refuse a cycle or an unknown segment with its path', async () => {
  await withApi(async ({ app, db, dir }) => {
    await tinyShop(dir, db);
    await resolveIdentities(db);
    await saveSegment(db, 'repeat', 'orders >= 2');
    const call = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) =>
      app.inject({
        method,
        url,
        headers: admin,
        ...(payload !== undefined && { payload: payload as object }),
      });
    const steps = [
      { id: 'wait', kind: 'wait', duration: '1d' },
      { id: 'tag', kind: 'tag', add: 'seen', next: 'wait' },
    ];
    const cycle = await call('POST', '/v1/journeys', {
      name: 'j',
      trigger: { kind: 'segment', segment: 'repeat' },
      steps,
    });
    assert.equal(cycle.statusCode, 400);
    assert.equal(cycle.json().error.code, 'CLT_ERR_JOURNEY_CYCLE');
    assert.equal(cycle.json().error.details.path, '/steps/1/next');
    const unknown = await call('POST', '/v1/journeys', {
      name: 'j',
      trigger: { kind: 'segment', segment: 'ghosts' },
      steps: [{ id: 'x', kind: 'exit' }],
    });
    assert.equal(unknown.statusCode, 400);
    assert.equal(unknown.json().error.code, 'CLT_ERR_JOURNEY_REFERENCE');
    assert.match(unknown.json().error.message, /^\/trigger\/segment: no segment named 'ghosts'/);
    const shape = await call('POST', '/v1/journeys', {
      name: 'j',
      trigger: { kind: 'segment', segment: 'repeat' },
      steps: [],
    });
    assert.equal(shape.json().error.code, 'CLT_ERR_JOURNEY_INVALID');
    const created = await call('POST', '/v1/journeys', {
      name: 'j',
      trigger: { kind: 'segment', segment: 'repeat' },
      steps: [{ id: 'wait', kind: 'wait', duration: '1d' }],
    });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().state, 'active');
    assert.equal((await call('POST', '/v1/journeys/j/pause')).json().state, 'paused');
    assert.equal((await call('POST', '/v1/journeys/j/resume')).json().state, 'active');
    assert.deepEqual(
      (await call('GET', '/v1/journeys')).json().map((j: { name: string }) => j.name),
      ['j'],
    );
    assert.equal((await call('DELETE', '/v1/journeys/j')).json().deleted, true);
    assert.equal((await call('POST', '/v1/journeys/j/pause')).statusCode, 404);
  });
});

it('PUT /v1/journeys/:name replaces the definition, keeps people at surviving steps, moves or exits the rest', async () => {
  await withApi(async ({ app, db, dir }) => {
    await tinyShop(dir, db);
    await resolveIdentities(db);
    await saveSegment(db, 'everyone', 'orders >= 0');
    const call = (method: 'POST' | 'PUT', url: string, payload: unknown) =>
      app.inject({ method, url, headers: admin, payload: payload as object });
    const def = (steps: unknown[], name = 'flow') => ({
      name,
      trigger: { kind: 'segment', segment: 'everyone', existing: true },
      steps,
    });
    const w1 = { id: 'w1', kind: 'wait', duration: '1d' };
    const t1 = { id: 't1', kind: 'tag', add: 'a' };
    const w2 = { id: 'w2', kind: 'wait', duration: '2d' };
    const x = { id: 'x', kind: 'exit' };
    assert.equal((await call('POST', '/v1/journeys', def([w1, t1, w2, x]))).statusCode, 201);
    const start = new Date('2026-12-01T12:00:00Z');
    await runJourneys(db, { names: ['flow'], now: start });
    const where = async () =>
      (
        await db.all<{ step: string | null; status: string; version: number; due: string | null }>(
          `SELECT step, status, version, ${db.dialect.formatTime('due_at', '%Y-%m-%dT%H:%M:%SZ')} AS due
           FROM journey_positions WHERE journey = 'flow' ORDER BY profile_id`,
        )
      ).map((r) => `${r.status}:${r.step}:v${r.version}:${r.due ?? '-'}`);
    const people = (await where()).length;
    assert.ok(people >= 5, 'everyone entered');
    assert.deepEqual(new Set(await where()), new Set(['active:t1:v1:2026-12-02T12:00:00Z']));

    // The step the people wait at survives (changed): they stay, with their due time; the version is 2.
    const same = await call('PUT', '/v1/journeys/flow', def([w1, { ...t1, add: 'b' }, w2, x]));
    assert.equal(same.statusCode, 200, same.body);
    const s = same.json() as { journey: { version: number }; moved: number; exited: number; stayed: number };
    assert.deepEqual([s.journey.version, s.moved, s.exited, s.stayed], [2, 0, 0, people]);
    assert.deepEqual(new Set(await where()), new Set(['active:t1:v2:2026-12-02T12:00:00Z']));

    // Their step is removed: they move to the next surviving step on the old path, due at once.
    const moved = await call('PUT', '/v1/journeys/flow', def([w1, w2, x]));
    assert.equal(moved.statusCode, 200, moved.body);
    assert.deepEqual([moved.json().moved, moved.json().stayed, moved.json().journey.version], [people, 0, 3]);
    const [row] = await where();
    assert.match(row!, /^active:w2:v3:/);
    assert.notEqual(row, 'active:w2:v3:2026-12-02T12:00:00Z');
    // The move is on the profile, as the steps are (a `Journey Step` event of kind `moved`).
    const logged = await db.all<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM events WHERE event = 'Journey Step'
        AND (properties->>'kind') = 'moved' AND (properties->>'journey') = 'flow'`,
    );
    assert.equal(logged[0]?.n, people);

    // Nothing after their step survives: they leave the journey, recorded as an exit.
    const gone = await call(
      'PUT',
      '/v1/journeys/flow',
      def([
        { ...w1, id: 'again' },
        { id: 'end', kind: 'exit' },
      ]),
    );
    assert.equal(gone.statusCode, 200, gone.body);
    assert.equal(gone.json().exited, people);
    assert.equal(gone.json().journey.exited, people);
    assert.deepEqual(new Set(await where()), new Set(['done:null:v3:-']));

    // Refusals: a cycle (with its path), a changed name, an unknown journey.
    const cycle = await call('PUT', '/v1/journeys/flow', def([w1, { ...t1, next: 'w1' }]));
    assert.equal(cycle.statusCode, 400);
    assert.equal(cycle.json().error.code, 'CLT_ERR_JOURNEY_CYCLE');
    assert.equal(cycle.json().error.details.path, '/steps/1/next');
    const renamed = await call('PUT', '/v1/journeys/flow', def([x], 'other'));
    assert.equal(renamed.statusCode, 400);
    assert.equal(renamed.json().error.details.path, '/name');
    assert.equal((await call('PUT', '/v1/journeys/ghost', def([x], 'ghost'))).statusCode, 404);
    const version = await db.all<{ v: number }>(`SELECT version AS v FROM journeys WHERE name = 'flow'`);
    assert.equal(version[0]?.v, 4, 'a refused update changes nothing');
  });
});
