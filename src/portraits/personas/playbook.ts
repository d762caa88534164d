import { ClienteleError } from '../../errors/index.js';
import { channelWord } from '../../i18n/field.js';
import { type MessageKey, type Speaker, speaker } from '../../i18n/index.js';
import { round } from '../stats.js';
import type { Action, Persona } from './types.js';

/** A condition over one of a segment's figures. */
export interface Condition {
  readonly figure: string;
  readonly op: '>=' | '<=' | '>' | '<' | '=' | '!=';
  readonly value: number | string | boolean;
}

/**
 * A playbook rule: when every condition holds, suggest `action`. `{figure}` in `action` and `effect` is
 * replaced by the figure's value, `{figure%}` by a share shown as a percentage.
 */
export interface PlaybookRule {
  readonly name: string;
  readonly when: readonly Condition[];
  readonly action: string;
  readonly effect: string;
  /**
   * A default rule's key in the message catalogue (src/i18n): its action and effect are said in the
   * answer's language. A playbook a person wrote has none and is said as written.
   */
  readonly say?: DefaultRule;
}

/** The default rules' keys in the catalogue. */
type DefaultRule =
  | 'winBack'
  | 'reengage'
  | 'firstPurchase'
  | 'secondPurchase'
  | 'loyalty'
  | 'vip'
  | 'referral'
  | 'suppress';

/** The default playbook (docs/personas.md lists the figures a rule can name). */
export const DEFAULT_PLAYBOOK: readonly PlaybookRule[] = [
  {
    name: 'win-back valuable customers at risk',
    say: 'winBack',
    when: [
      { figure: 'clvLift', op: '>=', value: 1 },
      { figure: 'churnRiskMean', op: '>=', value: 0.4 },
    ],
    action: 'Send a personal win-back offer on {preferredChannel} to the {size} members before they lapse.',
    effect:
      'Protects up to {clvAtRisk} of expected customer value (members × mean CLV {clvMean} × mean churn risk {churnRiskMean%}).',
  },
  {
    name: 're-engage lapsing customers',
    say: 'reengage',
    when: [{ figure: 'stage', op: '=', value: 'lapsing' }],
    action: 'Start a re-engagement series on {preferredChannel} with what they bought before.',
    effect:
      'Each member who comes back is worth about {revenuePerOrder} per order; mean churn risk now {churnRiskMean%}.',
  },
  {
    name: 'first-purchase incentive for prospects',
    say: 'firstPurchase',
    when: [
      { figure: 'stage', op: '=', value: 'prospect' },
      { figure: 'negative', op: '=', value: false },
    ],
    action: 'Offer a small first-purchase incentive (e.g. 10% off the first order) on {preferredChannel}.',
    effect: 'If they converted like everyone else ({restBuyerShare%} buy), {potentialBuyers} more buyers.',
  },
  {
    name: 'second purchase for new customers',
    say: 'secondPurchase',
    when: [{ figure: 'stage', op: '=', value: 'first purchase' }],
    action:
      'Follow the first order with products bought together with it, within 30 days, on {preferredChannel}.',
    effect: 'Mean CLV {clvMean} now; a second order adds about {revenuePerOrder}.',
  },
  {
    name: 'grow repeat buyers toward loyalty',
    say: 'loyalty',
    when: [
      { figure: 'stage', op: '=', value: 'repeat' },
      { figure: 'negative', op: '=', value: false },
      { figure: 'churnRiskMean', op: '<', value: 0.4 },
    ],
    action:
      'Invite them to the loyalty programme and suggest what is bought together with their last order, on {preferredChannel}.',
    effect:
      'Each further order is worth about {revenuePerOrder}; mean CLV {clvMean} ({clvLift}× everyone else), mean churn risk {churnRiskMean%}.',
  },
  {
    name: 'look after the most valuable',
    say: 'vip',
    when: [
      { figure: 'clvLift', op: '>=', value: 1.5 },
      { figure: 'churnRiskMean', op: '<', value: 0.4 },
    ],
    action:
      'Give the {size} members a VIP treatment: early access, a personal contact, no discount-led messages.',
    effect: 'They bring {revenueShare%} of all revenue; mean CLV {clvMean}, {clvLift}× everyone else.',
  },
  {
    name: 'referral asks for champions',
    say: 'referral',
    when: [
      { figure: 'stage', op: '=', value: 'loyal' },
      { figure: 'negative', op: '=', value: false },
    ],
    action: 'Ask for referrals (refer-a-friend reward) and reviews.',
    effect:
      'They bring {revenueShare%} of all revenue with {ordersPerMember} orders each; mean CLV {clvMean}.',
  },
  {
    name: 'suppress negative personas from paid campaigns',
    say: 'suppress',
    when: [{ figure: 'negative', op: '=', value: true }],
    action: 'Exclude the {size} members from paid campaigns and lookalike seeds; keep owned channels only.',
    effect:
      'Net value now {net} after goods cost, returns and acquisition cost; the spend saved is not wasted on them.',
  },
];

