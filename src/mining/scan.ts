import { benjaminiHochberg } from '../analytics/stats/index.js';
import { type Speaker, speaker } from '../i18n/index.js';
import { withShopCurrency } from '../reports/currency.js';
import type { Warehouse } from '../store/index.js';
import { dimension, dimensionAliases, MEASURES, type Measure } from './dimensions.js';
import { round } from './numbers.js';
import { badOption, inRange, oneOf, wholeNumber } from './options.js';
import {
  groupKey,
  PERIOD_KINDS,
  type PeriodKind,
  PRODUCT_DIMENSIONS,
  readScanGroups,
  SCAN_CHOICES,
  SCAN_DIMENSIONS,
  SCAN_NONE,
  SCAN_OTHER,
  type ScanChoice,
  type ScanGroup,
  type ScanGroups,
  scanSets,
  withScanRows,
} from './scan-cells.js';
import { rateRatioLower, rateTest } from './scan-stats.js';
import { findingSentence, referenceWords } from './scan-words.js';
import { checkTimeZone } from './zone.js';

/** Options of `scan` (the CLI's `clientele scan`). */
export interface ScanOptions {
  readonly measure?: string;
  /** Period kinds to scan, default all: month, season, dow, hour. */
  readonly periods?: readonly string[];
  /** Scan only these dimensions (alone and crossed); default all of SCAN_CHOICES (segment included). */
  readonly dimensions?: readonly string[];
  /** Findings printed; default 25. */
  readonly limit?: number;
  /** Values kept per dimension (the rest are "(other)", never reported); default 200. */
  readonly top?: number;
  /** Least effective size of a group (orders, customers or effective orders) to be scanned; default 30. */
  readonly minSize?: number;
  /** The false discovery rate the findings are held to (Benjamini–Hochberg); default 0.05. */
  readonly fdr?: number;
  readonly from?: string;
  readonly to?: string;
  readonly tz?: string;
}

/** One comparison behind a finding: the cell's share against a reference's share in the same period. */
export interface ScanComparison {
  /** The reference in words, e.g. "other products in region NY". */
  readonly against: string;
  readonly share: number | null;
  readonly lift: number | null;
  readonly pValue: number;
}

/** A concentration of a measure in a period for some dimension values. */
export interface Finding {
  readonly dimensions: Record<string, string>;
  readonly period: Partial<Record<PeriodKind, number>>;
  /** The group's measure in the period, and over all periods. */
  readonly value: number;
  readonly groupTotal: number;
  /** Kish's effective number of independent customer × period clusters behind groupTotal. */
  readonly size: number;
  readonly share: number | null;
  /** The share of the reference the cell beats least clearly (the comparison with the largest p). */
  readonly expectedShare: number | null;
  readonly lift: number | null;
  /** Lower confidence bound of the lift over every reference, at the false-coverage-adjusted level. */
  readonly liftLower: number | null;
  readonly z: number | null;
  /** The cell's p-value: the largest of its comparisons' (intersection–union). */
  readonly pValue: number;
  /** Benjamini–Hochberg q-value over every cell scored. */
  readonly qValue: number;
  readonly comparisons: ScanComparison[];
  readonly sentence: string;
}

/** A caveat about the whole answer. */
export interface ScanWarning {
  readonly code: string;
  readonly message: string;
}

/** What `clientele scan` prints. */
export interface ScanResult {
  readonly measure: Measure;
  readonly findings: Finding[];
  /** Cells tested: every p-value that entered the false discovery rate control. */
  readonly cellsScored: number;
  /** Cells that survive the false discovery rate control (findings before `--limit`). */
  readonly cellsCredible: number;
  readonly method: {
    readonly test: string;
    readonly crossings: string;
    readonly multiplicity: string;
    readonly bounds: string;
  };
  readonly warnings: ScanWarning[];
  readonly parameters: {
    periods: PeriodKind[];
    dimensions: ScanChoice[];
    top: number;
    minSize: number;
    fdr: number;
    /** Whether the rows were order lines (product dimensions scanned) or orders only. */
    rows: 'order lines' | 'orders';
    timeZone: string;
  };
}

const PERIOD_NAMES = Object.keys(PERIOD_KINDS) as PeriodKind[];

/** How the scan decides, in the answer's language. */
const method = (s: Speaker): ScanResult['method'] => ({
  test: s.t('mining.scan.method.test'),
  crossings: s.t('mining.scan.method.crossings'),
  multiplicity: s.t('mining.scan.method.multiplicity'),
  bounds: s.t('mining.scan.method.bounds'),
});

/** A reference of a group: the rest of a parent group (the whole data for a single dimension). */
interface Reference {
  readonly parent: ScanGroup;
  /** The reference, to be said in words with the answer's language (referenceWords). */
  readonly against: { readonly dims: Readonly<Record<string, string>>; readonly kept: string | null };
}

type Comparison = NonNullable<ReturnType<typeof compare>>;

