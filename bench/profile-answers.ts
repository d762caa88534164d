/**
 * Issue 13's check that a faster profile read answers the same: writes, as JSON, what `GET /v1/profiles/:id`
 * answers for `--profiles` profiles (picked as bench/profile.ts picks them) with a timeline of `--timeline`
 * entries, and the whole timeline, page by page, of the profile with the most records (also filtered by kind
 * and by date range). Run it before and after a change, on copies of the same database, and compare:
 *
 *   node --import tsx bench/profile-answers.ts --db COPY.duckdb --out before.json
 *   node --import tsx bench/profile-answers.ts --db COPY.duckdb --compare before.json
 *
 * `--compare` exits 1 naming the first answer that differs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { ensureCurrent } from '../src/identity/index.js';
import { requireProfile, requireProfileTimeline, type TimelineQuery } from '../src/profiles/index.js';
import { openWarehouse } from '../src/store/index.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    out: { type: 'string' },
    compare: { type: 'string' },
    profiles: { type: 'string', default: '30' },
    timeline: { type: 'string', default: '200' },
  },
});
if (!values.db || (!values.out && !values.compare))
  throw new Error('--db and --out or --compare are required');

const db = await openWarehouse(values.db);
const answers: Record<string, unknown> = {};
try {
  await ensureCurrent(db);
  const ids = (
    await db.all<{ id: number }>(
      'SELECT profile_id AS id FROM profiles ORDER BY hash(profile_id + 17) LIMIT ?',
      [Number(values.profiles)],
    )
  ).map((r) => Number(r.id));
  for (const id of ids)
    answers[`profile ${id}`] = JSON.parse(
      JSON.stringify(await requireProfile(db, String(id), { timeline: Number(values.timeline) })),
    );
  const [busiest] = await db.all<{ id: number }>(
    'SELECT profile_id AS id FROM record_profiles GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1',
  );
  const queries: Record<string, Omit<TimelineQuery, 'before'>> = {
    all: { limit: Number(values.timeline) },
    small: { limit: 7 },
    kinds: { limit: 25, kinds: ['order', 'message'] },
    dates: { limit: 25, from: '2023-01-01', to: '2024-06-30' },
  };
  for (const [name, query] of Object.entries(queries)) {
    const pages: unknown[] = [];
    let before: string | undefined;
    do {
      const page = await requireProfileTimeline(db, String(busiest?.id), {
        ...query,
        ...(before && { before }),
      });
      pages.push(page);
      before = page.next ?? undefined;
    } while (before);
    answers[`timeline ${busiest?.id} ${name}`] = JSON.parse(JSON.stringify(pages));
  }
} finally {
  await db.close();
}
if (values.out) {
  writeFileSync(values.out, `${JSON.stringify(answers, null, 1)}\n`);
  console.log(`${Object.keys(answers).length} answers written to ${values.out}`);
}
if (values.compare) {
  const before = JSON.parse(readFileSync(values.compare, 'utf8')) as Record<string, unknown>;
  const keys = new Set([...Object.keys(before), ...Object.keys(answers)]);
  const differ = [...keys].filter((k) => !isDeepStrictEqual(before[k], answers[k]));
  if (differ.length) {
    console.log(`${differ.length} of ${keys.size} answers differ: ${differ.join(', ')}`);
    process.exitCode = 1;
  } else console.log(`all ${keys.size} answers equal`);
}
