import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ADMIN_TOKEN, withApi } from '../../test/helpers/server.js';
import { tinyShop } from '../../test/helpers/shop.js';
import { resolveIdentities } from '../identity/index.js';
import { uploadName } from './routes/imports.js';

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
const csv = 'customer_id,email,first_name\nc1,ann@example.com,Ann\nc2,bob@example.com,Bob\n';

describe('hostile admin requests get coded 4xx answers, never 500', () => {
  it('an upload named .. (or a path) is stored under a safe name and imported', async () => {
    for (const [name, safe] of [
      ['..', 'upload'],
      ['.', 'upload'],
      ['../../etc/passwd', 'passwd'],
      ['..\\..\\x.csv', 'x.csv'],
      ['a b;c.csv', 'a_b_c.csv'],
      ['.hidden.csv', 'hidden.csv'],
    ]) {
      assert.equal(uploadName(name!), safe, name);
    }
    await withApi(async ({ app }) => {
      const r = await app.inject({
        method: 'POST',
        url: '/v1/imports?kind=customers&name=..',
        headers: { ...admin, 'content-type': 'text/csv' },
        payload: csv,
      });
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.json().accepted, 2);
      assert.equal(r.json().file, '..');
    });
  });

  it('a truncated or broken JSON array upload is CLT_ERR_IMPORT_UNREADABLE naming the upload, not a server path', async () => {
    await withApi(async ({ app }) => {
      for (const body of [
        '[{"email":"a@x.com"},{"email":"b@x',
        '[{"email":"a@x.com"},{"email" "b@x.com"}]',
      ]) {
        const r = await app.inject({
          method: 'POST',
          url: '/v1/imports?kind=customers&name=people.json',
          headers: { ...admin, 'content-type': 'application/json' },
          payload: body,
        });
        assert.equal(r.statusCode, 400, r.body);
        assert.equal(r.json().error.code, 'CLT_ERR_IMPORT_UNREADABLE');
        assert.match(r.json().error.message, /^people\.json: /);
        assert.doesNotMatch(r.body, /\/tmp|clientele-upload/);
      }
    });
  });

  it('q=% and q=_ match only names and emails that hold them, not everyone', async () => {
    await withApi(async ({ app, db, dir }) => {
      await tinyShop(dir, db);
      await resolveIdentities(db);
      const total = (await app.inject({ method: 'GET', url: '/v1/profiles', headers: admin })).json().total;
      assert.ok(total > 2);
      for (const q of ['%25', '_', '%5C']) {
        const r = await app.inject({ method: 'GET', url: `/v1/profiles?q=${q}`, headers: admin });
        assert.equal(r.statusCode, 200, r.body);
        assert.equal(r.json().total, 0, `q=${q}`);
      }
      const at = await app.inject({ method: 'GET', url: '/v1/profiles?q=%40', headers: admin });
      assert.ok(at.json().total > 0, 'a plain character still matches');
    });
  });

  it('/v1/segments and the preview refuse unknown body fields, naming them', async () => {
    await withApi(async ({ app }) => {
      const r = await app.inject({
        method: 'POST',
        url: '/v1/segments',
        headers: admin,
        payload: { name: 'x', where: 'orders > 1', refreshEvery: 5 },
      });
      assert.equal(r.statusCode, 400, r.body);
      assert.equal(r.json().error.code, 'CLT_ERR_USAGE');
      assert.match(r.json().error.message, /unknown field "refreshEvery" in the body/);
      const p = await app.inject({
        method: 'POST',
        url: '/v1/segments/preview',
        headers: admin,
        payload: { where: 'orders > 1', limit: 3 },
      });
      assert.equal(p.statusCode, 400);
      assert.match(p.json().error.message, /"limit"/);
    });
  });
});
