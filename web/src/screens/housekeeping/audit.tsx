import type { AuditHistory, AuditResult } from '@contracts/housekeeping';
import { useMemo, useState } from 'react';
import { api, qs } from '../../api';
import { Chart, type ChartOption, PALETTE } from '../../chart';
import { label, plain } from '../../format';
import { type MessageKey, t, tn } from '../../i18n';
import { Card, ErrorBox, Fold, fmt, Kpi, Loaded, Table, useLoad, usePaged, usePhone } from '../../ui';
import { groupFindings } from './audit-groups';

const EMAIL_CHECKS = [
  'valid',
  'invalidSyntax',
  'disposable',
  'roleBased',
  'typoDomain',
  'bounced',
  'complained',
] as const;
const SHELF_LIVES = [6, 12, 18, 24] as const;

// A file's name without its folders: the path says where it was on the importer's disk, not what it is.
const fileName = (file: string) => file.split(/[\\/]/).pop() ?? file;

/**
 * The data-quality audit, answering "what is wrong with my data?" briefly: the counts, then the findings in
 * folded groups (one line each, open one to read its findings and their fixes), the people not confirmed
 * lately a page at a time, and the reference figures (contact checks, quality over time: open on a wide
 * screen, folded on a phone; fields by source, a few at a time). Every finding and row is a click away.
 */
export function AuditTab() {
  const [months, setMonths] = useState<number>(18);
  const audit = useLoad(`audit:${months}`, () =>
    api<AuditResult>(`/v1/housekeeping/audit${qs({ staleAfter: `${months}m` })}`),
  );
  const phone = usePhone();
  return (
    <Loaded load={audit} empty={(a) => a.sources.length === 0} emptyText={t('hk.audit.empty')}>
      {(a) => (
        <div data-testid="audit">
          <div className="kpis audit-kpis">
            <Kpi label={t('hk.audit.sources')} value={fmt.int(a.sources.length)} />
            <Kpi label={t('hk.audit.issues')} value={fmt.int(a.issues.length)} testId="audit-issues" />
            <Kpi label={t('hk.audit.validEmails')} value={fmt.int(a.contacts.emails.valid)} />
            <Kpi label={t('hk.audit.invalidPhones')} value={fmt.int(a.contacts.phones.invalid)} />
          </div>
          <Findings issues={a.issues} />
          <Stale staleness={a.staleness} months={months} setMonths={setMonths} />
          <div className="grid two">
            <Fold title={t('hk.audit.contacts')} open={!phone} testId="audit-contacts-fold">
              <Contacts contacts={a.contacts} />
            </Fold>
            <Fold title={t('hk.audit.history')} open={!phone} testId="audit-history-fold">
              <History />
            </Fold>
          </div>
          <Sources sources={a.sources} />
        </div>
      )}
    </Loaded>
  );
}

/** The findings: how many, in which groups, each group folded to one line until opened. */
function Findings(props: { issues: AuditResult['issues'] }) {
  const groups = groupFindings(props.issues);
  return (
    <Card title={t('hk.audit.issuesTitle')}>
      {groups.length ? (
        <>
          <p data-testid="audit-summary">
            {t('hk.audit.findingsSummary', {
              findings: tn('hk.audit.findings', props.issues.length),
              groups: tn('hk.audit.groups', groups.length),
            })}
          </p>
          <div data-testid="audit-issue-list">
            {groups.map((g) => (
              <details key={g.group} className="finding-group" data-testid={`audit-group-${g.group}`}>
                <summary>
                  <strong>{t(`hk.audit.group.${g.group}`)}</strong>{' '}
                  <span className="muted">{tn('hk.audit.findings', g.issues.length)}</span>
                  <span className="muted small finding-why">{t(`hk.audit.group.${g.group}.what`)}</span>
                </summary>
                <Table
                  stack
                  testId={`audit-issues-${g.group}`}
                  head={[t('hk.audit.issue'), t('hk.audit.times'), t('hk.audit.fix')]}
                  numeric={[1]}
                  prose={[0, 2]}
                  rows={g.issues.map((i) => [
                    // The sentence names the file; its full path as imported is at hand on hover.
                    <span key="m" title={i.source}>
                      {plain(i.message)}
                    </span>,
                    // The count says what it counts: rows of the sources, distinct addresses, people …
                    tn(`hk.audit.counts.${i.counts}`, i.count),
                    plain(i.fix),
                  ])}
                />
              </details>
            ))}
          </div>
        </>
      ) : (
        <p className="muted" data-testid="audit-summary">
          {t('hk.audit.noIssues')}
        </p>
      )}
    </Card>
  );
}

