import type { Warehouse } from '../store/index.js';
import { construct, param, sql } from '../store/sql.js';
import { parseWindow, personEvents } from './events.js';
import { median, num, ratio, round } from './numbers.js';
import { badOption, wholeNumber } from './options.js';
import { requireSegment } from './segments.js';

/** Options of `paths` (the CLI's `clientele paths`). */
export interface PathOptions {
  /** The goal event (a track event name, or page / screen). */
  readonly goal: string;
  /** Touchpoints kept before the goal; default 3. */
  readonly length?: number;
  /** How far before the goal touchpoints count; default 30d. */
  readonly lookback?: string;
  /** Sequences and touchpoints printed; default 10. */
  readonly limit?: number;
  readonly from?: string;
  readonly to?: string;
  /** Only the persons in this saved segment (converters and non-converters alike). */
  readonly segment?: string;
}

/** A sequence of touchpoints that led to the goal. */
export interface PathRow {
  readonly path: string[];
  readonly people: number;
  /** people / converters. */
  readonly share: number;
}

/** A touchpoint and how much more often converters had it than non-converters. */
export interface TouchpointRow {
  readonly touchpoint: string;
  readonly converters: number;
  readonly nonConverters: number;
  readonly converterShare: number;
  readonly nonConverterShare: number;
  /** converterShare / nonConverterShare; null when no non-converter had it. */
  readonly lift: number | null;
  /** Two-proportion z. */
  readonly z: number | null;
}

/** Time to convert and touches before it, for one acquisition channel. */
export interface ChannelConversion {
  readonly channel: string;
  readonly converters: number;
  /** Median days from a person's first event to their first goal. */
  readonly medianDaysToConvert: number | null;
  /** Median number of events before the first goal. */
  readonly medianTouches: number | null;
}

/** What `clientele paths` prints. */
export interface PathResult {
  readonly goal: string;
  readonly people: number;
  readonly converters: number;
  readonly paths: PathRow[];
  readonly touchpoints: TouchpointRow[];
  readonly byChannel: ChannelConversion[];
}

/**
 * `clientele paths`: for people who reached the goal, the last `length` touchpoints before their first goal
 * (consecutive repeats collapsed); the touchpoints (event labels and campaign sources) converters had before
 * converting against what non-converters ever had, with lift; and time to convert and touches by the
 * customer's acquisition source (else the first campaign source seen).
 */