interface Cell {
  readonly group: ScanGroup;
  readonly kind: PeriodKind;
  readonly p: number;
  readonly inCell: number;
  readonly pValue: number;
  readonly comparisons: Comparison[];
}

/**
 * `clientele scan`: each (dimension values × calendar position) cell's share of its group against the
 * same share in the rest of the data, by an exact test; a crossing of a customer and a product dimension
 * (customers in NY × product A) must beat both the customer group's other products and the product
 * elsewhere, so it is reported only for what it adds to its parts. The p-values of every cell scored go
 * through Benjamini–Hochberg: findings are the cells that survive, ranked by the lower bound of the lift.
 */
export async function scan(
  db: Warehouse,
  options: ScanOptions = {},
  said: Speaker = speaker('en'),
): Promise<ScanResult> {
  // A revenue total in a finding's sentence is money: the shop's currency, as the locale writes it.
  const s = options.measure === 'revenue' ? await withShopCurrency(db, said) : said;
  const measure = oneOf('--measure', options.measure, MEASURES, 'customers');
  const periods = (options.periods ?? PERIOD_NAMES).map((p) => oneOf('--periods', p, PERIOD_NAMES, 'month'));
  if (periods.length === 0) badOption('--periods', '', `some of ${PERIOD_NAMES.join(', ')}`);
  const aliases = options.dimensions ? await dimensionAliases(db) : [];
  const chosen = new Set(
    (options.dimensions ?? SCAN_CHOICES).map(
      (d) => dimension('--dimensions', d, aliases, SCAN_CHOICES).name as ScanChoice,
    ),
  );
  if (chosen.size === 0) badOption('--dimensions', '', `some of ${SCAN_CHOICES.join(', ')}`);
  const limit = wholeNumber('--limit', options.limit, 25, 0);
  const top = wholeNumber('--top', options.top, 200, 1);
  const minSize = inRange('--min-size', options.minSize, 30, 0, 1e12);
  const fdr = inRange('--fdr', options.fdr, 0.05, 0, 0.5, true);
  const tz = await checkTimeZone(db, options.tz);
  const window = { from: options.from, to: options.to };
  const warnings: ScanWarning[] = [];

  // Product dimensions live on order lines; a shop without lines is scanned by its customer dimensions.
  const lines = await hasOrderLines(db);
  let dims = SCAN_DIMENSIONS.filter((d) => chosen.has(d));
  const products = dims.filter((d) => (PRODUCT_DIMENSIONS as readonly string[]).includes(d));
  if (!lines && products.length > 0) {
    dims = dims.filter((d) => !products.includes(d));
    warnings.push({
      code: 'SCAN_NO_ORDER_LINES',
      message: `no order lines: ${products.join(' and ')} cannot be scanned, only the customer dimensions`,
    });
  }
  const sets = scanSets(dims);

  const cells = await withScanRows(db, { measure, top, tz, window, dimensions: dims, lines }, async (s) => {
    const out: Cell[] = [];
    for (const kind of new Set(periods)) {
      const groups = await readScanGroups(s, {
        measure,
        kind,
        sets,
        segments: chosen.has('segment'),
        minSize,
      });
      out.push(...scoreKind(groups, kind, minSize));
    }
    return out;
  });

  const q = benjaminiHochberg(cells.map((c) => c.pValue));
  const survivors = cells.map((c, i) => ({ c, q: q[i] as number })).filter((s) => s.q <= fdr);
  // Bounds of selected cells at 1 − fdr·R/m cover their lifts on average over the selection
  // (Benjamini & Yekutieli 2005, false coverage rate).
  const alpha = cells.length > 0 ? (fdr * Math.max(1, survivors.length)) / cells.length : fdr;
  const findings = survivors.map(({ c, q: qValue }) => finding(c, qValue, alpha, measure, s));
  findings.sort(
    (a, b) =>
      (b.liftLower ?? 0) - (a.liftLower ?? 0) || a.pValue - b.pValue || a.sentence.localeCompare(b.sentence),
  );
  if (cells.length === 0) {
    warnings.push({
      code: 'SCAN_NOTHING_SCORED',
      message: `no group in the data scanned (window, dimensions) reaches an effective size of ${minSize}: nothing was tested`,
    });
  } else if (findings.length === 0) {
    warnings.push({
      code: 'SCAN_NO_FINDINGS',
      message: `none of the ${cells.length} cells scored is a concentration at a false discovery rate of ${fdr}: the differences seen are what chance alone gives`,
    });
  }
  return {
    measure,
    findings: findings.slice(0, limit),
    cellsScored: cells.length,
    cellsCredible: findings.length,
    method: method(s),
    warnings,
    parameters: {
      periods: [...new Set(periods)],
      dimensions: [...chosen],
      top,
      minSize,
      fdr,
      rows: lines ? 'order lines' : 'orders',
      timeZone: tz,
    },
  };
}