/** Completeness and validity of each field by source: a few sources, the rest a click away. */
function Sources(props: { sources: AuditResult['sources'] }) {
  const paged = usePaged(props.sources, 5, 10, 'audit-sources-more', 'hk.audit.sourcesLeft');
  return (
    <Card title={t('hk.audit.fields')}>
      <p className="muted small">{t('hk.audit.fieldsWhat')}</p>
      <div data-testid="audit-sources">
        {paged.rows.map((s) => {
          const invalid = s.fields.reduce((n, f) => n + f.invalid, 0);
          return (
            <details key={`${s.kind}:${s.file}:${s.importedAt}`} className="source-audit">
              <summary>
                <strong>
                  {label(s.kind)}: {fileName(s.file)}
                </strong>{' '}
                <span className="muted small">
                  {t('hk.audit.sourceHead', {
                    rows: fmt.int(s.rows),
                    invalid: fmt.int(invalid),
                    when: fmt.when(s.importedAt),
                  })}
                </span>
              </summary>
              <p className="muted small">
                {s.owner
                  ? t('hk.audit.owner', { owner: s.owner })
                  : t('hk.audit.noOwner', { file: fileName(s.file) })}
              </p>
              <Table
                stack
                head={[
                  t('hk.audit.field'),
                  t('hk.audit.filled'),
                  t('hk.audit.valid'),
                  t('hk.audit.invalid'),
                  t('hk.audit.distinct'),
                  t('hk.audit.examples'),
                ]}
                numeric={[1, 2, 3, 4]}
                rows={s.fields.map((f) => [
                  label(f.field),
                  s.rows ? `${fmt.int(f.filled)} (${fmt.pct(f.filled / s.rows, 0)})` : fmt.int(f.filled),
                  fmt.int(f.valid),
                  f.invalid ? (
                    <strong key="bad" className="bad">
                      {fmt.int(f.invalid)}
                    </strong>
                  ) : (
                    fmt.int(0)
                  ),
                  fmt.int(f.distinct),
                  <span className="raw" key="x">
                    {f.examples.join(' · ')}
                  </span>,
                ])}
              />
            </details>
          );
        })}
      </div>
      {paged.more}
    </Card>
  );
}

function Contacts(props: { contacts: AuditResult['contacts'] }) {
  const e = props.contacts.emails;
  const total =
    e.valid + e.invalidSyntax + e.disposable + e.roleBased + e.typoDomain + e.bounced + e.complained;
  const phones = props.contacts.phones;
  return (
    <>
      <p className="muted small">{t('hk.audit.contactsWhat')}</p>
      <Table
        testId="audit-contacts"
        head={[t('hk.audit.check'), t('hk.audit.count'), t('hk.audit.share')]}
        numeric={[1, 2]}
        rows={[
          ...EMAIL_CHECKS.map((k) => [
            t(`hk.email.${k}` as MessageKey),
            fmt.int(e[k]),
            total ? fmt.pct(e[k] / total) : fmt.pct(null),
          ]),
          ...(['valid', 'invalid'] as const).map((k) => [
            t(`hk.phone.${k}`),
            fmt.int(phones[k]),
            phones.valid + phones.invalid
              ? fmt.pct(phones[k] / (phones.valid + phones.invalid))
              : fmt.pct(null),
          ]),
        ]}
      />
    </>
  );
}

