import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ADMIN_TOKEN, withApi } from '../../../test/helpers/server.js';
import { tinyShop } from '../../../test/helpers/shop.js';
import { resolveIdentities } from '../../identity/index.js';
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
