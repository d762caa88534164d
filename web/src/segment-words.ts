// Segments in words: a saved segment's title (never its stored id) and its rule as a sentence in the reader's
// language, with the fields named as the catalogue names them and our own values (RFM tiers, devices,
// genders) translated. The rule is read with the server's own parser (src/segments/parse.ts), so the words
// follow the language the server runs.
import type { CompareNode, PropertyFilter, SegmentNode, SegmentValue } from '../../src/segments/nodes.js';
import { parseSegment } from '../../src/segments/parse.js';
import { fmt, kindOf, label, valueWords, words } from './format.js';
import { has, locale, type MessageKey, t } from './i18n/index.js';

/**
 * A saved segment's name as a person reads it. The segments Clientele makes itself have titles in the
 * catalogue: a play's (`play-at-risk`), a sales-cycle stage's (`stage-repeat`), a clustering's numbered
 * groups (`cluster-2`); a segment a person named is shown by that name, a snake_case or dashed id as words
 * (`repeat_buyers` → "Repeat buyers").
 */
export function segmentTitle(name: string): string {
  const own = `segment.title.${name}`;
  if (has(own)) return t(own);
  const play = /^play-(.+)$/.exec(name);
  if (play && has(`segment.play.${play[1]}`)) return t(`segment.play.${play[1]}` as MessageKey);
  const stage = /^stage-(.+)$/.exec(name);
  if (stage && has(`personas.stage.${(stage[1] ?? '').replaceAll('-', '_')}`))
    return t('segment.stage', {
      stage: t(`personas.stage.${(stage[1] ?? '').replaceAll('-', '_')}` as MessageKey),
    });
  const numbered = /^(.+)-(\d+)$/.exec(name);
  if (numbered) {
    const [, prefix = '', n = ''] = numbered;
    return prefix === 'cluster' ? t('segment.cluster', { n }) : `${words(prefix)} ${n}`;
  }
  return words(name);
}

/** A field's label inside a sentence: lower case unless it starts with an abbreviation ("RFM tier"). */
function fieldWords(field: string): string {
  const l = label(field);
  return /^\p{Lu}\p{Ll}/u.test(l) ? l.charAt(0).toLowerCase() + l.slice(1) : l;
}

/** One value of a condition on `field`: numbers by the field's meaning, our own words translated. */
export function conditionValue(field: string, v: SegmentValue): string {
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (typeof v === 'number') {
    const kind = kindOf(field);
    if (kind === 'money') return fmt.money(v);
    if (kind === 'share' || /(risk|p_alive)$/.test(field)) return v >= 0 && v <= 1 ? fmt.pct(v) : fmt.num(v);
    return fmt.num(v);
  }
  return t('rule.quoted', { value: valueWords(field, v) });
}

const OPS: Record<string, MessageKey> = {
  '=': 'rule.op.eq',
  '!=': 'rule.op.ne',
  '<': 'rule.op.lt',
  '<=': 'rule.op.le',
  '>': 'rule.op.gt',
  '>=': 'rule.op.ge',
  contains: 'rule.op.contains',
};

function list(values: readonly string[], type: 'conjunction' | 'disjunction'): string {
  return new Intl.ListFormat(locale(), { type }).format(values);
}

function compareWords(node: CompareNode): string {
  const field = fieldWords(node.field);
  switch (node.op) {
    case 'is_null':
      return t('rule.op.unknown', { field });
    case 'is_not_null':
      return t('rule.op.known', { field });
    case 'in':
      return t('rule.op.in', {
        field,
        values: list(
          node.values.map((v) => conditionValue(node.field, v)),
          'disjunction',
        ),
      });
    case 'not_in':
      return t('rule.op.notIn', {
        field,
        values: list(
          node.values.map((v) => conditionValue(node.field, v)),
          'conjunction',
        ),
      });
    default:
      if (typeof node.value === 'boolean' && (node.op === '=' || node.op === '!='))
        return t(node.value === (node.op === '=') ? 'rule.op.true' : 'rule.op.false', { field });
      return t(OPS[node.op] ?? 'rule.op.eq', { field, value: conditionValue(node.field, node.value) });
  }
}

/** An event's name: Segment's standard e-commerce events in words, the shop's own as written. */
function eventName(event: string): string {
  const key = `profile.event.${event}`;
  return t('rule.quoted', { value: has(key) ? t(key) : event });
}

function filters(where: readonly PropertyFilter[]): string {
  if (!where.length) return '';
  const each = where.map((f) =>
    t(OPS[f.op] ?? 'rule.op.eq', {
      field: fieldWords(f.property),
      value: conditionValue(f.property, f.value),
    }),
  );
  return ` ${t('rule.with', { filters: list(each, 'conjunction') })}`;
}

