// Segments in words, defined once for every reader: a saved segment's title (never its stored id) and its rule
// as a sentence, with the fields named as the catalogue names them and our own values (RFM tiers, devices,
// genders) translated. The web app (web/src/segment-words.ts, web/src/format.ts) and the static report
// (src/reports) both call these with their own `Voice`; the words themselves are the shared catalogue's
// (src/i18n/shared.ts). Pure: no Node, no DOM, so the web app bundles this module as it is.
import type { CompareNode, PropertyFilter, SegmentNode, SegmentValue } from './nodes.js';
import { parseSegment } from './parse.js';

/** What the words need from a reader's language: its catalogue and how it writes numbers. */
export interface Voice {
  /** The BCP 47 tag lists are joined in (en-US, pl-PL). */
  readonly locale: string;
  /** The message `key` with its `{name}` placeholders filled. */
  t(key: string, vars?: Readonly<Record<string, string>>): string;
  /** Whether the catalogue has `key`. */
  has(key: string): boolean;
  readonly fmt: {
    int(n: number): string;
    num(n: number): string;
    /** A share 0–1 as a percentage. */
    pct(n: number): string;
    /** Money in the shop's currency. */
    money(n: number): string;
    /** A day or moment (ISO) as the reader's language writes a day. */
    day(iso: string): string;
  };
}

// Abbreviations and brand names as they are written, whatever case a stored name gave them ("ios" → "iOS").
// Country codes are left out: "us", "de" and "pl" are words too.
const CASED = new Map(
  [
    'iOS',
    'Android',
    'iPhone',
    'iPad',
    'macOS',
    'Windows',
    'SMS',
    'MMS',
    'VIP',
    'RFM',
    'CLV',
    'AOV',
    'NPS',
    'UTM',
    'URL',
    'ID',
    'B2B',
    'B2C',
    'API',
    'CRM',
    'SEO',
    'SEM',
    'PPC',
    'QR',
    'EU',
    'BLIK',
    'PayPal',
    'Facebook',
    'Instagram',
    'TikTok',
    'WhatsApp',
    'YouTube',
    'LinkedIn',
    'Google',
    'Allegro',
    'Shopify',
  ].map((w) => [w.toLowerCase(), w]),
);

/**
 * 'holdout_ratio', 'holdoutRatio', 'first-name' as words ("Holdout ratio"), for names the catalogue lacks:
 * abbreviations and brands cased as they are written ("ios_users" → "iOS users", "vip-2" → "VIP 2"), and a
 * word the name already capitalised kept as it was given ("Berlin_VIPs" → "Berlin VIPs").
 */
export function words(name: string): string {
  // Codes in capitals (US, iOS, SMS) stay as written.
  if (!/[a-z]/.test(name) || /^[a-z]+[A-Z]+$/.test(name)) return name;
  const parts = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-.:]+/g, ' ')
    .trim()
    .split(/\s+/)
    .map((w) => CASED.get(w.toLowerCase()) ?? (/[A-Z].*[A-Z]|[a-z][A-Z]/.test(w) ? w : w.toLowerCase()));
  const [first = '', ...rest] = parts;
  const head = CASED.has(first.toLowerCase()) ? first : first.charAt(0).toUpperCase() + first.slice(1);
  return [head, ...rest].join(' ');
}

/** Whether a field name holds money, a share or a ratio, so a value is formatted by its meaning. */
export function kindOf(name: string): 'money' | 'share' | 'ratio' | 'count' | 'number' {
  const n = name.toLowerCase();
  if (/(share|rate|probability|pct|percent|coverage|conversion|accuracy|precision|recall|auc)$/.test(n))
    return 'share';
  if (/(revenue|value|clv|spend|cost|margin|net|amount|total|mean|aov|price)/.test(n) && !/count/.test(n))
    return 'money';
  if (/(lift|ratio)$/.test(n)) return 'ratio';
  if (/(count|customers|orders|members|rows|size|sent|known)$/.test(n)) return 'count';
  return 'number';
}

