import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { type TestDatabase, testDatabase } from '../../test/helpers/engine.js';
import { openDuckDB, type Warehouse } from '../store/index.js';
import { openPostgres } from '../store/postgres/index.js';
import { compileSegment } from './compile.js';
import { evaluateSegment, type ProfileEvent, type ProfileRow } from './evaluate.js';
import { formatSegment } from './format.js';
import type { PropertyFilter, ScalarOp, SegmentNode, SegmentValue } from './nodes.js';
import { parseSegment } from './parse.js';
import type { SegmentSchema } from './schema.js';

process.env.TZ = 'UTC';

const NOW = new Date('2026-03-29T12:00:00Z'); // a DST change in Europe, so day windows must be hours
const HOSTILE = "'; DROP TABLE profiles; --";

const SCHEMA: SegmentSchema = {
  columns: { country: 'string', orders: 'number', revenue: 'number', vip: 'boolean' },
  traits: { tier: 'string', clv: 'number', newsletter: 'boolean' },
  scores: { churn_risk: 'number', rfm_tier: 'string' },
};

const TABLES = `
  CREATE TABLE profiles (profile_id BIGINT NOT NULL, country VARCHAR, orders BIGINT NOT NULL,
    revenue DOUBLE PRECISION NOT NULL, vip BOOLEAN, traits JSON);
  CREATE TABLE record_profiles (record_table VARCHAR NOT NULL, row_key VARCHAR NOT NULL,
    profile_id BIGINT NOT NULL, seq BIGINT NOT NULL);
  CREATE TABLE events ("event" VARCHAR, ts TIMESTAMPTZ, properties JSON, row_key VARCHAR NOT NULL);
  CREATE TABLE customer_scores (customer_key VARCHAR NOT NULL, run_id BIGINT NOT NULL, score VARCHAR NOT NULL,
    value DOUBLE PRECISION, label VARCHAR);
  CREATE TABLE segment_membership (segment VARCHAR NOT NULL, profile_id BIGINT NOT NULL,
    entered_at TIMESTAMPTZ NOT NULL, exited_at TIMESTAMPTZ);
`;

const strings = fc.constantFrom('DE', 'FR', 'de', 'At risk', "Can't lose them", HOSTILE, '', 'D');
const numbers = fc.constantFrom(0, 1, 2, 3, 2.5, -1, 500, 1e6);
const booleans = fc.boolean();
const EVENT_NAMES = ['Order Completed', 'Signed Up', HOSTILE];

const profileRow = (id: number) =>
  fc.record({
    profile_id: fc.constant(id),
    country: fc.option(strings, { nil: null }),
    orders: fc.constantFrom(0, 1, 2, 3),
    revenue: numbers,
    vip: fc.option(booleans, { nil: null }),
    churn_risk: fc.option(numbers, { nil: null }),
    rfm_tier: fc.option(strings, { nil: null }),
    listed: fc.boolean(),
    traits: fc.option(
      fc.record(
        { tier: fc.oneof(strings, numbers), clv: fc.oneof(numbers, strings), newsletter: booleans },
        { requiredKeys: [] },
      ),
      { nil: null },
    ),
  });

const eventRow = (ids: number) =>
  fc.record({
    profile_id: fc.integer({ min: 1, max: ids }),
    event: fc.option(fc.constantFrom(...EVENT_NAMES), { nil: null }),
    // Whole hours around the window edges (30, 90 days) and beyond `now`.
    ts: fc.option(
      fc
        .oneof(
          fc.integer({ min: -100 * 24, max: 2 * 24 }),
          fc.constantFrom(0, 1, -1, -24, -25, -23, -30 * 24, -30 * 24 - 1, -90 * 24, -90 * 24 + 1),
        )
        .map((h) => new Date(NOW.getTime() + h * 3_600_000)),
      { nil: null },
    ),
    properties: fc.option(
      fc.record(
        { amount: fc.oneof(numbers, strings), plan: fc.oneof(strings, booleans) },
        { requiredKeys: [] },
      ),
      { nil: null },
    ),
  });

const data = fc.integer({ min: 1, max: 8 }).chain((n) =>
  fc.record({
    profiles: fc.tuple(...Array.from({ length: n }, (_, i) => profileRow(i + 1))),
    events: fc.array(eventRow(n), { maxLength: 25 }),
  }),
);

const scalarOps = fc.constantFrom<ScalarOp>('=', '!=', '<', '<=', '>', '>=');
const equalityOps = fc.constantFrom<ScalarOp>('=', '!=');

