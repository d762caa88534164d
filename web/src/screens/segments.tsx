import type { SegmentComparison, SegmentProfile } from '@contracts/personas';
import { type ReactNode, useMemo, useState } from 'react';
import { api, qs } from '../api';
import { barsOption, Chart, type ChartOption } from '../chart';
import { label } from '../format';
import { t } from '../i18n';
import { Link, navigate } from '../router';
import { LINE_POINTS, segmentRuleWords, segmentTitle, sizesSentence } from '../segment-words';
import type { Overview, SegmentSummary } from '../types';
import {
  Card,
  Empty,
  ErrorBox,
  fmt,
  Kpi,
  Loaded,
  Spinner,
  show,
  Table,
  useLoad,
  usePaged,
  usePhone,
} from '../ui';
import { ComparisonWords, SegmentPortrait } from './segment-portrait';

// The orders the members route knows (src/segments/member-sort.ts).
const MEMBER_SORTS = ['revenue', 'orders', 'entered'] as const;

function kindWord(kind: string): string {
  return kind === 'rule'
    ? t('segments.kindRule')
    : kind === 'cluster'
      ? t('segments.kindCluster')
      : kind === 'stage'
        ? t('segments.kindStage')
        : kind === 'list'
          ? t('segments.kindList')
          : label(kind);
}