/** The figures a playbook rule can name, from a persona. */
export function playbookFigures(
  p: Omit<Persona, 'name' | 'avatar' | 'actions' | 'notes' | 'edited' | 'voice'>,
  extra: { clvRestMean: number | null; restBuyerShare: number | null; orders: number },
  s: Speaker = speaker('en'),
): Record<string, number | string | boolean | null> {
  const v = p.value;
  const clvAtRisk =
    v.clvMean !== null && v.churnRiskMean !== null ? p.size * v.clvMean * v.churnRiskMean : null;
  return {
    segment: p.segment,
    size: p.size,
    stage: p.stage,
    negative: p.negative,
    preferredChannel: p.unsupported.includes('preferredChannel')
      ? s.t('persona.usualChannel')
      : channelWord(s, p.preferredChannel),
    decisionMaker: p.decisionMakerShare,
    revenue: v.revenue,
    revenueShare: v.revenueShare,
    revenuePerMember: v.revenuePerMember,
    revenuePerOrder: extra.orders > 0 ? round(v.revenue / extra.orders) : null,
    ordersPerMember: v.ordersPerMember,
    buyerShare: v.buyerShare,
    restBuyerShare: extra.restBuyerShare,
    potentialBuyers:
      extra.restBuyerShare !== null && v.buyerShare !== null
        ? Math.max(0, Math.round(p.size * (extra.restBuyerShare - v.buyerShare)))
        : null,
    clvMean: v.clvMean,
    clvRestMean: extra.clvRestMean,
    clvLift: v.clvMean !== null && extra.clvRestMean ? round(v.clvMean / extra.clvRestMean) : null,
    clvAtRisk: round(clvAtRisk),
    churnRiskMean: v.churnRiskMean,
    net: v.net,
  };
}

/**
 * The actions of the rules whose conditions hold, with the figures quoted, in the speaker's language
 * (a default rule's sentences from the catalogue, a written rule's as written, numbers as the locale writes them).
 */
export function applyPlaybook(
  rules: readonly PlaybookRule[],
  figures: Record<string, number | string | boolean | null>,
  s: Speaker = speaker('en'),
): Action[] {
  const out: Action[] = [];
  for (const rule of rules) {
    if (!rule.when.every((c) => holds(c, figures[c.figure]))) continue;
    const action = rule.say ? s.t(`playbook.${rule.say}.action`) : rule.action;
    const effect = rule.say ? s.t(`playbook.${rule.say}.effect`) : rule.effect;
    out.push({
      rule: rule.name,
      action: fill(action, figures, s),
      evidence: rule.when
        .map((c) =>
          s.t('playbook.evidence', {
            figure: figureWords(c.figure, s),
            value: show(figures[c.figure], s, c.figure),
            op: c.op,
            threshold: show(c.value, s, c.figure),
          }),
        )
        .join('; '),
      expectedEffect: fill(effect, figures, s),
    });
  }
  return out;
}