// Comparisons that validate: ordering only on numbers, contains only on strings.
const compareOn = (field: string, values: fc.Arbitrary<SegmentValue>, ordered: boolean, text: boolean) =>
  fc.oneof(
    fc.record({
      kind: fc.constant('compare' as const),
      field: fc.constant(field),
      op: ordered ? scalarOps : equalityOps,
      value: values,
    }),
    fc.record({
      kind: fc.constant('compare' as const),
      field: fc.constant(field),
      op: fc.constantFrom('in' as const, 'not_in' as const),
      values: fc.array(values, { minLength: 1, maxLength: 3 }),
    }),
    fc.record({
      kind: fc.constant('compare' as const),
      field: fc.constant(field),
      op: fc.constantFrom('is_null' as const, 'is_not_null' as const),
    }),
    ...(text
      ? [
          fc.record({
            kind: fc.constant('compare' as const),
            field: fc.constant(field),
            op: fc.constant('contains' as const),
            value: values,
          }),
        ]
      : []),
  );

const compares = fc.oneof(
  compareOn('country', strings, false, true),
  compareOn('orders', numbers, true, false),
  compareOn('revenue', numbers, true, false),
  compareOn('vip', booleans, false, false),
  compareOn('tier', strings, false, true),
  compareOn('clv', numbers, true, false),
  compareOn('newsletter', booleans, false, false),
  compareOn('churn_risk', numbers, true, false),
  compareOn('rfm_tier', strings, false, true),
);

const filters: fc.Arbitrary<PropertyFilter> = fc.oneof(
  fc.record({ property: fc.constant('amount'), op: scalarOps, value: numbers }),
  fc.record({
    property: fc.constantFrom('plan', 'amount'),
    op: equalityOps,
    value: fc.oneof(strings, booleans),
  }),
);

const events = fc.record(
  {
    kind: fc.constant('event' as const),
    did: fc.boolean(),
    event: fc.constantFrom(...EVENT_NAMES),
    times: fc.integer({ min: 1, max: 3 }),
    withinDays: fc.constantFrom(1, 30, 90),
    where: fc.array(filters, { maxLength: 2 }),
  },
  { requiredKeys: ['kind', 'did', 'event', 'times', 'where'] },
);

const sequences = fc.record(
  {
    kind: fc.constant('sequence' as const),
    did: fc.boolean(),
    steps: fc.array(
      fc.record({ event: fc.constantFrom(...EVENT_NAMES), where: fc.array(filters, { maxLength: 1 }) }),
      { minLength: 2, maxLength: 3 },
    ),
    withinDays: fc.constantFrom(1, 30, 90),
  },
  { requiredKeys: ['kind', 'did', 'steps'] },
);

const SEGMENTS: Readonly<Record<string, SegmentNode>> = {
  newsletter: { kind: 'compare', field: 'newsletter', op: '=', value: true },
  buyers: {
    kind: 'or',
    children: [
      { kind: 'compare', field: 'orders', op: '>=', value: 2 },
      { kind: 'in_segment', segment: 'newsletter' },
    ],
  },
};
// 'listed' is a list segment (a cluster): stored members, no rule.
const segments = (name: string) =>
  name === 'listed' ? ('list' as const) : Object.hasOwn(SEGMENTS, name) ? SEGMENTS[name] : undefined;

const trees = fc.letrec<{ node: SegmentNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    compares,
    events,
    sequences,
    fc.record({
      kind: fc.constant('in_segment' as const),
      segment: fc.constantFrom('newsletter', 'buyers', 'listed'),
    }),
    fc.record({ kind: fc.constant('not' as const), child: tie('node') }),
    fc.record({
      kind: fc.constantFrom('and' as const, 'or' as const),
      children: fc.array(tie('node'), { minLength: 1, maxLength: 3 }),
    }),
  ),
})).node;