function sizesOption(sizes: { at: string; size: number }[], compact: boolean): ChartOption {
  return {
    grid: compact
      ? { left: 0, right: 0, top: 4, bottom: 4 }
      : { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', show: !compact, data: sizes.map((s) => fmt.when(s.at)) },
    yAxis: { type: 'value', show: !compact, scale: true },
    tooltip: { trigger: 'axis', renderMode: 'richText', confine: true },
    series: [
      {
        type: 'line',
        name: t('segments.members'),
        data: sizes.map((s) => s.size),
        showSymbol: !compact,
        areaStyle: {},
      },
    ],
  };
}

/** A heavier analysis, fetched only when asked for, drawn by `render` in figures and sentences. */
function OnDemand<T>(props: {
  title: string;
  what: string;
  path: string;
  testId?: string;
  render: (answer: T) => ReactNode;
}) {
  const [asked, setAsked] = useState(false);
  const load = useLoad(asked ? props.path : null, () => api<T>(props.path));
  return (
    <Card
      title={props.title}
      actions={
        !asked && (
          <button type="button" onClick={() => setAsked(true)}>
            {t('segments.analyse')}
          </button>
        )
      }
    >
      {asked ? <Loaded load={load}>{(d) => props.render(d)}</Loaded> : <p className="muted">{props.what}</p>}
    </Card>
  );
}

function Sparkline(props: { sizes: { at: string; size: number }[] }) {
  const option = useMemo(() => sizesOption(props.sizes, true), [props.sizes]);
  if (props.sizes.length < 2)
    return <span className="muted small">{props.sizes.length ? t('common.oneRefresh') : '–'}</span>;
  return <Chart option={option} height={32} label={t('segments.sizeOverTime')} />;
}

/** Saved segments with their sizes over time; pick two to compare. */
export function SegmentsScreen() {
  const load = useLoad('segments', () => api<SegmentSummary[]>('/v1/segments'));
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  return (
    <div className="screen">
      <div className="screen-head">
        <h1>{t('nav.segments')}</h1>
        <Link to="/segments/new" className="button primary">
          {t('segments.new')}
        </Link>
      </div>
      <Loaded
        load={load}
        empty={(d) => d.length === 0}
        emptyText={
          <>
            {t('segments.none')} <Link to="/segments/new">{t('segments.buildFirst')}</Link>
          </>
        }
      >
        {(list) => (
          <>
            <Table
              testId="segment-list"
              stack
              head={[
                t('overview.segment'),
                t('segments.members'),
                t('segments.sizeOverTime'),
                t('segments.kind'),
                t('segments.refreshed'),
              ]}
              numeric={[1]}
              rows={list.map((s) => [
                <Link key="n" to={`/segments/${encodeURIComponent(s.name)}`}>
                  {segmentTitle(s.name)}
                </Link>,
                fmt.int(s.count),
                <div key="s" className="spark">
                  <Sparkline sizes={s.sizes ?? []} />
                </div>,
                kindWord(s.kind),
                fmt.when(s.refreshedAt),
              ])}
            />
            <Card title={t('segments.compareTwo')}>
              <form
                className="row"
                onSubmit={(e) => {
                  e.preventDefault();
                  if (a && b) navigate(`/segments/compare${qs({ a, b })}`);
                }}
              >
                <select aria-label={t('segments.first')} value={a} onChange={(e) => setA(e.target.value)}>
                  <option value="">{t('segments.firstPick')}</option>
                  {list.map((s) => (
                    <option key={s.name} value={s.name}>
                      {segmentTitle(s.name)}
                    </option>
                  ))}
                </select>
                <select aria-label={t('segments.second')} value={b} onChange={(e) => setB(e.target.value)}>
                  <option value="">{t('segments.secondPick')}</option>
                  {list.map((s) => (
                    <option key={s.name} value={s.name}>
                      {segmentTitle(s.name)}
                    </option>
                  ))}
                </select>
                <button type="submit" disabled={!a || !b || a === b}>
                  {t('segments.compare')}
                </button>
              </form>
            </Card>
          </>
        )}
      </Loaded>
    </div>
  );
}

interface Members {
  members?: Record<string, unknown>[];
  profiles?: Record<string, unknown>[];
}

function membersOf(answer: Members | Record<string, unknown>[]): Record<string, unknown>[] {
  if (Array.isArray(answer)) return answer;
  return answer.members ?? answer.profiles ?? [];
}

function memberId(m: Record<string, unknown>): string {
  return String(m.profileId ?? m.profile_id ?? m.id ?? '');
}

/** One segment: its rule, size over time, who is in it, and the overview figures of its members. */
export function SegmentScreen(props: { name: string }) {
  const seg = useLoad(props.name, () =>
    api<SegmentSummary>(`/v1/segments/${encodeURIComponent(props.name)}`),
  );
  // The whole segment sorted on the server; the first 25 shown, every member in the export.
  const [sort, setSort] = useState<(typeof MEMBER_SORTS)[number]>('revenue');
  const members = useLoad(`${props.name}|${sort}`, () =>
    api<Members | Record<string, unknown>[]>(
      `/v1/segments/${encodeURIComponent(props.name)}/members${qs({ limit: '25', sort })}`,
    ),
  );
  const overview = useLoad(props.name, () => api<Overview>(`/v1/overview${qs({ segment: props.name })}`));
  return (
    <div className="screen">
      <p className="crumbs">
        <Link to="/segments">{t('nav.segments')}</Link> /
      </p>
      <div className="screen-head">
        <h1>{segmentTitle(props.name)}</h1>
        <Link to={`/?segment=${encodeURIComponent(props.name)}`}>{t('segments.openOverview')}</Link>
      </div>
      <Loaded load={seg}>
        {(s) => (
          <div data-testid="segment">
            <div className="kpis">
              <Kpi label={t('segments.members')} value={fmt.int(s.count)} testId="segment-count" />
              <Kpi label={t('segments.kind')} value={kindWord(s.kind)} />
              <Kpi label={t('segments.refreshed')} value={fmt.when(s.refreshedAt)} />
              {s.atStake && s.atStake.scored > 0 ? (
                <>
                  <Kpi
                    label={t('segments.atStake')}
                    value={fmt.money(s.atStake.revenue)}
                    sub={s.atStake.share === null ? undefined : fmt.pct(s.atStake.share)}
                    testId="segment-at-stake"
                  />
                  <Kpi label={t('segments.atRisk')} value={fmt.int(s.atStake.atRisk)} />
                </>
              ) : (
                <Kpi
                  label={t('segments.atStake')}
                  value="–"
                  sub={t('segments.noChurn')}
                  testId="segment-at-stake"
                />
              )}
            </div>
            {segmentRuleWords(s) && (
              <p className="rule-words" data-testid="segment-rule">
                <span className="muted">{t('segments.who')}</span> {segmentRuleWords(s)}
              </p>
            )}
            {(s.sizes ?? []).length >= LINE_POINTS ? (
              <Card title={t('segments.sizeOverTime')}>
                <Chart option={sizesOption(s.sizes, false)} label={t('segments.sizeOverTime')} height={200} />
              </Card>
            ) : (
              // Two measurements make a slope, not a trend: said as figures.
              (s.sizes ?? []).length > 1 && (
                <Card title={t('segments.sizeOverTime')}>
                  <p data-testid="segment-sizes">{sizesSentence(s.sizes)}</p>
                </Card>
              )
            )}
          </div>
        )}
      </Loaded>
      <Loaded load={overview}>{(o) => <SegmentFigures o={o} />}</Loaded>
      <OnDemand<SegmentProfile>
        title={t('segments.apart')}
        what={t('segments.apartWhat')}
        path={`/v1/segments/${encodeURIComponent(props.name)}/profile`}
        render={(p) => <SegmentPortrait p={p} />}
      />
      <Card title={t('segments.members')}>
        <div className="row">
          <label className="inline">
            {t('segments.sortBy')}{' '}
            <select
              value={sort}
              onChange={(e) => setSort(e.target.value as (typeof MEMBER_SORTS)[number])}
              data-testid="member-sort"
            >
              {MEMBER_SORTS.map((k) => (
                <option key={k} value={k}>
                  {t(`segments.sort.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <a
            href={`/v1/segments/${encodeURIComponent(props.name)}/export${qs({ format: 'csv' })}`}
            download={`${props.name}.csv`}
            data-testid="segment-export"
          >
            {t('segments.export')}
          </a>
        </div>
        <Loaded load={members} empty={(m) => membersOf(m).length === 0} emptyText={t('segments.noMembers')}>
          {(m) => <MemberTable rows={membersOf(m)} />}
        </Loaded>
      </Card>
    </div>
  );
}

/** The members, a page at a time on a phone (five cards, then ten more a click), all of them on a wide screen. */
function MemberTable(props: { rows: readonly Record<string, unknown>[] }) {
  const phone = usePhone();
  // The page is kept as the list was first drawn (usePaged's first count is its initial state): a wide screen
  // shows every row whatever that was (a phone widened, a smaller segment shown before on this screen).
  const paged = usePaged(props.rows, 5, 10, 'members-more', 'segments.membersLeft');
  const rows = phone ? paged.rows : props.rows;
  return (
    <>
      <Table
        testId="members"
        stack
        head={[
          t('profiles.name'),
          t('feature.email'),
          t('feature.country'),
          t('feature.orders'),
          t('profiles.revenue'),
          t('segments.entered'),
        ]}
        numeric={[3, 4]}
        rows={rows.map((r) => {
          const full = [r.firstName, r.lastName].filter(Boolean).join(' ');
          return [
            <Link key="n" to={`/profiles/${memberId(r)}`}>
              {full || show(r.email) || t('profiles.unnamed')}
            </Link>,
            show(r.email),
            show(r.country),
            fmt.int(r.orders as number),
            fmt.money(r.revenue as number),
            fmt.day(r.enteredAt as string),
          ];
        })}
      />
      {phone && paged.more}
    </>
  );
}

function SegmentFigures(props: { o: Overview }) {
  const { o } = props;
  const countries = useMemo(
    () =>
      barsOption(
        o.countries.map((c) => ({ key: c.key, value: c.customers })),
        t('mining.measure.customers'),
      ),
    [o],
  );
  const channels = useMemo(
    () =>
      barsOption(
        o.channels.map((c) => ({ key: label(c.key), value: c.customers })),
        t('mining.measure.customers'),
      ),
    [o],
  );
  return (
    <div className="grid two">
      <Card title={t('nav.value')}>
        <div className="kpis small">
          <Kpi label={t('segments.members')} value={fmt.int(o.totals.profiles)} testId="segment-members" />
          <Kpi
            label={t('segments.customers')}
            value={fmt.int(o.totals.customers)}
            testId="segment-customers"
          />
          <Kpi label={t('segments.active')} value={fmt.int(o.totals.active)} />
          <Kpi label={t('segments.revenue')} value={fmt.money(o.totals.revenue)} testId="segment-revenue" />
          <Kpi
            label={t('segments.perCustomer')}
            value={fmt.money(o.totals.customers ? o.totals.lifetimeRevenue / o.totals.customers : null)}
          />
        </div>
      </Card>
      <Card title={t('overview.geo')}>
        <Chart option={countries} label={t('overview.geo')} />
      </Card>
      <Card title={t('overview.channels')}>
        <Chart option={channels} label={t('overview.channels')} />
      </Card>
    </div>
  );
}

/** Two segments side by side: the same figures for each, from the overview endpoint. */
export function CompareScreen(props: { a: string; b: string }) {
  const a = useLoad(`a|${props.a}`, () => api<Overview>(`/v1/overview${qs({ segment: props.a })}`));
  const b = useLoad(`b|${props.b}`, () => api<Overview>(`/v1/overview${qs({ segment: props.b })}`));
  if (!props.a || !props.b) return <Empty>{t('segments.pickTwo')}</Empty>;
  const rows = (x: Overview | undefined, y: Overview | undefined) => {
    if (!x || !y) return [];
    const per = (o: Overview) => (o.totals.customers ? o.totals.lifetimeRevenue / o.totals.customers : null);
    return [
      [t('segments.members'), fmt.int(x.totals.profiles), fmt.int(y.totals.profiles)],
      [t('segments.customers'), fmt.int(x.totals.customers), fmt.int(y.totals.customers)],
      [t('segments.active'), fmt.int(x.totals.active), fmt.int(y.totals.active)],
      [t('segments.revenue'), fmt.money(x.totals.revenue), fmt.money(y.totals.revenue)],
      [t('overview.growth'), fmt.pct(x.totals.growth), fmt.pct(y.totals.growth)],
      [t('segments.perCustomer'), fmt.money(per(x)), fmt.money(per(y))],
      [t('segments.topCountry'), x.countries[0]?.key ?? '–', y.countries[0]?.key ?? '–'],
      [t('segments.topChannel'), label(x.channels[0]?.key ?? '–'), label(y.channels[0]?.key ?? '–')],
      [t('segments.topDevice'), label(x.devices[0]?.key ?? '–'), label(y.devices[0]?.key ?? '–')],
    ];
  };
  const error = a.error ?? b.error;
  return (
    <div className="screen">
      <p className="crumbs">
        <Link to="/segments">{t('nav.segments')}</Link> /
      </p>
      <h1>{t('segments.versus', { a: segmentTitle(props.a), b: segmentTitle(props.b) })}</h1>
      {error ? (
        <ErrorBox error={error} />
      ) : !a.data || !b.data ? (
        <Spinner />
      ) : (
        <>
          <Table
            testId="compare"
            head={['', segmentTitle(props.a), segmentTitle(props.b)]}
            numeric={[1, 2]}
            rows={rows(a.data, b.data)}
          />
          <div className="grid two">
            <CompareBars
              a={a.data}
              b={b.data}
              names={[segmentTitle(props.a), segmentTitle(props.b)]}
              field="countries"
              title={t('overview.geo')}
            />
            <CompareBars
              a={a.data}
              b={b.data}
              names={[segmentTitle(props.a), segmentTitle(props.b)]}
              field="channels"
              title={t('overview.channels')}
            />
          </div>
          <OnDemand<SegmentComparison>
            title={t('segments.distinguish')}
            what={t('segments.distinguishWhat')}
            path={`/v1/segments/compare${qs({ a: props.a, b: props.b })}`}
            render={(c) => <ComparisonWords c={c} names={[segmentTitle(props.a), segmentTitle(props.b)]} />}
          />
        </>
      )}
    </div>
  );
}

function CompareBars(props: {
  a: Overview;
  b: Overview;
  names: [string, string];
  field: 'countries' | 'channels';
  title: string;
}) {
  const option = useMemo<ChartOption>(() => {
    const share = (o: Overview) => {
      const total = o[props.field].reduce((s, r) => s + r.customers, 0) || 1;
      return new Map(o[props.field].map((r) => [r.key, r.customers / total]));
    };
    const sa = share(props.a);
    const sb = share(props.b);
    const keys = [...new Set([...sa.keys(), ...sb.keys()])].slice(0, 10);
    return {
      grid: { left: 104, right: 16, top: 30, bottom: 24 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', renderMode: 'richText', confine: true },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
      yAxis: { type: 'category', data: keys.map(label), axisLabel: { width: 96, overflow: 'truncate' } },
      series: [
        { type: 'bar', name: props.names[0], data: keys.map((k) => sa.get(k) ?? 0) },
        { type: 'bar', name: props.names[1], data: keys.map((k) => sb.get(k) ?? 0) },
      ],
    };
  }, [props]);
  return (
    <Card title={t('segments.shareOf', { title: props.title })}>
      <Chart option={option} label={props.title} height={320} />
    </Card>
  );
}
