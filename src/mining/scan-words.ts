import { DIMENSIONS, type Measure } from './dimensions.js';
import type { PeriodKind } from './scan-cells.js';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const SEASONS = ['December–February', 'March–May', 'June–August', 'September–November'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** A period in words: "December", "December–February", "Saturday", "20:00–21:00". */
export function periodWords(kind: PeriodKind, p: number): string {
  if (kind === 'month') return MONTHS[p - 1] ?? `month ${p}`;
  if (kind === 'season') return SEASONS[p - 1] ?? `season ${p}`;
  if (kind === 'dow') return `${DAYS[p - 1] ?? `day ${p}`}s`;
  const h = (x: number) => `${String(x % 24).padStart(2, '0')}:00`;
  return `${h(p)}–${h(p + 1)}`;
}

/** What the measure counts, for a sentence: customers are counted once per period they buy in. */
export function measureWords(measure: Measure, kind: PeriodKind): string {
  if (measure !== 'customers') return measure;
  return `buyer-${{ month: 'months', season: 'seasons', dow: 'weekdays', hour: 'hours' }[kind]}`;
}

/** Dimension values in words: "category Apparel in region NY". */
export function dimsWords(dims: Readonly<Record<string, string>>): string {
  return Object.entries(dims)
    .map(([name, value]) => `${DIMENSIONS[name]?.phrase ?? name} ${value}`)
    .join(' × ');
}

const pct = (x: number) => `${(100 * x).toFixed(x < 0.1 ? 1 : 0)} %`;

const PLURALS: Readonly<Record<string, string>> = {
  category: 'categories',
  city: 'cities',
  country: 'countries',
};
const plural = (name: string) => PLURALS[name] ?? `${DIMENSIONS[name]?.phrase ?? name}s`;

/**
 * The reference of a cell in words. `kept` null: the rest of the data ("other products", "everyone else").
 * Otherwise the rest of the parent group that keeps `kept`: "other products in region NY" when the
 * customer dimension is kept, "product A outside region NY" when the product dimension is.
 */
export function referenceWords(dims: Readonly<Record<string, string>>, kept: string | null): string {
  const names = Object.keys(dims);
  if (kept === null) {
    const [name] = names as [string];
    return name === 'category' || name === 'product' ? `other ${plural(name)}` : 'everyone else';
  }
  const other = names.find((n) => n !== kept) as string;
  const keptWords = dimsWords({ [kept]: dims[kept] as string });
  const otherWords = dimsWords({ [other]: dims[other] as string });
  return kept === 'category' || kept === 'product'
    ? `${keptWords} outside ${otherWords}`
    : `other ${plural(other)} in ${keptWords}`;
}

const qWords = (q: number) => (q < 0.001 ? q.toExponential(0) : q.toPrecision(2));

/** One finding in words. */
export function findingSentence(f: {
  dims: Readonly<Record<string, string>>;
  kind: PeriodKind;
  p: number;
  measure: Measure;
  share: number;
  total: number;
  against: readonly { words: string; share: number }[];
  liftLower: number;
  qValue: number;
}): string {
  const when = f.kind === 'hour' ? `between ${periodWords(f.kind, f.p)}` : `in ${periodWords(f.kind, f.p)}`;
  const total = f.measure === 'revenue' ? f.total.toFixed(0) : String(Math.round(f.total));
  const against = f.against.map((a) => `${pct(a.share)} for ${a.words}`).join(' and ');
  return (
    `${dimsWords(f.dims)}: ${pct(f.share)} of its ${measureWords(f.measure, f.kind)} (${total} in all) fall ${when}, ` +
    `against ${against} — at least ${f.liftLower.toFixed(2)}× (q = ${qWords(f.qValue)})`
  );
}