async function load(
  db: Warehouse,
  profiles: readonly ProfileRow[],
  evs: readonly ProfileEvent[],
): Promise<void> {
  await db.run(
    'DELETE FROM profiles; DELETE FROM record_profiles; DELETE FROM events; DELETE FROM customer_scores; DELETE FROM segment_membership',
  );
  // The latest runs scored someone outside this data too, so they are the latest whoever they scored here.
  await db.run(
    "INSERT INTO customer_scores VALUES ('0', 2, 'churn_risk', 0, NULL), ('0', 3, 'rfm_tier', 0, 'x')",
  );
  for (const p of profiles) {
    const key = String(p.profile_id);
    // An older run with other values must not be read: a score is the latest run's.
    await db.run(
      "INSERT INTO customer_scores VALUES (?, 1, 'churn_risk', 0.5, NULL), (?, 1, 'rfm_tier', 0, 'stale')",
      [key, key],
    );
    if (p.churn_risk != null)
      await db.run("INSERT INTO customer_scores VALUES (?, 2, 'churn_risk', ?, NULL)", [
        key,
        p.churn_risk as number,
      ]);
    if (p.rfm_tier != null)
      await db.run("INSERT INTO customer_scores VALUES (?, 3, 'rfm_tier', 1, ?)", [
        key,
        p.rfm_tier as string,
      ]);
    await db.run(
      "INSERT INTO segment_membership VALUES ('listed', ?, now(), CASE WHEN ? THEN NULL ELSE now() END)",
      [p.profile_id, p.listed === true],
    );
    await db.run('INSERT INTO profiles VALUES (?, ?, ?, ?, ?, CAST(? AS JSON))', [
      p.profile_id,
      p.country as string | null,
      p.orders as number,
      p.revenue as number,
      p.vip as boolean | null,
      p.traits === null ? null : JSON.stringify(p.traits),
    ]);
  }
  let key = 0;
  for (const e of evs) {
    key++;
    // A record of another table with the same row key must not count as an event.
    await db.run("INSERT INTO record_profiles VALUES ('events', ?, ?, ?), ('orders', ?, ?, ?)", [
      `k${key}`,
      e.profile_id,
      key,
      `k${key}`,
      e.profile_id,
      key,
    ]);
    await db.run('INSERT INTO events VALUES (?, CAST(? AS TIMESTAMPTZ), CAST(? AS JSON), ?)', [
      e.event,
      e.ts,
      e.properties === null ? null : JSON.stringify(e.properties),
      `k${key}`,
    ]);
  }
}

async function members(db: Warehouse, node: SegmentNode): Promise<Set<number>> {
  const compiled = compileSegment(node, { schema: SCHEMA, segments, now: NOW, dialect: db.dialect });
  if (!compiled.ok) assert.fail(compiled.issues.map((i) => i.message).join('; '));
  // Placeholders outside string literals (PostgreSQL's JSON kind test has a regular expression with `?`).
  const placeholders = compiled.sql.replace(/'(?:[^']|'')*'/g, "''").split('?').length - 1;
  assert.equal(placeholders, compiled.params.length);
  const rows = await db.all<{ profile_id: number }>(compiled.sql, compiled.params);
  return new Set(rows.map((r) => Number(r.profile_id)));
}