/** The label of a field or score name from the data: the catalogue's words, else the name as words. */
export function fieldLabel(v: Voice, name: string): string {
  const key = `label.${name}`;
  if (v.has(key)) return v.t(key);
  // A profile feature's name: "Marital status", "Kanały".
  const feature = `feature.${name}`;
  return v.has(feature) ? v.t(feature) : words(name);
}

/** A field's label inside a sentence: lower case unless it starts with an abbreviation ("RFM tier"). */
export function fieldInSentence(v: Voice, field: string): string {
  const l = fieldLabel(v, field);
  return /^\p{Lu}\p{Ll}/u.test(l) ? l.charAt(0).toLowerCase() + l.slice(1) : l;
}

/** An RFM tier's name (as the model stores it: 'Champions', 'At risk') in the reader's language. */
export function tierWords(v: Voice, tier: string): string {
  const key = `rfm.tier.${tier}`;
  return v.has(key) ? v.t(key) : tier;
}

// Fields whose values are names of our own (a device type, a channel, an acquisition source): the value is
// looked up as a label of its own ("mobile" → "Phone", "paid_search" → "Paid search").
const NAMED_VALUES = new Set([
  'top_device',
  'device',
  'device_type',
  'deviceType',
  'channel',
  'channels',
  'preferredChannel',
  'preferred_channel',
  'acquisition_source',
  'source',
]);

/**
 * A value of `field` in the reader's language when it is a word of our own vocabulary (an RFM tier, a gender,
 * a message type, a device, a channel); anything else (the shop's own words, names, free text) as written.
 */
export function valueWords(v: Voice, field: string, value: string): string {
  if (field === 'rfm_tier' || field === 'tier') return tierWords(v, value);
  const own = `enum.${field}.${value}`;
  if (v.has(own)) return v.t(own);
  if (!NAMED_VALUES.has(field)) return value;
  const named = `label.${value}`;
  if (v.has(named)) return v.t(named);
  // A message channel, named as the server's sentences name it ("e-mail").
  const channel = `channel.${value}`;
  if (v.has(channel)) {
    const word = v.t(channel);
    return word.charAt(0).toUpperCase() + word.slice(1);
  }
  return value;
}

/**
 * A saved segment's name as a person reads it. A name a person gave (`display`) wins. The segments Clientele
 * makes itself have titles in the catalogue: a play's (`play-at-risk`), a sales-cycle stage's
 * (`stage-repeat`), a clustering's numbered groups (`cluster-2`); any other stored id as words
 * (`repeat_buyers` → "Repeat buyers", `ios_users` → "iOS users").
 */
export function segmentTitle(v: Voice, name: string, display?: string | null): string {
  if (display?.trim()) return display.trim();
  const own = `segment.title.${name}`;
  if (v.has(own)) return v.t(own);
  const play = /^play-(.+)$/.exec(name);
  if (play && v.has(`segment.play.${play[1]}`)) return v.t(`segment.play.${play[1]}`);
  const stage = /^stage-(.+)$/.exec(name)?.[1]?.replaceAll('-', '_');
  if (stage && v.has(`personas.stage.${stage}`))
    return v.t('segment.stage', { stage: v.t(`personas.stage.${stage}`) });
  const numbered = /^(.+)-(\d+)$/.exec(name);
  if (numbered) {
    const [, prefix = '', n = ''] = numbered;
    return prefix === 'cluster' ? v.t('segment.cluster', { n }) : `${words(prefix)} ${n}`;
  }
  return words(name);
}

/** The play (`at-risk`) whose parts a saved name belongs to (`play-at-risk`), when Clientele ships that play. */
function playOf(v: Voice, name: string): string | null {
  const play = /^play-(.+)$/.exec(name)?.[1];
  return play && v.has(`segment.play.${play}`) ? play : null;
}

