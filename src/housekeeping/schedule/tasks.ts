/**
 * The tasks a schedule can run, each a function over the open database returning a short summary that is
 * stored with the run. Models are imported when run, so listing schedules stays light.
 */
import { ClienteleError } from '../../errors/index.js';
import type { Warehouse } from '../../store/index.js';

type Task = (db: Warehouse) => Promise<Record<string, unknown>>;

const summary = (
  checks: readonly { model: string; status: string; retrained: { runId: number } | null }[],
) => ({
  models: checks.map((c) => ({ model: c.model, status: c.status, retrainedRun: c.retrained?.runId ?? null })),
});

export const TASKS: Readonly<Record<string, Task>> = {
  resolve: async (db) => {
    const { resolveIdentities } = await import('../../identity/index.js');
    const r = await resolveIdentities(db);
    return { profiles: r.profiles, records: r.records };
  },
  segments: async (db) => {
    const { refreshSegments } = await import('../../segments/index.js');
    return { segments: (await refreshSegments(db, {})).length };
  },
  audit: async (db) => {
    const { runAudit } = await import('../audit.js');
    const result = await runAudit(db);
    // The history the web app draws quality over time from: figures only. Examples and the stale contacts
    // quote personal data, which an erasure (src/privacy) would not find in this history.
    const figures = {
      ...result,
      sources: result.sources.map((src) => ({
        ...src,
        fields: src.fields.map((f) => ({ ...f, examples: [] })),
      })),
      staleness: { ...result.staleness, contacts: [] },
    };
    await db.run('INSERT INTO audit_runs (audited_at, result) VALUES (now(), ?)', [JSON.stringify(figures)]);
    return { sources: result.sources.length, issues: result.issues.length };
  },
  // Every model with two runs or more compared with its previous run; a drifted one raises an alert.
  drift: async (db) => {
    const { checkAllDrift } = await import('../drift/index.js');
    return summary(await checkAllDrift(db));
  },
  // The same, and a drifted model is run again.
  'drift:retrain': async (db) => {
    const { checkAllDrift } = await import('../drift/index.js');
    return summary(await checkAllDrift(db, { retrain: true }));
  },
  'model:rfm': async (db) => {
    const { runRfm } = await import('../../modeling/index.js');
    return { runId: (await runRfm(db, {})).runId };
  },
  'model:value': async (db) => {
    const { runValue } = await import('../../modeling/index.js');
    return { runId: (await runValue(db, {})).runId };
  },
  'model:clv': async (db) => {
    const { runClv } = await import('../../modeling/index.js');
    return { runId: (await runClv(db, {})).runId };
  },
  'model:churn': async (db) => {
    const { runAliveChurn } = await import('../../modeling/index.js');
    return { runId: (await runAliveChurn(db, {})).runId };
  },
};

export function checkTask(task: string): string {
  if (!Object.hasOwn(TASKS, task)) {
    throw new ClienteleError(
      'CLT_ERR_SCHEDULE_BAD_TASK',
      `${task} is not a task; choose from ${Object.keys(TASKS).join(', ')}`,
    );
  }
  return task;
}
