import type { Persona } from '@contracts/personas';
import { type Report, type ReportSegment, type ReportTrait, reportPersona } from '@contracts/reports';
import { useEffect, useMemo, useState } from 'react';
import { ApiError, api, download } from '../api';
import { Chart, type ChartOption } from '../chart';
import { fmt, label, plain, tierWords, valueWords } from '../format';
import { lang, t, tn } from '../i18n';
import { ownWarning, segmentRuleWords, segmentTitle } from '../segment-words';
import { Card, Empty, ErrorBox, Kpi, Loaded, Table, useLoad } from '../ui';

// The segment-by-segment report (GET /v1/report): the page of what `clientele report --out` writes as a file.

const MONTHS = 12;

function revenueOption(segments: readonly ReportSegment[]): ChartOption {
  const rows = [...segments].reverse();
  return {
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 28, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: { hideOverlap: true, formatter: (v: number) => fmt.compactMoney(v) } },
    yAxis: {
      type: 'category',
      data: rows.map((s) => segmentTitle(s.name)),
      axisLabel: { width: 110, overflow: 'truncate' },
    },
    tooltip: { trigger: 'axis', renderMode: 'richText', confine: true },
    series: [
      { type: 'bar', name: t('report.revenue'), data: rows.map((s) => s.revenue.total), barMaxWidth: 12 },
      {
        type: 'bar',
        name: t('report.atStake'),
        data: rows.map((s) => s.atStake.revenue),
        barMaxWidth: 12,
        itemStyle: { color: '#fa5252' },
      },
    ],
  };
}

function lineOption(points: { label: string; value: number }[], name: string): ChartOption {
  return {
    grid: { left: 8, right: 16, top: 12, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: points.map((p) => p.label), axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', minInterval: 1 },
    tooltip: { trigger: 'axis', renderMode: 'richText', confine: true },
    series: [{ type: 'line', name, data: points.map((p) => p.value), areaStyle: { opacity: 0.12 } }],
  };
}

function monthsOption(points: { label: string; value: number }[]): ChartOption {
  return {
    grid: { left: 8, right: 16, top: 12, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: points.map((p) => p.label), axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt.compactMoney(v) } },
    tooltip: { trigger: 'axis', renderMode: 'richText', confine: true },
    series: [{ type: 'bar', name: t('report.revenue'), data: points.map((p) => p.value), barMaxWidth: 16 }],
  };
}

function traitValue(tr: ReportTrait, n: number | null): string {
  if (tr.kind === 'share' || tr.feature === 'churn_risk' || /rate$/.test(tr.feature)) return fmt.pct(n);
  return /revenue|clv|value|spend/.test(tr.feature) ? fmt.money(n) : fmt.num(n);
}

function traitName(tr: ReportTrait): string {
  if (tr.value === null) return label(tr.feature);
  const value = tr.feature === 'rfm_tier' ? tierWords(tr.value) : tr.value.replaceAll('_', ' ');
  return `${label(tr.feature)}: ${value}`;
}

/**
 * The report as a file in the app's language: the HTML page, and a PDF the server prints with Chromium
 * (a refusal, such as no Chromium on the server, is shown with its code instead of being saved).
 */
function Downloads() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const name = lang() === 'pl' ? 'raport' : 'report';
  const pdf = async () => {
    setBusy(true);
    setError(null);
    try {
      await download(`/v1/report.pdf?lang=${lang()}`, `${name}.pdf`);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'NETWORK', String(e)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="report-downloads">
      <span className="actions">
        <button type="button" className="primary" onClick={pdf} disabled={busy} data-testid="report-pdf">
          {busy ? t('report.pdfBusy') : t('report.pdf')}
        </button>
        <a className="button" href={`/v1/report.html?lang=${lang()}`} download={`${name}.html`}>
          {t('report.html')}
        </a>
      </span>
      {error && <ErrorBox error={error} />}
    </div>
  );
}

/** The report: every saved segment with its figures, charts, traits and persona. */
export function ReportScreen() {
  // The figures first (without personas they take seconds, not minutes at 10,000 customers); the personas
  // come from their own route, which computes them in the background and answers 202 until they are ready.
  const load = useLoad('report', () => api<Report>('/v1/report?personas=false'));
  const personas = useLoad('report|personas', () => api<PersonasAnswer>('/v1/personas?segments='));
  const pending = personas.loading ? undefined : computing(personas.data);
  const { reload } = personas;
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(reload, Math.max(1, pending.retryAfterSeconds) * 1000);
    return () => clearTimeout(timer);
  }, [pending, reload]);
  const cards = new Map(personaList(personas.data).map((p) => [p.segment, reportPersona(p)]));
  const waiting = personas.loading || pending !== undefined;
  return (
    <div className="screen">
      <div className="screen-head">
        <h1>{t('report.title')}</h1>
        <Downloads />
      </div>
      <p className="muted">{t('report.intro')}</p>
      <Loaded load={load}>
        {(r) => (
          <div data-testid="report">
            <p className="muted small">
              {t('report.generated', { date: fmt.day(r.generatedAt), currency: r.currency })}
            </p>
            {r.segments.length === 0 ? (
              <Empty>{t('report.none')}</Empty>
            ) : (
              <>
                <Card title={t('report.overview')}>
                  <Chart
                    option={revenueOption(r.segments)}
                    label={t('report.overview')}
                    height={Math.max(140, 60 + r.segments.length * 36)}
                    testId="report-overview"
                  />
                </Card>
                {waiting && (
                  <p className="muted small" role="status" data-testid="report-personas-computing">
                    {t('report.personasComing')}
                  </p>
                )}
                {r.segments.map((s) => (
                  <SegmentReport key={s.name} s={{ ...s, persona: s.persona ?? cards.get(s.name) ?? null }} />
                ))}
              </>
            )}
          </div>
        )}
      </Loaded>
    </div>
  );
}