/**
 * A journey's step (its `id`) as a person reads it: the steps of a play Clientele ships (a journey named
 * `play-…`) have names in the catalogue, in the reader's language; any other id, typed by a person, as words.
 */
export function stepTitle(v: Voice, journey: string | null | undefined, id: string): string {
  const key = `play.step.${id}`;
  return journey && playOf(v, journey) && v.has(key) ? v.t(key) : segmentTitle(v, id);
}

/** An experiment's variant by its title: a shipped play's (its experiment named `play-…`) from the catalogue. */
export function variantTitle(v: Voice, experiment: string | null | undefined, variant: string): string {
  const key = `play.variant.${variant}`;
  return experiment && playOf(v, experiment) && v.has(key) ? v.t(key) : segmentTitle(v, variant);
}

/**
 * A journey's description as a person reads it: the one `plays enable` wrote (“… (play 'at-risk')”) from the
 * catalogue in the reader's language; one a person typed, as typed.
 */
export function journeyDescription(
  v: Voice,
  journey: string,
  description: string | null | undefined,
): string {
  const text = description?.trim() ?? '';
  const play = playOf(v, journey);
  const key = `play.description.${play}`;
  return play && text.endsWith(`(play '${play}')`) && v.has(key) ? v.t(key) : text;
}

/** One value of a condition on `field`: numbers by the field's meaning, our own words translated. */
export function conditionValue(v: Voice, field: string, value: SegmentValue): string {
  if (typeof value === 'boolean') return value ? v.t('common.yes') : v.t('common.no');
  if (typeof value === 'number') {
    const kind = kindOf(field);
    if (kind === 'money') return v.fmt.money(value);
    if (kind === 'share' || /(risk|p_alive)$/.test(field))
      return value >= 0 && value <= 1 ? v.fmt.pct(value) : v.fmt.num(value);
    return v.fmt.num(value);
  }
  return v.t('rule.quoted', { value: valueWords(v, field, value) });
}

function list(v: Voice, values: readonly string[], type: 'conjunction' | 'disjunction'): string {
  return new Intl.ListFormat(v.locale, { type }).format(values);
}

const OP_NAMES: Record<string, string> = {
  '=': 'eq',
  '!=': 'ne',
  '<': 'lt',
  '<=': 'le',
  '>': 'gt',
  '>=': 'ge',
  contains: 'contains',
};

// A day or moment written as ISO text (a trait or an event's property holding a date).
const ISO_DAY = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** A count of `field` with its noun in the plural form the number takes ("2 orders", "5 zamówień"), if known. */
function countOf(v: Voice, field: string, n: number): string | null {
  const key = `rule.count.${field}`;
  return v.has(key) ? v.t(key, { n: String(n) }) : null;
}

/** What a yes-or-no field says of a person ("used a coupon"), or of an event after "with" ("a coupon"). */
function yesNo(v: Voice, field: string, yes: boolean, filter: boolean): string {
  const own = `rule.${filter ? 'filter' : 'bool'}.${field}.${yes ? 'yes' : 'no'}`;
  if (v.has(own)) return v.t(own);
  const person = `rule.bool.${field}.${yes ? 'yes' : 'no'}`;
  if (v.has(person)) return v.t(person);
  return v.t(yes ? 'rule.op.true' : 'rule.op.false', { field: fieldInSentence(v, field) });
}

/**
 * One condition in words, by the kind of field: a count with its noun ("at least 2 orders"), a yes-or-no
 * field as what it means ("used a coupon"), a day written as a day ("before March 1, 2026"), money and other
 * figures by their meaning, our own words translated. `filter`: an event's property after "with".
 */