function History() {
  const history = useLoad('audit-history', () => api<AuditHistory>('/v1/housekeeping/audit/history'));
  const [recording, setRecording] = useState<{ busy: boolean; error?: Error }>({ busy: false });
  const record = async () => {
    setRecording({ busy: true });
    try {
      await api('/v1/housekeeping/audit/runs', { method: 'POST' });
      setRecording({ busy: false });
      history.reload();
    } catch (error) {
      setRecording({ busy: false, error: error as Error });
    }
  };
  return (
    <>
      <p>
        <button type="button" onClick={record} disabled={recording.busy} data-testid="audit-record">
          {recording.busy ? t('hk.audit.recording') : t('hk.audit.record')}
        </button>
      </p>
      {recording.error && <ErrorBox error={recording.error} />}
      <Loaded load={history} empty={(h) => h.runs === 0} emptyText={t('hk.audit.historyEmpty')}>
        {(h) => <HistoryChart history={h} />}
      </Loaded>
    </>
  );
}

function HistoryChart(props: { history: AuditHistory }) {
  const option = useMemo<ChartOption>(() => {
    const times = [...new Set(props.history.points.map((p) => p.auditedAt))];
    const sources = [...new Set(props.history.points.map((p) => p.source))];
    const series = sources.flatMap((source, i) => {
      const of = (k: 'completeness' | 'validity') =>
        times.map(
          (at) => props.history.points.find((p) => p.source === source && p.auditedAt === at)?.[k] ?? null,
        );
      const color = PALETTE[i % PALETTE.length];
      return [
        {
          type: 'line',
          name: t('hk.audit.completeness', { source: fileName(source) }),
          data: of('completeness'),
          color,
          connectNulls: true,
        },
        {
          type: 'line',
          name: t('hk.audit.validity', { source: fileName(source) }),
          data: of('validity'),
          color,
          lineStyle: { type: 'dashed' },
          connectNulls: true,
        },
      ];
    });
    return {
      grid: { left: 8, right: 16, top: 16, bottom: 64, containLabel: true },
      legend: { bottom: 0, type: 'scroll' },
      tooltip: {
        trigger: 'axis',
        renderMode: 'richText',
        confine: true,
        valueFormatter: (v: number) => fmt.pct(v),
      },
      xAxis: { type: 'category', data: times.map((x) => fmt.when(x)), axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => fmt.pct(v, 0) } },
      series,
    };
  }, [props.history]);
  return (
    <>
      <p className="muted small">{t('hk.audit.historyWhat')}</p>
      <Chart option={option} label={t('hk.audit.history')} testId="audit-history" height={300} />
    </>
  );
}

function Stale(props: {
  staleness: AuditResult['staleness'];
  months: number;
  setMonths: (m: number) => void;
}) {
  const s = props.staleness;
  const paged = usePaged(s.contacts, 5, 10, 'audit-stale-more', 'hk.audit.staleLeft');
  return (
    <Card
      title={t('hk.audit.stale')}
      actions={
        <label className="inline hk-pick">
          {t('hk.audit.staleAfter')}{' '}
          <select value={props.months} onChange={(e) => props.setMonths(Number(e.target.value))}>
            {SHELF_LIVES.map((m) => (
              <option key={m} value={m}>
                {tn('hk.audit.months', m)}
              </option>
            ))}
          </select>
        </label>
      }
    >
      <p data-testid="audit-stale">
        {t('hk.audit.staleSummary', {
          stale: fmt.int(s.stale),
          profiles: fmt.int(s.profiles),
          cutoff: fmt.day(s.cutoff?.slice(0, 10)),
        })}{' '}
        {s.oldestConfirmedAt &&
          t('hk.audit.confirmedRange', {
            oldest: fmt.day(s.oldestConfirmedAt.slice(0, 10)),
            newest: fmt.day(s.newestConfirmedAt?.slice(0, 10)),
          })}
      </p>
      {s.contacts.length > 0 && (
        <Table
          stack
          testId="audit-stale-contacts"
          head={[t('hk.audit.customer'), t('hk.audit.email'), t('hk.audit.lastConfirmed')]}
          rows={paged.rows.map((c) => [
            c.customerId ?? `#${c.profileId}`,
            c.email ?? '–',
            c.lastConfirmedAt ? fmt.day(c.lastConfirmedAt.slice(0, 10)) : t('hk.audit.never'),
          ])}
        />
      )}
      {paged.more}
    </Card>
  );
}
