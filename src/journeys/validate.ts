import { Value } from '@sinclair/typebox/value';
import { ClienteleError, type ErrorCode } from '../errors/index.js';
import {
  type EventNode,
  type PropertyFilter,
  parseSegment,
  SCORE_FIELDS,
  type SegmentLookup,
  type SegmentNode,
  segmentSchema,
  validateSegment,
} from '../segments/index.js';
import { param, raw, sql, type Warehouse } from '../store/index.js';
import { rows } from './db.js';
import { graphIssues, type JourneyIssue } from './graph.js';
import { JourneyDefinition, type Step } from './schema.js';
import { isZone } from './time.js';

const CODES: Readonly<Record<JourneyIssue['code'], ErrorCode>> = {
  invalid: 'CLT_ERR_JOURNEY_INVALID',
  cycle: 'CLT_ERR_JOURNEY_CYCLE',
  reference: 'CLT_ERR_JOURNEY_REFERENCE',
};

/** The error for the first issue, its JSON path in the message and the details (with every issue). */
export function journeyError(issues: readonly JourneyIssue[], file?: string): ClienteleError {
  const first = issues[0]!;
  const where = file ? `${file}: ` : '';
  return new ClienteleError(CODES[first.code], `${where}${first.path || '/'}: ${first.message}`, {
    path: first.path,
    issues: issues.map((i) => ({ ...i })),
  });
}

/** The property filters of an event trigger's `where`, written as in a segment's `with (…)`. */
export function parseEventFilters(where: string | undefined): PropertyFilter[] | string {
  if (where === undefined || where.trim() === '') return [];
  const parsed = parseSegment(`did 'x' with (${where})`);
  if (!parsed.ok) return parsed.issue.message;
  return parsed.node.kind === 'event' ? [...(parsed.node as EventNode).where] : 'not a list of filters';
}

/** The shape and the graph, without the database: every issue found. */
export function shapeIssues(input: unknown): JourneyIssue[] {
  if (!Value.Check(JourneyDefinition, input)) {
    // The deepest error is the most useful (a union's own error only says "expected one of").
    const errors = [...Value.Errors(JourneyDefinition, input)];
    const best = errors.reduce((a, b) => (b.path.length > a.path.length ? b : a), errors[0]!);
    return [{ code: 'invalid', path: best?.path ?? '', message: best?.message ?? 'not a journey' }];
  }
  const def = input;
  const issues: JourneyIssue[] = [];
  const t = def.trigger;
  if (t.kind === 'score' && (t.above === undefined) === (t.below === undefined))
    issues.push({ code: 'invalid', path: '/trigger', message: 'give either above or below' });
  if (t.kind === 'event') {
    const filters = parseEventFilters(t.where);
    if (typeof filters === 'string')
      issues.push({ code: 'invalid', path: '/trigger/where', message: filters });
  }
  if (def.timezone !== undefined && !isZone(def.timezone))
    issues.push({ code: 'invalid', path: '/timezone', message: `unknown time zone '${def.timezone}'` });
  for (const [i, s] of def.steps.entries()) issues.push(...stepIssues(s, `/steps/${i}`));
  if (issues.length) return issues;
  return graphIssues(def);
}

function stepIssues(s: Step, at: string): JourneyIssue[] {
  const bad = (message: string, path = at): JourneyIssue[] => [{ code: 'invalid', path, message }];
  switch (s.kind) {
    case 'wait':
      return s.duration === undefined && s.until === undefined ? bad('a wait needs duration or until') : [];
    case 'branch':
      if ((s.if === undefined) === (s.experiment === undefined))
        return bad('a branch needs either if (with goto) or experiment (with variants)');
      if (s.if !== undefined && s.goto === undefined) return bad('a branch on if needs goto', `${at}/goto`);
      if (s.experiment !== undefined && !s.variants) return bad('a branch on an experiment needs variants');
      return [];
    case 'tag':
      return (s.add === undefined) === (s.remove === undefined)
        ? bad('a tag step either adds or removes')
        : [];
    default:
      return [];
  }
}

/** The saved segments' trees, for `in segment` in branch conditions. */
export async function segmentLookup(db: Warehouse): Promise<SegmentLookup> {
  const rows = await db.all<{ name: string; kind: string; tree: string }>(
    'SELECT name, kind, CAST(tree AS VARCHAR) AS tree FROM segments',
  );
  const trees = new Map(
    rows.map((r) => [r.name, r.kind === 'rule' ? (JSON.parse(r.tree) as SegmentNode) : ('list' as const)]),
  );
  return (name) => trees.get(name);
}

