import type { Dialect } from '../store/dialect.js';
import type { SqlValue, Warehouse } from '../store/index.js';
import { EVENT_BREAKDOWNS, parseWindow, personEvents } from './events.js';
import { num, ratio, round } from './numbers.js';
import { badOption, oneOf } from './options.js';
import { personSegments, requireSegment } from './segments.js';

/** Options of `funnel` (the CLI's `clientele funnel`). */
export interface FunnelOptions {
  /**
   * Event names in order (track event names, or page / screen for those calls), at least two; each may
   * carry conditions, e.g. `Product Viewed[category=Apparel]`.
   */
  readonly steps: readonly string[];
  /** Time allowed from the first step to the last, such as 7d; default 7d. */
  readonly window?: string;
  readonly by?: string;
  readonly from?: string;
  readonly to?: string;
  /** Only the persons in this saved segment. */
  readonly segment?: string;
}

/** What a funnel can be broken down by: an event column, the customer's acquisition source, or segment. */
export const FUNNEL_BREAKDOWNS = [...EVENT_BREAKDOWNS, 'segment'] as const;

/** One step of a funnel. */
export interface FunnelStep {
  readonly step: string;
  /** People who reached this step in order within the window. */
  readonly count: number;
  /** count / people at the first step (0 when nobody entered). */
  readonly conversion: number;
  /** count / people at the previous step (0 when nobody reached it). */
  readonly stepConversion: number;
  /** People lost since the previous step, and as a share of it. */
  readonly dropOff: number;
  readonly dropOffRate: number;
  /** Median seconds from the previous step (null for the first step or when nobody reached it). */
  readonly medianSecondsFromPrevious: number | null;
}

/** A funnel for everyone or for one breakdown value. */
export interface FunnelGroup {
  readonly value: string;
  readonly steps: FunnelStep[];
}

/** What `clientele funnel` prints. */
export interface FunnelResult {
  readonly steps: FunnelStep[];
  readonly windowSeconds: number;
  readonly by: string | null;
  readonly breakdown: FunnelGroup[];
}

/**
 * `clientele funnel`: each person enters at their first occurrence of the first step; each later step is
 * the first occurrence after the previous one, within the window counted from the entry (strict order,
 * as Amplitude's and Mixpanel's default funnels). Counted in the engine, one CTE per step.
 */