function conditionWords(
  v: Voice,
  name: string,
  op: string,
  value: SegmentValue | readonly SegmentValue[] | undefined,
  filter: boolean,
): string {
  const field = fieldInSentence(v, name);
  if (op === 'is_null') return v.t('rule.op.unknown', { field });
  if (op === 'is_not_null') return v.t('rule.op.known', { field });
  if (Array.isArray(value)) {
    const values = value as readonly SegmentValue[];
    const last = values[values.length - 1];
    if (values.every((x) => typeof x === 'number') && typeof last === 'number') {
      const counted = countOf(v, name, last);
      if (counted !== null) {
        const count = list(
          v,
          [...values.slice(0, -1).map((x) => v.fmt.num(x as number)), counted],
          'disjunction',
        );
        return v.t(op === 'in' ? 'rule.count.in' : 'rule.count.notIn', { count });
      }
    }
    const said = values.map((x) => conditionValue(v, name, x));
    return op === 'in'
      ? v.t('rule.op.in', { field, values: list(v, said, 'disjunction') })
      : v.t('rule.op.notIn', { field, values: list(v, said, 'conjunction') });
  }
  const single = value as SegmentValue;
  const key = OP_NAMES[op] ?? 'eq';
  if (typeof single === 'boolean' && (op === '=' || op === '!='))
    return yesNo(v, name, single === (op === '='), filter);
  if (typeof single === 'number' && op !== 'contains') {
    const count = countOf(v, name, single);
    if (count !== null) return v.t(`rule.count.${key}`, { count });
  }
  if (typeof single === 'string' && op !== 'contains' && ISO_DAY.test(single.trim()))
    return v.t(`rule.date.${key}`, { field, day: v.fmt.day(single.trim()) });
  return v.t(`rule.${filter ? 'filter' : 'op'}.${key}`, { field, value: conditionValue(v, name, single) });
}

function compareWords(v: Voice, node: CompareNode): string {
  switch (node.op) {
    case 'is_null':
    case 'is_not_null':
      return conditionWords(v, node.field, node.op, undefined, false);
    case 'in':
    case 'not_in':
      return conditionWords(v, node.field, node.op === 'in' ? 'in' : 'not_in', node.values, false);
    default:
      return conditionWords(v, node.field, node.op, node.value, false);
  }
}

/** An event's name: Segment's standard e-commerce events in words, the shop's own as written. */
function eventName(v: Voice, event: string): string {
  const key = `profile.event.${event}`;
  return v.t('rule.quoted', { value: v.has(key) ? v.t(key) : event });
}

function filters(v: Voice, where: readonly PropertyFilter[]): string {
  if (!where.length) return '';
  const each = where.map((f) => conditionWords(v, f.property, f.op, f.value, true));
  return ` ${v.t('rule.with', { filters: list(v, each, 'conjunction') })}`;
}

function nodeWords(v: Voice, node: SegmentNode, nested: boolean): string {
  switch (node.kind) {
    case 'and':
    case 'or': {
      const parts = node.children.map((c) => nodeWords(v, c, true));
      const text = parts.join(` ${v.t(node.kind === 'and' ? 'rule.and' : 'rule.or')} `);
      return nested && parts.length > 1 ? `(${text})` : text;
    }
    case 'not':
      return v.t('rule.not', { rule: nodeWords(v, node.child, true) });
    case 'compare':
      return compareWords(v, node);
    case 'in_segment':
      return v.t('rule.inSegment', { segment: segmentTitle(v, node.segment) });
    case 'event': {
      const n = node.times;
      const event = eventName(v, node.event);
      const base =
        node.did && n > 1
          ? v.t('rule.didTimes', { event, n: v.fmt.int(n) })
          : node.did
            ? v.t('rule.did', { event })
            : n > 1
              ? v.t('rule.didNotTimes', { event, n: v.fmt.int(n) })
              : v.t('rule.didNot', { event });
      const days = node.withinDays ? ` ${v.t('rule.inLastDays', { n: String(node.withinDays) })}` : '';
      return `${base}${filters(v, node.where)}${days}`;
    }
    case 'sequence': {
      const steps = node.steps.map((s) => `${eventName(v, s.event)}${filters(v, s.where)}`);
      const days = node.withinDays ? ` ${v.t('rule.inLastDays', { n: String(node.withinDays) })}` : '';
      return `${v.t(node.did ? 'rule.sequence' : 'rule.sequenceNot', { steps: steps.join(` ${v.t('rule.then')} `) })}${days}`;
    }
  }
}

