import { type MessageKey, type Speaker, speaker } from '../i18n/index.js';
import { DIMENSIONS, type Measure } from './dimensions.js';
import type { PeriodKind } from './scan-cells.js';

const EN = speaker('en');

/** When a period falls, in words: "in December", "on Saturdays", "between 20:00 and 21:00" (Polish: "w grudniu"). */
export function whenWords(kind: PeriodKind, p: number, s: Speaker = EN): string {
  if (kind === 'hour') {
    const h = (x: number) => `${String(x % 24).padStart(2, '0')}:00`;
    return s.t('mining.when.hour', { from: h(p), to: h(p + 1) });
  }
  const key = `mining.when.${kind}.${p}`;
  return s.has(key) ? s.t(key) : `${kind} ${p}`;
}

/** What the measure counts, for a sentence: customers are counted once per period they buy in. */
export function measureWords(measure: Measure, kind: PeriodKind, s: Speaker = EN): string {
  return measure === 'customers' ? s.t(`mining.measure.customers.${kind}`) : s.t(`mining.measure.${measure}`);
}

const dimWord = (name: string, s: Speaker, plural = false): string => {
  const key = `mining.${plural ? 'dims' : 'dim'}.${name}`;
  if (s.has(key)) return s.t(key);
  const phrase = DIMENSIONS[name]?.phrase ?? name;
  return plural ? `${phrase}s` : phrase;
};

/** Dimension values in words: "category Apparel × region NY" (Polish: "kategoria Apparel × region NY"). */
export function dimsWords(dims: Readonly<Record<string, string>>, s: Speaker = EN): string {
  return Object.entries(dims)
    .map(([name, value]) => `${dimWord(name, s)} ${value}`)
    .join(' × ');
}

/** A share as a percentage with one decimal (two below 10 %), as the findings write it. */
const pct = (x: number, s: Speaker) =>
  `${s.fixed(100 * x, x < 0.1 ? 1 : 0)}${s.locale === 'en' ? ' %' : '%'}`;

/**
 * The reference of a cell in words. `kept` null: the rest of the data ("other products", "everyone else").
 * Otherwise the rest of the parent group that keeps `kept`: "other products in region NY" when the
 * customer dimension is kept, "product A outside region NY" when the product dimension is.
 */
export function referenceWords(
  dims: Readonly<Record<string, string>>,
  kept: string | null,
  s: Speaker = EN,
): string {
  const names = Object.keys(dims);
  if (kept === null) {
    const [name] = names as [string];
    return name === 'category' || name === 'product'
      ? s.t('mining.ref.others', { kinds: dimWord(name, s, true) })
      : s.t('mining.ref.everyone');
  }
  const other = names.find((n) => n !== kept) as string;
  const keptWords = dimsWords({ [kept]: dims[kept] as string }, s);
  const otherWords = dimsWords({ [other]: dims[other] as string }, s);
  return kept === 'category' || kept === 'product'
    ? s.t('mining.ref.outside', { kept: keptWords, other: otherWords })
    : s.t('mining.ref.othersIn', { kinds: dimWord(other, s, true), kept: keptWords });
}

const qWords = (q: number, s: Speaker) =>
  q < 0.001 ? q.toExponential(0) : s.locale === 'en' ? q.toPrecision(2) : q.toPrecision(2).replace('.', ',');

/** One finding in words, in the speaker's language. */
export function findingSentence(
  f: {
    dims: Readonly<Record<string, string>>;
    kind: PeriodKind;
    p: number;
    measure: Measure;
    share: number;
    total: number;
    against: readonly { words: string; share: number }[];
    liftLower: number;
    qValue: number;
  },
  s: Speaker = EN,
): string {
  const total = f.measure === 'revenue' ? s.money(f.total) : s.fixed(Math.round(f.total), 0);
  const against = f.against.map((a) =>
    s.t('mining.finding.against', { share: pct(a.share, s), words: a.words }),
  );
  return s.t('mining.finding', {
    dims: dimsWords(f.dims, s),
    share: pct(f.share, s),
    measure: measureWords(f.measure, f.kind, s),
    total,
    when: whenWords(f.kind, f.p, s),
    against: against.join(s.t('common.and')),
    lift: s.fixed(f.liftLower, 2),
    q: qWords(f.qValue, s),
  });
}

/** The key of a peak's "of all of …" words for a measure. */
export const peakMeasureKey = (m: Measure): MessageKey => `mining.peak.measure.${m}`;