export async function funnel(db: Warehouse, options: FunnelOptions): Promise<FunnelResult> {
  const steps = options.steps.map((s) => s.trim()).filter((s) => s.length > 0);
  if (steps.length < 2)
    badOption('--steps', options.steps.join(','), 'at least two comma-separated event names');
  const windowSeconds = parseWindow('--window', options.window, '7d');
  const by = options.by === undefined ? null : oneOf('--by', options.by, FUNNEL_BREAKDOWNS, 'device_type');
  const segment = await requireSegment(db, options.segment);
  const d = db.dialect;
  const epoch = (e: string) => d.epochSeconds(e);
  const attr =
    by === null || by === 'segment'
      ? `'all'`
      : by === 'acquisition_source'
        ? `(SELECT ${d.anyValue('c.acquisition_source')} FROM customers c WHERE c.customer_id = e.person)`
        : `e.${by}`;
  const parsed = steps.map((s) => parseStep(s, d));
  const events = personEvents(options, segment);
  // The events' own values come first: they sit in the first CTE, before every step's.
  const params: SqlValue[] = [...events.params];
  const match = (step: FunnelStepSpec) => {
    params.push(step.event);
    for (const c of step.where) params.push(c.value);
    return ['ev.label = ?', ...step.where.map((c) => `${c.sql} = ?`)].join(' AND ');
  };
  const ctes = [
    `ev AS (SELECT person, label, ts, properties, row_key, ${EVENT_COLUMNS.join(', ')}, ${attr} AS attr FROM ${events.text} e)`,
  ];
  ctes.push(
    `s1 AS (SELECT person, min(ts) AS t1, ${d.argMinWhere('attr', 'ts', 'attr IS NOT NULL')} AS attr FROM ev WHERE ${match(parsed[0] as FunnelStepSpec)} GROUP BY person)`,
  );
  for (let k = 2; k <= steps.length; k++) {
    ctes.push(
      `s${k} AS (SELECT p.person, min(ev.ts) AS t${k} FROM s${k - 1} p JOIN s1 USING (person)
                JOIN ev ON ev.person = p.person AND ${match(parsed[k - 1] as FunnelStepSpec)} AND ev.ts >= p.t${k - 1}
                AND ev.ts <= s1.t1 + ${d.seconds(String(windowSeconds))} GROUP BY p.person)`,
    );
  }
  const joins = steps
    .slice(1)
    .map((_, i) => `LEFT JOIN s${i + 2} USING (person)`)
    .join(' ');
  const counts = steps.map((_, i) => `count(t${i + 1}) AS c${i + 1}`).join(', ');
  const medians = steps
    .slice(1)
    .map(
      (_, i) =>
        `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${epoch(`t${i + 2}`)} - ${epoch(`t${i + 1}`)}) AS m${i + 2}`,
    )
    .join(', ');
  // A person may be in several segments: each segment's funnel counts its members, the whole counts everyone once.
  const rows = await db.all(
    by === 'segment'
      ? `WITH ${ctes.join(',\n')}, ps AS (${personSegments('ev').text}), j AS (SELECT * FROM s1 ${joins})
         SELECT NULL AS value, ${counts}, ${medians} FROM j
         UNION ALL SELECT ps.segment AS value, ${counts}, ${medians} FROM j JOIN ps USING (person) GROUP BY ps.segment
         ORDER BY c1 DESC, value`
      : `WITH ${ctes.join(',\n')}
     SELECT coalesce(CAST(attr AS VARCHAR), '(none)') AS value, ${counts}, ${medians}
     FROM s1 ${joins} GROUP BY GROUPING SETS ((), (coalesce(CAST(attr AS VARCHAR), '(none)'))) ORDER BY c1 DESC, value`,
    params,
  );
  const toSteps = (r: Record<string, unknown> | undefined): FunnelStep[] =>
    steps.map((step, i) => {
      const count = r ? num(r[`c${i + 1}`]) || 0 : 0;
      const first = r ? num(r.c1) || 0 : 0;
      const prev = i === 0 ? count : r ? num(r[`c${i}`]) || 0 : 0;
      const median = i === 0 || !r ? null : round(num(r[`m${i + 1}`]), 1);
      return {
        step,
        count,
        conversion: round(ratio(count, first)) ?? 0,
        stepConversion: round(ratio(count, prev)) ?? 0,
        dropOff: prev - count,
        dropOffRate: round(ratio(prev - count, prev)) ?? 0,
        medianSecondsFromPrevious: median,
      };
    });
  const overall = rows.find((r) => r.value === null);
  return {
    steps: toSteps(overall),
    windowSeconds,
    by,
    breakdown:
      by === null
        ? []
        : rows.filter((r) => r.value !== null).map((r) => ({ value: String(r.value), steps: toSteps(r) })),
  };
}

/** A funnel step: an event label and equality conditions on its properties or event columns. */
export interface FunnelStepSpec {
  readonly event: string;
  readonly where: { key: string; value: string; sql: string }[];
}

// Event columns a step condition may name directly; any other key is read from `properties`.
const EVENT_COLUMNS = [
  'device_type',
  'os',
  'browser',
  'channel',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'country',
];

/**
 * Parses a step: `Product Viewed` or `Product Viewed[category=Apparel&utm_source=google]`. Keys are
 * event columns or property names (letters, digits, `_`); values are compared as text.
 */
export function parseStep(text: string, d: Dialect): FunnelStepSpec {
  const m = /^([^[\]]+?)\s*(?:\[(.*)\])?$/.exec(text.trim());
  if (!m) return badOption('--steps', text, 'an event name, optionally with [key=value&…]');
  const where = (m[2] ?? '')
    .split('&')
    .filter((part) => part.trim() !== '')
    .map((part) => {
      const at = part.indexOf('=');
      const key = part.slice(0, at).trim();
      if (at <= 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
        return badOption('--steps', text, 'conditions as [key=value&…] with plain keys');
      }
      const sql = EVENT_COLUMNS.includes(key) ? `ev.${key}` : d.jsonText('ev.properties', [key]);
      return { key, value: part.slice(at + 1).trim(), sql };
    });
  return { event: (m[1] as string).trim(), where };
}