export async function paths(db: Warehouse, options: PathOptions): Promise<PathResult> {
  const goal = options.goal?.trim() ?? '';
  if (goal === '') badOption('--goal', options.goal, 'an event name');
  const length = wholeNumber('--length', options.length, 3, 1);
  const limit = wholeNumber('--limit', options.limit, 10, 0);
  const lookback = parseWindow('--lookback', options.lookback, '30d');
  const segment = await requireSegment(db, options.segment);
  const d = db.dialect;
  const base = sql`
    WITH ev AS (SELECT person, label, ts, utm_source FROM ${personEvents(options, segment)} e),
         g AS (SELECT person, min(ts) AS goal_ts FROM ev WHERE label = ${param(goal)} GROUP BY person),
         before AS (SELECT ev.* FROM ev JOIN g USING (person)
                    WHERE ev.ts < g.goal_ts AND ev.ts >= g.goal_ts - ${construct((n) => d.seconds(n), param(lookback))} AND ev.label <> ${param(goal)})`;
  const [counts] = await db.all(
    `${base.text} SELECT (SELECT count(DISTINCT person) FROM ev) AS people, (SELECT count(*) FROM g) AS converters`,
    base.params,
  );
  const people = num(counts?.people) || 0;
  const converters = num(counts?.converters) || 0;
  const pathRows = await db.all<{ path: string; n: number }>(
    `${base.text},
     collapsed AS (SELECT person, label, ts FROM (
         SELECT person, label, ts, lag(label) OVER (PARTITION BY person ORDER BY ts) AS prev FROM before) l
       WHERE prev IS DISTINCT FROM label),
     lastn AS (SELECT person, label, ts, row_number() OVER (PARTITION BY person ORDER BY ts DESC) AS k FROM collapsed)
     SELECT string_agg(label, ' → ' ORDER BY ts) AS path, 1 AS n FROM lastn WHERE k <= ${length} GROUP BY person`,
    base.params,
  );
  const tally = new Map<string, number>();
  for (const r of pathRows) tally.set(r.path, (tally.get(r.path) ?? 0) + 1);
  const direct = converters - pathRows.length;
  if (direct > 0) tally.set('(none)', direct);
  const topPaths = [...tally.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([path, n]) => ({
      path: path === '(none)' ? [] : path.split(' → '),
      people: n,
      share: round(ratio(n, converters)) ?? 0,
    }));
  // Converters' touchpoints before converting, against everything non-converters did.
  const touchRows = await db.all<{ touchpoint: string; conv: number; non: number }>(
    `${base.text},
     touches AS (
       SELECT person, label AS touchpoint, true AS conv FROM before
       UNION SELECT person, 'utm_source=' || utm_source, true FROM before WHERE utm_source IS NOT NULL
       UNION SELECT person, label, false FROM ev WHERE person NOT IN (SELECT person FROM g)
       UNION SELECT person, 'utm_source=' || utm_source, false FROM ev
             WHERE utm_source IS NOT NULL AND person NOT IN (SELECT person FROM g))
     SELECT touchpoint, count(DISTINCT person) FILTER (WHERE conv) AS conv,
            count(DISTINCT person) FILTER (WHERE NOT conv) AS non
     FROM touches GROUP BY touchpoint`,
    base.params,
  );
  const nonConverters = people - converters;
  const touchpoints = touchRows
    .map((r) => touchpointRow(r.touchpoint, num(r.conv), num(r.non), converters, nonConverters))
    .filter((t) => t.converters > 0)
    .sort(
      (a, b) => (b.lift ?? Number.MAX_VALUE) - (a.lift ?? Number.MAX_VALUE) || b.converters - a.converters,
    )
    .slice(0, limit);
  const timing = await db.all<{ channel: string; days: number; touches: number }>(
    `${base.text},
     firsts AS (SELECT person, min(ts) AS first_ts, ${d.argMinWhere('utm_source', 'ts', 'utm_source IS NOT NULL')} AS first_utm
                FROM ev GROUP BY person),
     n AS (SELECT person, count(*) AS touches FROM ev JOIN g USING (person) WHERE ev.ts < g.goal_ts GROUP BY person)
     SELECT coalesce((SELECT ${d.anyValue('c.acquisition_source')} FROM customers c WHERE c.customer_id = g.person),
                     firsts.first_utm, '(none)') AS channel,
            (${d.epochSeconds('g.goal_ts')} - ${d.epochSeconds('firsts.first_ts')}) / 86400.0 AS days, coalesce(n.touches, 0) AS touches
     FROM g JOIN firsts USING (person) LEFT JOIN n USING (person)`,
    base.params,
  );
  const byChannel = new Map<string, { days: number[]; touches: number[] }>();
  for (const r of timing) {
    let c = byChannel.get(r.channel);
    if (!c) {
      c = { days: [], touches: [] };
      byChannel.set(r.channel, c);
    }
    c.days.push(num(r.days));
    c.touches.push(num(r.touches));
  }
  return {
    goal,
    people,
    converters,
    paths: topPaths,
    touchpoints,
    byChannel: [...byChannel.entries()]
      .map(([channel, c]) => ({
        channel,
        converters: c.days.length,
        medianDaysToConvert: round(median(c.days), 3),
        medianTouches: round(median(c.touches), 1),
      }))
      .sort((a, b) => b.converters - a.converters || a.channel.localeCompare(b.channel)),
  };
}

function touchpointRow(
  touchpoint: string,
  conv: number,
  non: number,
  nConv: number,
  nNon: number,
): TouchpointRow {
  const p1 = ratio(conv, nConv) ?? 0;
  const p0 = ratio(non, nNon) ?? 0;
  const pooled = ratio(conv + non, nConv + nNon) ?? 0;
  const se = Math.sqrt(pooled * (1 - pooled) * ((nConv ? 1 / nConv : 0) + (nNon ? 1 / nNon : 0)));
  return {
    touchpoint,
    converters: conv,
    nonConverters: non,
    converterShare: round(p1) ?? 0,
    nonConverterShare: round(p0) ?? 0,
    lift: round(ratio(p1, p0), 4),
    z: se > 0 && nConv > 0 && nNon > 0 ? round((p1 - p0) / se, 3) : null,
  };
}
