import type { JourneySummary } from '@contracts/journeys';
import type { Static } from '@sinclair/typebox';
import { label } from '../../format.js';
import { has, t, tn } from '../../i18n/index.js';
import {
  conditionValue,
  eventTitle,
  filterWords,
  nameTitle,
  playVariantTitle,
  ruleClause,
  segmentTitle,
  stepTitle,
} from '../../segment-words.js';

// The Act screens' words for what is saved there, pure (no React): an experiment's variants, a journey's
// trigger, steps and waits, each name by its title (web/src/segment-words.ts), never its key.

type Journey = Static<typeof JourneySummary>;
type Step = Journey['definition']['steps'][number];

/**
 * A variant's name as a person reads it; the held-out group in the reader's words, a shipped play's variants
 * (its experiment named `play-…`) from the catalogue.
 */
export function variantTitle(variant: string, experiment?: string): string {
  return variant === 'holdout' ? t('act.experiments.holdoutName') : playVariantTitle(experiment, variant);
}

/** What makes a person enter a journey, in words. */
export function triggerWords(tr: Journey['definition']['trigger']): string {
  switch (tr.kind) {
    case 'segment':
      return tr.on === 'exit'
        ? t('journeys.trigger.exit', { segment: segmentTitle(tr.segment) })
        : t(tr.existing ? 'journeys.trigger.enterExisting' : 'journeys.trigger.enter', {
            segment: segmentTitle(tr.segment),
          });
    case 'event': {
      const event = t('journeys.trigger.event', { event: eventTitle(tr.event) });
      const filters = tr.where ? filterWords(tr.where) : null;
      return filters ? `${event} ${filters}` : tr.where ? `${event} (${tr.where})` : event;
    }
    case 'date': {
      const day = t('journeys.trigger.date', { field: label(tr.field) });
      const off = tr.offsetDays ?? 0;
      return off === 0
        ? day
        : `${day}, ${tn(off < 0 ? 'journeys.trigger.daysBefore' : 'journeys.trigger.daysAfter', Math.abs(off))}`;
    }
    case 'score':
      return tr.above !== undefined
        ? t('journeys.trigger.above', { score: label(tr.score), value: conditionValue(tr.score, tr.above) })
        : t('journeys.trigger.below', {
            score: label(tr.score),
            value: conditionValue(tr.score, tr.below ?? 0),
          });
  }
}

const DURATION_UNITS = {
  m: 'journeys.duration.m',
  h: 'journeys.duration.h',
  d: 'journeys.duration.d',
  w: 'journeys.duration.w',
} as const;

/** A wait's length (`3d`, `12h`, `1.5w`; src/journeys/schema.ts) in words: "3 days", "12 godzin". */
export function durationWords(duration: string): string {
  const m = /^(\d+(?:\.\d+)?)\s*([mhdw])$/.exec(duration);
  if (!m) return duration;
  return tn(DURATION_UNITS[m[2] as keyof typeof DURATION_UNITS], Number(m[1]));
}

/**
 * A step in words (a branch on a condition: see StepWords in journeys.tsx, which marks a rule it cannot read);
 * `journey`, the journey's name, lets a shipped play's steps be named from the catalogue.
 */
export function stepWords(s: Step, journey?: string): string {
  const step = (id: string) => stepTitle(journey, id);
  switch (s.kind) {
    case 'wait':
      return [
        s.duration ? t('journeys.step.waitFor', { duration: durationWords(s.duration) }) : '',
        s.until ? t('journeys.step.waitUntil', { time: s.until }) : '',
      ]
        .filter(Boolean)
        .join(', ');
    case 'branch':
      if (s.experiment === undefined)
        return t('journeys.step.if', {
          condition: ruleClause(s.if ?? '') ?? s.if ?? '',
          to: s.goto ? step(s.goto) : '',
        });
      return t('journeys.step.variant', {
        experiment: nameTitle(s.experiment ?? ''),
        routes: Object.entries(s.variants ?? {})
          .map(([v, to]) => `${variantTitle(v, s.experiment)} → ${step(to)}`)
          .join(', '),
      });
    case 'email':
      return t('journeys.step.email', { campaign: nameTitle(s.campaign) });
    case 'destination':
      return t('journeys.step.destination', { destination: nameTitle(s.destination) });
    case 'tag':
      return s.add !== undefined
        ? t('journeys.step.tagAdd', { tag: s.add })
        : t('journeys.step.tagRemove', { tag: s.remove ?? '' });
    case 'exit':
      return t('journeys.step.exit');
  }
}

/** Where a step leads when it is not simply the next one in the list; where a branch sends the rest. */
export function thenWords(steps: readonly Step[], i: number, journey?: string): string {
  const s = steps[i]!;
  const step = (id: string) => stepTitle(journey, id);
  if (s.kind === 'exit') return '';
  const following = steps[i + 1] ? step(steps[i + 1]!.id) : t('journeys.step.end');
  if (s.kind === 'branch')
    return `; ${t('journeys.step.otherwise', { to: s.else !== undefined ? step(s.else) : following })}`;
  if (s.next !== undefined) return ` → ${step(s.next)}`;
  return i === steps.length - 1 ? ` → ${t('journeys.step.end')}` : '';
}

/**
 * Why a delivery failed, in words (src/outbox/failure.ts gives the reason; the raw cause stays in `error`,
 * shown on hover): "could not connect to the address: nothing there accepts connections", "the receiver
 * failed with an error of its own (500)".
 */
export function failureWords(f: { status: number | null; reason: string | null }): string {
  if (f.status !== null) {
    const s = f.status;
    const kind =
      s === 401 || s === 403
        ? '.auth'
        : s === 404 || s === 410
          ? '.missing'
          : s === 429
            ? '.slow'
            : s >= 500
              ? '.server'
              : '';
    return t(`act.fail.status${kind}` as 'act.fail.status', { status: s });
  }
  const key = `act.fail.${f.reason ?? 'other'}`;
  return has(key) ? t(key) : t('act.fail.other');
}