describe('compileSegment()', () => {
  let db: Warehouse;
  let place: TestDatabase | undefined;
  // The engine under test with this file's own small tables, not the migrated schema.
  before(async () => {
    const t = await testDatabase();
    if (t.engine === 'postgres') {
      place = t;
      db = await openPostgres(t.location);
      // What openWarehouse runs before its migrations (the `double` domain the shared SQL casts to).
      for (const statement of db.dialect.prelude) await db.run(statement);
    } else {
      await t.dispose();
      db = await openDuckDB(':memory:');
    }
    // In the engine's spelling, as the migrations are (JSON is JSONB on PostgreSQL).
    await db.run(db.dialect.ddl(TABLES));
  });
  after(async () => {
    await db.close();
    await place?.dispose();
  });

  test('random trees give the same members by SQL in the engine and by the in-memory evaluator', async () => {
    await fc.assert(
      fc.asyncProperty(data, fc.array(trees, { minLength: 1, maxLength: 5 }), async (rows, nodes) => {
        await load(db, rows.profiles, rows.events);
        for (const node of nodes) {
          const listed = new Set(rows.profiles.filter((p) => p.listed).map((p) => p.profile_id));
          const expected = evaluateSegment(node, rows.profiles, rows.events, {
            schema: SCHEMA,
            segments,
            members: () => listed,
            now: NOW,
          });
          assert.deepEqual([...(await members(db, node))].sort(), [...expected].sort(), JSON.stringify(node));
        }
      }),
      { numRuns: 150 },
    );
  });

  test('formatting a random tree and parsing the text gives the tree back', () => {
    // The text form has no one-child and/or: such a node reads back as its child.
    const collapse = (node: SegmentNode): SegmentNode => {
      if (node.kind === 'not') return { kind: 'not', child: collapse(node.child) };
      if (node.kind !== 'and' && node.kind !== 'or') return node;
      const children = node.children.map(collapse);
      return children.length === 1 ? children[0]! : { kind: node.kind, children };
    };
    fc.assert(
      fc.property(trees, (node) => {
        const parsed = parseSegment(formatSegment(node));
        assert.ok(parsed.ok, formatSegment(node));
        assert.deepEqual(parsed.node, JSON.parse(JSON.stringify(collapse(node))));
      }),
      { numRuns: 500 },
    );
  });

  test('values are bound, never written into the SQL text', () => {
    const parsed = parseSegment(
      `country = '''; DROP TABLE profiles; --' or did '${HOSTILE.replaceAll("'", "''")}'`,
    );
    assert.ok(parsed.ok);
    const compiled = compileSegment(parsed.node, { schema: SCHEMA, now: NOW });
    assert.ok(compiled.ok);
    assert.ok(!compiled.sql.includes('DROP'));
    assert.deepEqual(compiled.params.filter((p) => p === HOSTILE).length, 2);
  });

  test('compiles a comparison to quoted columns and typed placeholders', () => {
    const parsed = parseSegment("country = 'DE' and clv > 300");
    assert.ok(parsed.ok);
    const compiled = compileSegment(parsed.node, { schema: SCHEMA, now: NOW });
    assert.deepEqual(compiled, {
      ok: true,
      sql:
        'SELECT p.profile_id FROM profiles AS p WHERE (' +
        '(CAST(p."country" AS VARCHAR) IS NOT NULL AND CAST(p."country" AS VARCHAR) = CAST(? AS VARCHAR)) AND ' +
        "((CASE WHEN json_type(p.traits, ?) IN ('BIGINT', 'UBIGINT', 'DOUBLE') THEN CAST(json_extract_string(p.traits, ?) AS DOUBLE) END) IS NOT NULL AND " +
        "(CASE WHEN json_type(p.traits, ?) IN ('BIGINT', 'UBIGINT', 'DOUBLE') THEN CAST(json_extract_string(p.traits, ?) AS DOUBLE) END) > CAST(? AS DOUBLE)))",
      params: ['DE', '$."clv"', '$."clv"', '$."clv"', '$."clv"', 300],
    });
  });

  test('compiles an event condition to a counted join of record_profiles and events, windowed on now', () => {
    const parsed = parseSegment(
      "did not 'Order Completed' at least 2 times in last 90 days with (amount > 50)",
    );
    assert.ok(parsed.ok);
    const compiled = compileSegment(parsed.node, { schema: SCHEMA, now: NOW });
    assert.deepEqual(compiled, {
      ok: true,
      sql:
        'SELECT p.profile_id FROM profiles AS p WHERE (p.profile_id NOT IN (SELECT rp.profile_id FROM record_profiles AS rp ' +
        "JOIN events AS e ON rp.record_table = 'events' AND rp.row_key = e.row_key WHERE e.event = CAST(? AS VARCHAR) " +
        'AND e.ts >= CAST(? AS TIMESTAMPTZ) - to_hours(CAST(? AS BIGINT)) AND e.ts <= CAST(? AS TIMESTAMPTZ) AND ' +
        "((CASE WHEN json_type(e.properties, ?) IN ('BIGINT', 'UBIGINT', 'DOUBLE') THEN CAST(json_extract_string(e.properties, ?) AS DOUBLE) END) IS NOT NULL AND " +
        "(CASE WHEN json_type(e.properties, ?) IN ('BIGINT', 'UBIGINT', 'DOUBLE') THEN CAST(json_extract_string(e.properties, ?) AS DOUBLE) END) > CAST(? AS DOUBLE)) " +
        'GROUP BY rp.profile_id HAVING count(*) >= CAST(? AS BIGINT)))',
      params: [
        'Order Completed',
        NOW,
        2160,
        NOW,
        '$."amount"',
        '$."amount"',
        '$."amount"',
        '$."amount"',
        50,
        2,
      ],
    });
  });

  test('a hostile value selects nobody and drops nothing', async () => {
    await load(db, [{ profile_id: 1, country: 'DE', orders: 1, revenue: 1, vip: null, traits: null }], []);
    const parsed = parseSegment("country = '''; DROP TABLE profiles; --'");
    assert.ok(parsed.ok);
    assert.equal((await members(db, parsed.node)).size, 0);
    assert.deepEqual(await db.all('SELECT count(*)::INTEGER AS n FROM profiles'), [{ n: 1 }]);
  });

  test('refuses an invalid tree instead of compiling it', () => {
    const node = { kind: 'compare', field: 'country', op: '= 1; --', value: 'x' } as unknown as SegmentNode;
    const compiled = compileSegment(node, { schema: SCHEMA, now: NOW });
    assert.equal(compiled.ok, false);
    assert.equal(!compiled.ok && compiled.issues[0]?.code, 'invalid_node');
  });
});