async function hasOrderLines(db: Warehouse): Promise<boolean> {
  const [row] = await db.all<{ x: boolean }>('SELECT EXISTS (SELECT 1 FROM order_items) AS x');
  return row?.x === true;
}

/** Every cell of one period kind, each tested against its references. */
function scoreKind(groups: ScanGroups, kind: PeriodKind, minSize: number): Cell[] {
  const whole = groups.get(groupKey({}));
  if (!whole || !(whole.total > 0)) return [];
  const calendar = [...whole.byPeriod.keys()].sort((a, b) => a - b);
  const cells: Cell[] = [];
  for (const group of groups.values()) {
    if (Object.keys(group.dims).length === 0 || group.size < minSize || !(group.total > 0)) continue;
    if (Object.values(group.dims).some((v) => v === SCAN_OTHER || v === SCAN_NONE)) continue;
    const refs = references(group, groups, whole);
    if (!refs) continue;
    // Empty cells are scored too: they are tests like any other, and leaving them out would hide how
    // many chances the scan had.
    for (const p of calendar) {
      const comparisons: Comparison[] = [];
      for (const ref of refs) {
        const c = compare(group, ref, p);
        if (c) comparisons.push(c);
      }
      if (comparisons.length < refs.length) continue;
      cells.push({
        group,
        kind,
        p,
        inCell: Math.max(0, group.byPeriod.get(p) ?? 0),
        pValue: Math.max(...comparisons.map((c) => c.pValue)),
        comparisons,
      });
    }
  }
  return cells;
}

/**
 * What a group is tested against. A single dimension (or a segment): the rest of the data. A customer
 * dimension × a product dimension: the customer group's other products, and the product outside the
 * customer group — so that NY's December and product A's December do not each make NY × A a finding.
 */
function references(group: ScanGroup, groups: ScanGroups, whole: ScanGroup): Reference[] | null {
  const names = Object.keys(group.dims);
  if (names.length === 1) return [{ parent: whole, against: { dims: group.dims, kept: null } }];
  const refs: Reference[] = [];
  for (const kept of names) {
    const parent = groups.get(groupKey({ [kept]: group.dims[kept] as string }));
    if (!parent || !(parent.total > 0)) return null;
    refs.push({ parent, against: { dims: group.dims, kept } });
  }
  return refs;
}

/** The cell against the rest of one parent in period p, in effective units (the parent's design effect). */
function compare(group: ScanGroup, ref: Reference, p: number) {
  const { parent } = ref;
  const restTotal = parent.total - group.total;
  if (!(restTotal > 0) || !(group.size > 0) || !(parent.size > 0)) return null;
  const inCell = Math.max(0, group.byPeriod.get(p) ?? 0);
  const inRest = Math.max(0, (parent.byPeriod.get(p) ?? 0) - inCell);
  // Units of the measure per effective unit: 1 for customers, more where orders cluster or revenue is lumpy.
  const own = group.total / group.size;
  const theirs = parent.total / parent.size;
  const x1 = inCell / own;
  const n1 = group.size;
  const x2 = inRest / theirs;
  const n2 = restTotal / theirs;
  const test = rateTest(x1, n1, x2, n2);
  if (!test) return null;
  return {
    against: ref.against,
    share: inRest / restTotal,
    lift: test.lift,
    pValue: test.pValue,
    z: test.z,
    x1,
    n1,
    x2,
    n2,
  };
}

function finding(c: Cell, qValue: number, alpha: number, measure: Measure, s: Speaker): Finding {
  const words = (x: { against: Reference['against'] }) => referenceWords(x.against.dims, x.against.kept, s);
  const { group, kind, p, inCell } = c;
  const binding = c.comparisons.reduce((a, b) => (b.pValue > a.pValue ? b : a));
  const lower = Math.min(...c.comparisons.map((x) => rateRatioLower(x.x1, x.n1, x.x2, x.n2, alpha)));
  const share = inCell / group.total;
  const sig = (x: number) => (x < 1e-300 ? 0 : Number(x.toPrecision(3)));
  return {
    dimensions: { ...group.dims },
    period: { [kind]: p },
    value: round(inCell, 2) ?? 0,
    groupTotal: round(group.total, 2) ?? 0,
    size: round(group.size, 1) ?? 0,
    share: round(share),
    expectedShare: round(binding.share),
    lift: round(binding.lift, 4),
    liftLower: round(lower, 4),
    z: round(binding.z, 3),
    pValue: sig(c.pValue),
    qValue: sig(qValue),
    comparisons: c.comparisons.map((x) => ({
      against: words(x),
      share: round(x.share),
      lift: round(x.lift, 4),
      pValue: sig(x.pValue),
    })),
    sentence: findingSentence(
      {
        dims: group.dims,
        kind,
        p,
        measure,
        share,
        total: group.total,
        against: c.comparisons.map((x) => ({ words: words(x), share: x.share })),
        liftLower: lower,
        qValue,
      },
      s,
    ),
  };
}
