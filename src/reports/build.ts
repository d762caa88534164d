import { type Report, type ReportSegment, type ReportTrait, reportPersona } from '../contracts/reports.js';
import { type Locale, saidWarning, speaker } from '../i18n/index.js';
import { generatePersonas, type Persona, profileSegment } from '../portraits/index.js';
import { listSegments } from '../segments/index.js';
import { segmentTitle } from '../segments/words.js';
import type { Warehouse } from '../store/index.js';
import type { Warning } from '../warnings/warning.js';
import { NOTHING_AT_STAKE, revenueAtStake } from './at-stake.js';
import { shopCurrency } from './currency.js';
import { words } from './messages.js';

/** What goes into a report. */
export interface ReportOptions {
  /** Only segments whose names start with this; default every saved segment. */
  readonly segments?: string;
  /** Include each segment's persona (default true). */
  readonly personas?: boolean;
  /** The moment the report states it was made (tests pin it); default now. */
  readonly now?: Date;
  /** The language of its sentences: personas and warnings (default English). */
  readonly locale?: Locale;
}

/** Traits listed per segment: the strongest significant contrasts with everyone else. */
const TOP_TRAITS = 5;
/** Below this many members a segment's figures are read with care. */
const SMALL = 30;

/**
 * The segment-by-segment report (issue 14, "automated reports that display activity segment-by-segment"):
 * per saved segment its size and trend, revenue and revenue at stake, value and churn figures, the traits
 * that set it apart and its persona. Figures come from the same services as the segment and persona screens.
 */
export async function buildReport(db: Warehouse, options: ReportOptions = {}): Promise<Report> {
  const prefix = options.segments ?? '';
  const say = speaker(options.locale ?? 'en');
  const voice = words(say.locale).voice(null);
  const summaries = (await listSegments(db)).filter((s) => s.name.startsWith(prefix));
  const stake = await revenueAtStake(
    db,
    summaries.map((s) => s.name),
  );
  const personas = new Map<string, Persona>();
  if ((options.personas ?? true) && summaries.length) {
    for (const p of await generatePersonas(db, { segments: prefix, locale: say.locale }))
      personas.set(p.segment, p);
  }
  const [count] = await db.all<{ n: number }>('SELECT CAST(count(*) AS INTEGER) AS n FROM profiles');
  const segments: ReportSegment[] = [];
  for (const s of summaries) {
    const p = await profileSegment(db, s.name);
    const sizes = s.sizes.map((x) => ({ at: x.at, size: x.size }));
    const first = sizes[0];
    const atStake = stake.get(s.name) ?? NOTHING_AT_STAKE;
    const warnings: Warning[] = [];
    // The segment by its title, as the report's heading names it.
    const title = segmentTitle(voice, s.name);
    if (p.size < SMALL)
      warnings.push(
        saidWarning('CLT_WARN_REPORT_THIN', say.t('warn.reportSmall', { segment: title, size: p.size })),
      );
    if (!atStake.scored && p.size)
      warnings.push(saidWarning('CLT_WARN_REPORT_THIN', say.t('warn.reportNoChurn', { segment: title })));
    const persona = personas.get(s.name);
    segments.push({
      name: s.name,
      kind: s.kind,
      rule: s.kind === 'rule' ? s.expression : (p.description ?? null),
      size: p.size,
      share: p.share,
      sizes,
      sizeChange: first && sizes.length > 1 ? p.size - first.size : null,
      revenue: p.revenue,
      buyersShare: p.buyers.share,
      clvMean: p.clv?.mean ?? null,
      churnRiskMean: p.churnRisk?.mean ?? null,
      atStake,
      monthlyRevenue: p.trend.monthlyRevenue.map((m) => ({ month: m.month, revenue: m.revenue })),
      traits: p.distinguishing.features.slice(0, TOP_TRAITS).map(
        (f): ReportTrait => ({
          feature: f.feature,
          value: f.value,
          here: f.a,
          rest: f.b,
          lift: f.lift,
          kind: f.test === 'Welch t' ? 'mean' : 'share',
        }),
      ),
      persona: persona ? reportPersona(persona) : null,
      warnings,
    });
  }
  return {
    generatedAt: (options.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    currency: await shopCurrency(db),
    profiles: count?.n ?? 0,
    segments,
  };
}