/**
 * A segment rule (its text form, as the server stores it) as a sentence in the reader's language, e.g.
 * "RFM tier is “At risk” or “Can't lose them”"; null when the text is not a rule (a clustering's
 * description), which the caller then leaves out rather than show as code.
 */
export function ruleWords(v: Voice, expression: string): string | null {
  const parsed = parseSegment(expression);
  if (!parsed.ok) return null;
  const text = nodeWords(v, parsed.node, false);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A rule in the segment language inside a sentence ("If {rule}, …"): as `ruleWords`, without the capital
 * the sentence's own start takes; null when the text is not a rule.
 */
export function ruleClause(v: Voice, expression: string): string | null {
  const parsed = parseSegment(expression);
  return parsed.ok ? nodeWords(v, parsed.node, false) : null;
}

/**
 * An event's property filters as the segment language writes them after `with` (`revenue >= 50, coupon =
 * true`) in words: "with revenue is at least …"; null when they do not parse.
 */
export function filterWords(v: Voice, where: string): string | null {
  const parsed = parseSegment(`did 'event' with (${where})`);
  return parsed.ok && parsed.node.kind === 'event' ? filters(v, parsed.node.where).trim() || null : null;
}

/** An event's name in a sentence, as the rules' words name it: “Order Completed”, in the reader's language. */
export function eventTitle(v: Voice, event: string): string {
  return eventName(v, event);
}

/** What a saved segment holds, in words: its rule, or for the segments Clientele makes, what they are. */
export function segmentRuleWords(
  v: Voice,
  s: { readonly name: string; readonly kind: string; readonly expression: string | null },
): string | null {
  if (s.kind === 'stage') {
    const stage = /^stage-(.+)$/.exec(s.name)?.[1]?.replaceAll('-', '_');
    return stage && v.has(`segment.stageRule.${stage}`) ? v.t(`segment.stageRule.${stage}`) : null;
  }
  if (s.kind === 'cluster') return v.t('segment.clusterRule');
  return s.expression ? ruleWords(v, s.expression) : null;
}

/** Fewer measurements than this draw no line: two points say more as figures than as a slope. */
export const LINE_POINTS = 3;

/**
 * A segment's size over time in a sentence, for when there are too few measurements for a line (fewer than
 * {@link LINE_POINTS}): "Members: 1,204 on Dec 3, 2026 and 1,250 on Dec 7, 2026 (+46)." Null with none.
 */
export function sizesSentence(
  v: Voice,
  sizes: readonly { readonly at: string; readonly size: number }[],
): string | null {
  const first = sizes[0];
  const last = sizes[sizes.length - 1];
  if (!first || !last) return null;
  // One figure per day written (the latest of that day): two refreshes on one day read as one measurement.
  const byDay = new Map<string, number>();
  for (const p of sizes) byDay.set(v.fmt.day(p.at), p.size);
  const points = list(
    v,
    [...byDay].map(([at, size]) => v.t('segment.sizeAt', { size: v.fmt.int(size), at })),
    'conjunction',
  );
  const delta = last.size - first.size;
  const change =
    sizes.length < 2
      ? null
      : delta === 0
        ? v.t('segment.sizeSame')
        : `${delta > 0 ? '+' : '−'}${v.fmt.int(Math.abs(delta))}`;
  const text = v.t('segment.sizesFew', { points, change: change ?? '' });
  return change === null ? text.replace(/\s*\(\)/, '') : text;
}

/**
 * A warning about a segment without the segment's stored name in front ("repeat_buyers: not enough
 * data…"): the card or section it sits in says whose it is.
 */
export function ownWarning(segment: string, message: string): string {
  const rest = message.startsWith(`${segment}: `) ? message.slice(segment.length + 2) : message;
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}
