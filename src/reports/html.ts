import type { Report, ReportLang, ReportPersona, ReportSegment, ReportTrait } from '../contracts/reports.js';
import {
  LINE_POINTS,
  ownWarning,
  ruleWords,
  segmentRuleWords,
  segmentTitle,
  sizesSentence,
  type Voice,
} from '../segments/words.js';
import { escapeXml } from '../text/markup.js';
import { monthBars, revenueBars, sizeLine } from './charts.js';
import { type Words, words } from './messages.js';

/** How a report is drawn. */
export interface HtmlOptions {
  readonly lang?: ReportLang;
}

/** Months of revenue drawn per segment. */
const MONTHS = 12;
const DASH = '–';

/** The numbers and dates of a report in one language and the shop's currency. */
export interface Formats {
  int(n: number | null): string;
  money(n: number | null): string;
  pct(n: number | null): string;
  num(n: number | null): string;
  day(iso: string): string;
  month(iso: string): string;
}

/** Formatters for `locale` with money in `currency` (the web app's rules: whole units from 1,000 up). */
export function formats(locale: string, currency: string): Formats {
  const ok = (n: number | null): n is number => typeof n === 'number' && Number.isFinite(n);
  const int = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const cents = new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 2 });
  const whole = new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 });
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const num = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const month = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const date = (s: string) => new Date(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s);
  return {
    int: (n) => (ok(n) ? int.format(n) : DASH),
    money: (n) => (ok(n) ? (Math.abs(n) >= 1000 ? whole : cents).format(n) : DASH),
    pct: (n) => (ok(n) ? pct.format(n) : DASH),
    num: (n) => (ok(n) ? num.format(n) : DASH),
    day: (s) => day.format(date(s)),
    month: (s) => month.format(date(s)),
  };
}

const e = escapeXml;

/**
 * The report as one self-contained HTML page: inline CSS, charts as inline SVG drawn on the server, the
 * persona's face as an inline image; no scripts and no outside resources, so it opens anywhere and prints
 * to PDF as it looks.
 */
export function reportHtml(report: Report, options: HtmlOptions = {}): string {
  const w = words(options.lang ?? 'en');
  const f = formats(w.locale, report.currency);
  const compact = new Intl.NumberFormat(w.locale, {
    style: 'currency',
    currency: report.currency,
    notation: 'compact',
    maximumSignificantDigits: 3,
  });
  // Segments by their titles and rules in words, as the web app shows them (src/segments/words.ts).
  const v = w.voice({ int: f.int, num: f.num, pct: f.pct, money: f.money, day: f.day });
  const overview = report.segments.length
    ? `<section class="overview"><h2>${e(w.t('overview'))}</h2>
<figure class="chart wide">${revenueBars(
        report.segments.map((s) => ({
          name: segmentTitle(v, s.name),
          revenue: s.revenue.total,
          atStake: s.atStake.revenue,
        })),
        { revenue: w.series('revenue'), atStake: w.series('atStake') },
        (n) => compact.format(n),
      )}</figure>
${summaryTable(report.segments, w, f, v)}</section>`
    : `<p class="empty">${e(w.t('noSegments'))}</p>`;
  return `<!doctype html>
<html lang="${w.lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>${e(w.t('title'))}</title>
<style>${CSS}</style></head>
<body><main>
<header class="head"><h1>${e(w.t('title'))}</h1>
<p class="muted">${e(
    w.t('generated', {
      date: f.day(report.generatedAt),
      profiles: f.int(report.profiles),
      currency: report.currency,
    }),
  )}</p>
<p>${e(w.t('intro'))}</p></header>
${overview}
${report.segments.map((s) => segmentSection(s, w, f, v, (n) => compact.format(n))).join('\n')}
</main></body></html>
`;
}

