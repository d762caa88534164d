import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createQueryScope, currentQueryScope, withQueryScope } from '../store/index.js';
import { SharedJobs } from './shared-jobs.js';

/** A promise and its resolver, to hold a job open until the test lets it end. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

describe('SharedJobs', () => {
  test('one job per key; jobs run one at a time; an asker who leaves does not cancel the job', async () => {
    const jobs = new SharedJobs('test work');
    const first = gate();
    const events: string[] = [];
    let jobScope: ReturnType<typeof currentQueryScope>;
    const asker = createQueryScope({ timeoutMs: 60_000, heavy: true, label: 'GET /test' });
    const a = withQueryScope(asker, () =>
      jobs.join('k1', async () => {
        jobScope = currentQueryScope();
        events.push('k1 start');
        await first.promise;
        events.push('k1 end');
        return 1;
      }),
    );
    const b = jobs.join('k1', async () => 99);
    const c = jobs.join('k2', async () => {
      events.push('k2 start');
      return 2;
    });
    await new Promise((r) => setImmediate(r));
    assert.ok(jobScope !== undefined && jobScope !== asker, 'the job runs in a scope of its own');
    assert.equal(jobScope.heavy, true);
    asker.abort('the client closed the connection');
    await assert.rejects(a, /CLT_ERR_QUERY_CANCELLED|cancelled/);
    assert.equal(jobScope.signal.aborted, false, "the asker's abort leaves the job running");
    first.open();
    assert.equal(await b, 1, 'the second asker of k1 got the first job, not its own');
    assert.equal(await c, 2);
    assert.deepEqual(events, ['k1 start', 'k1 end', 'k2 start'], 'k2 waited for k1');
    assert.deepEqual(jobs.stats(), { started: 2, settled: 2, joined: 1 });
  });

  test('a failed job is not kept: the next asker starts it again', async () => {
    const jobs = new SharedJobs('test work');
    await assert.rejects(
      jobs.run('k', async () => {
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.equal(await jobs.run('k', async () => 'ok'), 'ok');
    assert.equal(jobs.stats().started, 2);
  });

  test('stop cancels the running job through its scope', async () => {
    const jobs = new SharedJobs('test work');
    const running = jobs.run('k', async () => {
      const scope = currentQueryScope()!;
      await new Promise<void>((resolve) => scope.signal.addEventListener('abort', () => resolve()));
      return scope.signal.reason as string;
    });
    await new Promise((r) => setImmediate(r));
    await jobs.stop('the server is stopping');
    assert.equal(await running, 'the server is stopping');
  });
});