// A figure's name in words where the catalogue has it (a written rule may name any figure).
function figureWords(figure: string, s: Speaker): string {
  const key = `figure.${figure}`;
  return s.has(key) ? s.t(key) : figure;
}

function holds(c: Condition, value: number | string | boolean | null | undefined): boolean {
  if (value === null || value === undefined) return false;
  switch (c.op) {
    case '=':
      return value === c.value;
    case '!=':
      return value !== c.value;
    case '>=':
      return typeof value === 'number' && typeof c.value === 'number' && value >= c.value;
    case '<=':
      return typeof value === 'number' && typeof c.value === 'number' && value <= c.value;
    case '>':
      return typeof value === 'number' && typeof c.value === 'number' && value > c.value;
    case '<':
      return typeof value === 'number' && typeof c.value === 'number' && value < c.value;
    default:
      return assertUnreachable(c.op);
  }
}

/** Figures that are amounts of money: said with the shop's currency, as the locale writes it ('102 zł'). */
export const MONEY_FIGURES: ReadonlySet<string> = new Set([
  'revenue',
  'revenuePerMember',
  'revenuePerOrder',
  'clvMean',
  'clvRestMean',
  'clvAtRisk',
  'net',
]);

// `{figure}` shows the value (an amount with its currency); `{figure%}` shows a share (0.645) as a percentage (64.5%).
function fill(
  template: string,
  figures: Record<string, number | string | boolean | null>,
  s: Speaker,
): string {
  return template.replace(/\{([A-Za-z]+)(%?)\}/g, (_m, key: string, percent: string) => {
    const v = figures[key];
    return percent && typeof v === 'number' ? s.pct(v) : show(v, s, key);
  });
}

function show(v: number | string | boolean | null | undefined, s: Speaker, figure?: string): string {
  if (v === null || v === undefined) return s.t('common.na');
  if (typeof v === 'number' && figure && MONEY_FIGURES.has(figure)) return s.money(v);
  if (typeof v === 'number') return Math.abs(v) >= 1000 ? s.num(Math.round(v), 0) : s.num(round(v, 3), 3);
  if (typeof v === 'boolean') return s.t(v ? 'common.yes' : 'common.no');
  // A stage is a code; its words are the catalogue's.
  const stage = `stage.${v}` as MessageKey;
  return s.has(stage) ? s.t(stage) : v;
}

function assertUnreachable(x: never): never {
  throw new Error(`unexpected operator: ${String(x)}`);
}

const OPS = new Set(['>=', '<=', '>', '<', '=', '!=']);

/** Checks a playbook read from JSON: an array of rules, each with a name, conditions, action and effect. */
export function parsePlaybook(value: unknown, source: string): PlaybookRule[] {
  const bad = (why: string) => new ClienteleError('CLT_ERR_PERSONA_PLAYBOOK', `${source}: ${why}`);
  const rules = Array.isArray(value) ? value : (value as { rules?: unknown } | null)?.rules;
  if (!Array.isArray(rules)) throw bad('expected an array of rules (or {"rules": [...]})');
  return rules.map((r, i) => {
    const rule = r as Partial<PlaybookRule> | null;
    if (!rule || typeof rule.name !== 'string' || typeof rule.action !== 'string') {
      throw bad(`rule ${i + 1}: needs "name" and "action" strings`);
    }
    if (!Array.isArray(rule.when))
      throw bad(`rule ${i + 1} (${rule.name}): "when" must be an array of conditions`);
    for (const c of rule.when) {
      if (
        !c ||
        typeof c.figure !== 'string' ||
        !OPS.has(c.op) ||
        !['number', 'string', 'boolean'].includes(typeof c.value)
      ) {
        throw bad(
          `rule ${i + 1} (${rule.name}): a condition is {"figure": name, "op": one of ${[...OPS].join(' ')}, "value": number, text or true/false}`,
        );
      }
    }
    return {
      name: rule.name,
      when: rule.when,
      action: rule.action,
      effect: typeof rule.effect === 'string' ? rule.effect : '',
    };
  });
}