function summaryTable(segments: readonly ReportSegment[], w: Words, f: Formats, v: Voice): string {
  const rows = segments
    .map(
      (s) =>
        `<tr><th scope="row">${e(segmentTitle(v, s.name))}</th><td>${f.int(s.size)}</td><td>${f.money(s.revenue.total)}</td><td>${
          s.atStake.scored ? f.money(s.atStake.revenue) : DASH
        }</td><td>${f.money(s.clvMean)}</td><td>${f.pct(s.churnRiskMean)}</td></tr>`,
    )
    .join('');
  return `<div class="scroll"><table class="summary"><thead><tr><th>${e(w.t('segment'))}</th><th>${e(
    w.t('size'),
  )}</th><th>${e(w.t('revenue'))}</th><th>${e(w.t('atStake'))}</th><th>${e(w.t('clv'))}</th><th>${e(
    w.t('churn'),
  )}</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

function kpi(name: string, figure: string, value: string, note = ''): string {
  return `<div class="kpi" data-figure="${figure}"><span class="label">${e(name)}</span><strong>${e(value)}</strong>${
    note ? `<span class="note">${e(note)}</span>` : ''
  }</div>`;
}

/**
 * What a segment holds, in words: a rule as a sentence, a segment Clientele made (a stage, a clustering's
 * group) by what it is; a description that is no rule (a clustering's) as written, never as code.
 */
function ruleLine(s: ReportSegment, w: Words, v: Voice): string {
  if (!s.rule) return '';
  const said =
    s.kind === 'rule'
      ? ruleWords(v, s.rule)
      : segmentRuleWords(v, { name: s.name, kind: s.kind, expression: s.rule });
  return `<p class="rule"><span class="label">${e(w.t('rule'))}</span> ${e(said ?? s.rule)}</p>`;
}

function segmentSection(
  s: ReportSegment,
  w: Words,
  f: Formats,
  v: Voice,
  compact: (n: number) => string,
): string {
  const first = s.sizes[0];
  const change =
    s.sizeChange !== null && first
      ? `${w.t('change', { date: f.day(first.at) })}: ${s.sizeChange > 0 ? '+' : ''}${f.int(s.sizeChange)}`
      : '';
  const stake = s.atStake.scored
    ? kpi(
        w.t('atStake'),
        'at-stake',
        f.money(s.atStake.revenue),
        [
          w.plural('atStakeNote', s.atStake.atRisk),
          s.atStake.clv !== null ? w.t('atStakeClv', { value: f.money(s.atStake.clv) }) : '',
        ]
          .filter(Boolean)
          .join('; '),
      )
    : kpi(w.t('atStake'), 'at-stake', DASH, w.t('noChurn'));
  const months = s.monthlyRevenue.slice(-MONTHS).map((m) => ({ label: f.month(m.month), value: m.revenue }));
  // A line from three measurements up; fewer are said as figures (two points make a slope, not a trend).
  const trend = `<figure class="chart" data-figure="sizes"><figcaption>${e(w.t('sizeTrend'))}</figcaption>${
    s.sizes.length >= LINE_POINTS
      ? sizeLine(
          s.sizes.map((p) => ({ label: f.day(p.at), value: p.size })),
          w.series('size'),
        )
      : `<p class="muted">${e(
          [sizesSentence(v, s.sizes), s.sizes.length < 2 ? w.t('oneMeasurement') : '']
            .filter(Boolean)
            .join(' '),
        )}</p>`
  }</figure>`;
  const monthly = months.length
    ? `<figure class="chart"><figcaption>${e(w.t('monthly'))}</figcaption>${monthBars(
        months,
        w.series('revenue'),
        compact,
      )}</figure>`
    : '';
  return `<section class="segment" data-segment="${e(s.name)}">
<h2>${e(segmentTitle(v, s.name))}</h2>
${ruleLine(s, w, v)}
<div class="kpis">
${kpi(w.t('size'), 'size', f.int(s.size), [w.t('ofAll', { share: f.pct(s.share) }), change].filter(Boolean).join('; '))}
${kpi(w.t('revenue'), 'revenue', f.money(s.revenue.total), w.t('revenueShare', { share: f.pct(s.revenue.share) }))}
${stake}
${kpi(w.t('perMember'), 'per-member', f.money(s.revenue.perMember))}
${kpi(w.t('clv'), 'clv', f.money(s.clvMean))}
${kpi(w.t('churn'), 'churn', f.pct(s.churnRiskMean))}
${kpi(w.t('buyers'), 'buyers', f.pct(s.buyersShare))}
</div>
<div class="charts">${trend}${monthly}</div>
<h3>${e(w.t('traits'))}</h3>
${traitsTable(s.traits, w, f)}
${s.persona ? personaCard(s.persona, s.name, w, f) : ''}
${
  s.warnings.length
    ? `<aside class="careful"><strong>${e(w.t('careful'))}</strong><ul>${s.warnings
        .map((x) => `<li>${e(x.message)}</li>`)
        .join('')}</ul></aside>`
    : ''
}
</section>`;
}

const MONEY_FEATURES = /revenue|clv|value|spend/;

function traitValue(t: ReportTrait, n: number | null, f: Formats): string {
  if (t.kind === 'share') return f.pct(n);
  if (t.feature === 'churn_risk' || /rate$/.test(t.feature)) return f.pct(n);
  return MONEY_FEATURES.test(t.feature) ? f.money(n) : f.num(n);
}

function traitsTable(traits: readonly ReportTrait[], w: Words, f: Formats): string {
  if (!traits.length) return `<p class="muted">${e(w.t('traitsNone'))}</p>`;
  const rows = traits
    .map((t) => {
      const name =
        t.value === null ? w.label(t.feature) : `${w.label(t.feature)}: ${w.value(t.feature, t.value)}`;
      return `<tr><th scope="row">${e(name)}</th><td>${e(traitValue(t, t.here, f))}</td><td>${e(
        traitValue(t, t.rest, f),
      )}</td><td>${t.lift === null ? DASH : `${e(f.num(t.lift))}×`}</td></tr>`;
    })
    .join('');
  return `<div class="scroll"><table class="traits"><thead><tr><th>${e(w.t('trait'))}</th><th>${e(
    w.t('here'),
  )}</th><th>${e(w.t('rest'))}</th><th>${e(w.t('lift'))}</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

/** Persona sentences carry bare figures ("520 revenue", "mean CLV 202"): money in the shop's currency. */
function plain(text: string, f: Formats): string {
  return text
    .replace(
      /\b(\d[\d,]*(?:\.\d+)?) revenue\b/g,
      (_, n: string) => `${f.money(Number(n.replaceAll(',', '')))} revenue`,
    )
    .replace(
      /\b(worth about|mean CLV) (\d[\d,]*(?:\.\d+)?)(?![\d×%])/g,
      (_, k: string, n: string) => `${k} ${f.money(Number(n.replaceAll(',', '')))}`,
    );
}

function personaCard(p: ReportPersona, segment: string, w: Words, f: Formats): string {
  const avatar = /^data:image\/(svg\+xml|png|jpeg);/.test(p.avatar)
    ? `<img alt="" src="${e(p.avatar)}">`
    : '';
  const actions = p.actions.length
    ? `<h4>${e(w.t('action'))}</h4><ul>${p.actions
        .map(
          (a) =>
            `<li><strong>${e(plain(a.action, f))}</strong><br><span class="muted">${e(plain(a.evidence, f))}</span></li>`,
        )
        .join('')}</ul>`
    : '';
  return `<article class="persona" data-persona="${e(p.name)}">
<header>${avatar}<div><span class="label">${e(w.t('persona'))}</span><h3>${e(p.name)}</h3>
<p class="muted">${e(w.t('stage'))}: ${e(w.stage(p.stage))} · ${e(w.t('channel'))}: ${e(p.preferredChannel)}</p></div></header>
<p>${e(plain(p.summary, f))}</p>
${actions}
${
  p.warnings.length
    ? `<p class="muted">${e(w.t('careful'))}: ${e(p.warnings.map((x) => ownWarning(segment, x)).join(' '))}</p>`
    : ''
}
</article>`;
}

const CSS = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2937;background:#fff;line-height:1.45}
main{max-width:980px;margin:0 auto;padding:24px 16px}
h1{font-size:1.8rem;margin:0 0 4px}h2{font-size:1.35rem;margin:0 0 8px}h3{font-size:1.05rem;margin:18px 0 6px}h4{margin:10px 0 4px;font-size:.95rem}
.muted,.note,.label{color:#6b7280}.label{font-size:.78rem;text-transform:uppercase;letter-spacing:.05em}
.note{display:block;font-size:.8rem}
section{margin:28px 0;padding-top:12px;border-top:2px solid #e5e7eb}
.rule{overflow-wrap:anywhere}
.kpis{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:10px;margin:10px 0}
.kpi{border:1px solid #e5e7eb;border-radius:8px;padding:10px}.kpi strong{display:block;font-size:1.25rem}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(280px,1fr));gap:12px}
figure{margin:0}figcaption{font-weight:600;font-size:.9rem;margin-bottom:4px}
.chart svg{max-width:100%;height:auto;display:block}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{padding:5px 8px;border-bottom:1px solid #e5e7eb;text-align:right}
th:first-child{text-align:left;font-weight:600}thead th{font-size:.78rem;color:#6b7280;font-weight:600}
.persona{border:1px solid #e5e7eb;border-left:6px solid #3b5bdb;border-radius:10px;padding:12px 14px;margin-top:14px;break-inside:avoid}
.persona header{display:flex;gap:12px;align-items:center}.persona img{width:72px;height:72px;border-radius:50%}
.persona h3{margin:0}.persona ul{padding-left:18px;margin:4px 0}
.careful{background:#fff8e6;border:1px solid #f5d48a;border-radius:8px;padding:8px 12px;margin-top:12px;font-size:.9rem}
.careful ul{margin:4px 0;padding-left:18px}
@media (max-width:480px){main{padding:14px 10px}h1{font-size:1.4rem}.kpis{grid-template-columns:1fr 1fr}}
@media print{main{max-width:none;padding:0}section.segment{break-before:page}.kpi,.chart,table{break-inside:avoid}}
`;