function nodeWords(node: SegmentNode, nested: boolean): string {
  switch (node.kind) {
    case 'and':
    case 'or': {
      const parts = node.children.map((c) => nodeWords(c, true));
      const text = parts.join(` ${t(node.kind === 'and' ? 'rule.and' : 'rule.or')} `);
      return nested && parts.length > 1 ? `(${text})` : text;
    }
    case 'not':
      return t('rule.not', { rule: nodeWords(node.child, true) });
    case 'compare':
      return compareWords(node);
    case 'in_segment':
      return t('rule.inSegment', { segment: segmentTitle(node.segment) });
    case 'event': {
      const n = node.times;
      const base =
        node.did && n > 1
          ? t('rule.didTimes', { event: eventName(node.event), n: fmt.int(n) })
          : node.did
            ? t('rule.did', { event: eventName(node.event) })
            : n > 1
              ? t('rule.didNotTimes', { event: eventName(node.event), n: fmt.int(n) })
              : t('rule.didNot', { event: eventName(node.event) });
      const days = node.withinDays ? ` ${t('rule.inLastDays', { n: fmt.int(node.withinDays) })}` : '';
      return `${base}${filters(node.where)}${days}`;
    }
    case 'sequence': {
      const steps = node.steps.map((s) => `${eventName(s.event)}${filters(s.where)}`);
      const days = node.withinDays ? ` ${t('rule.inLastDays', { n: fmt.int(node.withinDays) })}` : '';
      return `${t(node.did ? 'rule.sequence' : 'rule.sequenceNot', { steps: steps.join(` ${t('rule.then')} `) })}${days}`;
    }
  }
}

/**
 * A segment rule (its text form, as the server stores it) as a sentence in the app's language, e.g.
 * "RFM tier is “At risk” or “Can't lose them”"; null when the text is not a rule (a clustering's
 * description), which the caller then leaves out rather than show as code.
 */
export function ruleWords(expression: string): string | null {
  const parsed = parseSegment(expression);
  if (!parsed.ok) return null;
  const text = nodeWords(parsed.node, false);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What a saved segment holds, in words: its rule, or for the segments Clientele makes, what they are. */
export function segmentRuleWords(s: {
  name: string;
  kind: string;
  expression: string | null;
}): string | null {
  if (s.kind === 'stage') {
    const stage = /^stage-(.+)$/.exec(s.name)?.[1]?.replaceAll('-', '_');
    return stage && has(`segment.stageRule.${stage}`) ? t(`segment.stageRule.${stage}` as MessageKey) : null;
  }
  if (s.kind === 'cluster') return t('segment.clusterRule');
  return s.expression ? ruleWords(s.expression) : null;
}

/**
 * A warning on a segment's card without the segment's stored name in front ("repeat_buyers: not enough
 * data…"): the card says whose it is.
 */
export function ownWarning(segment: string, message: string): string {
  const rest = message.startsWith(`${segment}: `) ? message.slice(segment.length + 2) : message;
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

/**
 * The name of anything else saved under a key (a destination, audience, campaign, experiment, placement,
 * journey, an experiment's variant, a journey's step) as a person reads it. None of them has a display name
 * of its own (src/contracts/activation.ts, src/contracts/journeys.ts): the key is the name, read by the same
 * rules as a segment's, so a play's parts (`play-at-risk`) have the play's title and a snake_case or dashed
 * key reads as words (`welcome_back` → "Welcome back").
 */
export function nameTitle(name: string): string {
  return segmentTitle(name);
}

/**
 * A rule in the segment language inside a sentence ("If {rule}, …"): as `ruleWords`, without the capital
 * the sentence's own start takes; null when the text is not a rule.
 */
export function ruleClause(expression: string): string | null {
  const parsed = parseSegment(expression);
  return parsed.ok ? nodeWords(parsed.node, false) : null;
}

/**
 * An event's property filters as the segment language writes them after `with` (`revenue >= 50, coupon =
 * true`) in words: "with revenue is at least …"; null when they do not parse.
 */
export function filterWords(where: string): string | null {
  const parsed = parseSegment(`did 'event' with (${where})`);
  return parsed.ok && parsed.node.kind === 'event' ? filters(parsed.node.where).trim() || null : null;
}

/** An event's name in a sentence, as the rules' words name it: “Order Completed”, in the reader's language. */
export function eventTitle(event: string): string {
  return eventName(event);
}