async function exists(
  db: Warehouse,
  table: 'segments' | 'destinations' | 'campaigns' | 'experiments',
  name: string,
) {
  return (await rows(db, sql`SELECT 1 AS x FROM ${raw(table)} WHERE name = ${param(name)}`)).length > 0;
}

/**
 * Checks a journey file's contents as `journeys create` does: the shape (TypeBox), the steps' graph (no
 * cycle, no unknown step), and every name it uses against the database (segments, destinations, campaigns
 * as templates, experiments and their variants, the fields of each condition). Throws the coded error with
 * the JSON path of the first issue.
 */
export async function checkJourney(db: Warehouse, input: unknown, file?: string): Promise<JourneyDefinition> {
  const shape = shapeIssues(input);
  if (shape.length) throw journeyError(shape, file);
  const def = input as JourneyDefinition;
  const issues: JourneyIssue[] = [];
  const ref = (path: string, message: string) => issues.push({ code: 'reference', path, message });
  const t = def.trigger;
  if (t.kind === 'segment' && !(await exists(db, 'segments', t.segment)))
    ref('/trigger/segment', `no segment named '${t.segment}'`);
  if (t.kind === 'score' || t.kind === 'date') {
    const field = t.kind === 'score' ? t.score : t.field;
    const schema = await segmentSchema(db, new Set([field]));
    const known =
      t.kind === 'score'
        ? Object.hasOwn(SCORE_FIELDS, field) || Object.hasOwn(schema.scores ?? {}, field)
        : field === 'birth_date' || Object.hasOwn(schema.traits, field);
    if (!known)
      ref(
        t.kind === 'score' ? '/trigger/score' : '/trigger/field',
        `unknown ${t.kind === 'score' ? 'score' : 'date field'} '${field}'`,
      );
  }
  const conditions = def.steps.filter((s) => s.kind === 'branch' && s.if !== undefined);
  const schema = conditions.length ? await segmentSchema(db) : undefined;
  const segments = conditions.length ? await segmentLookup(db) : undefined;
  for (const [i, s] of def.steps.entries()) {
    const at = `/steps/${i}`;
    if (s.kind === 'destination') {
      const [d] = await rows<{ type: string }>(
        db,
        sql`SELECT type FROM destinations WHERE name = ${param(s.destination)}`,
      );
      if (!d) ref(`${at}/destination`, `no destination named '${s.destination}'`);
      else if (d.type === 'file')
        issues.push({
          code: 'invalid',
          path: `${at}/destination`,
          message: `destination '${s.destination}' is a file; a journey sends to webhook or segment destinations`,
        });
    }
    if (s.kind === 'email' && !(await exists(db, 'campaigns', s.campaign)))
      ref(`${at}/campaign`, `no campaign (template) named '${s.campaign}'`);
    if (s.kind === 'branch' && s.experiment !== undefined) {
      const [e] = await rows<{ variants: string }>(
        db,
        sql`SELECT CAST(variants AS VARCHAR) AS variants FROM experiments WHERE name = ${param(s.experiment)}`,
      );
      if (!e) ref(`${at}/experiment`, `no experiment named '${s.experiment}'`);
      else {
        const variants = new Set([...(JSON.parse(e.variants) as string[]), 'holdout']);
        for (const v of Object.keys(s.variants ?? {}))
          if (!variants.has(v))
            ref(`${at}/variants/${v}`, `experiment '${s.experiment}' has no variant '${v}'`);
      }
    }
    if (s.kind === 'branch' && s.if !== undefined) {
      const parsed = parseSegment(s.if);
      if (!parsed.ok) issues.push({ code: 'invalid', path: `${at}/if`, message: parsed.issue.message });
      else {
        const found = validateSegment(parsed.node, { schema: schema!, segments: segments! });
        const missing = found.find((f) => f.code === 'unknown_segment');
        if (missing) ref(`${at}/if`, missing.message);
        else if (found.length)
          issues.push({ code: 'invalid', path: `${at}/if`, message: found.map((f) => f.message).join('; ') });
      }
    }
  }
  if (issues.length) throw journeyError(issues, file);
  return def;
}