/** The 202 answer of GET /v1/personas while the server computes them (docs/personas.md). */
interface Computing {
  code: 'CLT_INFO_PERSONAS_COMPUTING';
  retryAfterSeconds: number;
}
type PersonasAnswer = Persona[] | { personas?: Persona[] } | Computing;

function computing(answer: PersonasAnswer | undefined): Computing | undefined {
  return answer && !Array.isArray(answer) && 'code' in answer && answer.code === 'CLT_INFO_PERSONAS_COMPUTING'
    ? answer
    : undefined;
}

function personaList(answer: PersonasAnswer | undefined): Persona[] {
  if (!answer || computing(answer)) return [];
  if (Array.isArray(answer)) return answer;
  return 'personas' in answer ? (answer.personas ?? []) : [];
}

function SegmentReport(props: { s: ReportSegment }) {
  const { s } = props;
  const sizes = useMemo(
    () =>
      lineOption(
        // Sizes measured more than once a day are told apart by their time.
        s.sizes.map((p, _, all) => ({
          label: new Set(all.map((x) => fmt.day(x.at))).size < all.length ? fmt.when(p.at) : fmt.day(p.at),
          value: p.size,
        })),
        t('report.size'),
      ),
    [s],
  );
  const months = useMemo(
    () =>
      monthsOption(
        s.monthlyRevenue.slice(-MONTHS).map((m) => ({ label: fmt.month(m.month), value: m.revenue })),
      ),
    [s],
  );
  const first = s.sizes[0];
  const rule = segmentRuleWords({ name: s.name, kind: s.kind, expression: s.rule });
  return (
    <Card title={segmentTitle(s.name)} className="report-segment">
      <div data-testid={`report-${s.name}`}>
        {rule && (
          <p className="rule-words" data-testid="report-rule">
            <span className="muted">{t('segments.who')}</span> {rule}
          </p>
        )}
        <div className="kpis">
          <Kpi
            label={t('report.size')}
            value={fmt.int(s.size)}
            sub={[
              t('report.ofAll', { share: fmt.pct(s.share) }),
              s.sizeChange !== null && first
                ? t('report.change', {
                    date: fmt.day(first.at),
                    change: `${s.sizeChange > 0 ? '+' : ''}${fmt.int(s.sizeChange)}`,
                  })
                : '',
            ]
              .filter(Boolean)
              .join(' · ')}
            testId="report-size"
          />
          <Kpi
            label={t('report.revenue')}
            value={fmt.money(s.revenue.total)}
            sub={t('report.revenueShare', { share: fmt.pct(s.revenue.share) })}
            testId="report-revenue"
          />
          <Kpi
            label={t('report.atStake')}
            value={s.atStake.scored ? fmt.money(s.atStake.revenue) : '–'}
            sub={s.atStake.scored ? tn('report.atRisk', s.atStake.atRisk) : t('report.noChurn')}
            testId="report-at-stake"
          />
          <Kpi label={t('report.perMember')} value={fmt.money(s.revenue.perMember)} />
          <Kpi label={t('report.clv')} value={fmt.money(s.clvMean)} testId="report-clv" />
          <Kpi label={t('report.churn')} value={fmt.pct(s.churnRiskMean)} testId="report-churn" />
          <Kpi label={t('report.buyers')} value={fmt.pct(s.buyersShare)} />
        </div>
        <div className="grid two">
          <div>
            <h3>{t('report.sizeTrend')}</h3>
            {s.sizes.length > 1 ? (
              <Chart option={sizes} label={t('report.sizeTrend')} height={180} />
            ) : (
              <p className="muted">{t('report.oneMeasurement')}</p>
            )}
          </div>
          {s.monthlyRevenue.length > 0 && (
            <div>
              <h3>{t('report.monthly')}</h3>
              <Chart option={months} label={t('report.monthly')} height={180} />
            </div>
          )}
        </div>
        <h3>{t('report.traits')}</h3>
        {s.traits.length ? (
          <Table
            stack
            head={[t('report.trait'), t('report.here'), t('report.rest'), t('report.lift')]}
            numeric={[1, 2, 3]}
            rows={s.traits.map((tr) => [
              traitName(tr),
              traitValue(tr, tr.here),
              traitValue(tr, tr.rest),
              fmt.times(tr.lift),
            ])}
          />
        ) : (
          <p className="muted">{t('report.traitsNone')}</p>
        )}
        {s.persona && (
          <div className="report-persona" data-testid="report-persona">
            <div className="report-persona-head">
              {/^data:image\//.test(s.persona.avatar) && (
                <img alt="" src={s.persona.avatar} width={64} height={64} />
              )}
              <div>
                <div className="kpi-label">{t('report.persona')}</div>
                <strong>{s.persona.name}</strong>
                <div className="muted small">
                  {t('report.channel', {
                    channel: valueWords('preferredChannel', s.persona.preferredChannel),
                  })}
                </div>
              </div>
            </div>
            <p>{plain(s.persona.summary)}</p>
            {s.persona.actions.length > 0 && (
              <>
                <h4>{t('report.action')}</h4>
                <ul>
                  {s.persona.actions.map((a) => (
                    <li key={a.action}>
                      <strong>{plain(a.action)}</strong>
                      <br />
                      <span className="muted small">{plain(a.evidence)}</span>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
        {s.warnings.length > 0 && (
          <ul className="warnings">
            {s.warnings.map((w) => (
              <li key={w.message}>{plain(ownWarning(s.name, w.message))}</li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
