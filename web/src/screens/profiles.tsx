import type { ProfileScores } from '@contracts/overview';
import { type FormEvent, useState } from 'react';
import { ApiError, api, qs } from '../api';
import { byKind, label, plain, tierWords, valueWords } from '../format';
import { has, t, tn } from '../i18n';
import { Link, navigate } from '../router';
import { segmentTitle } from '../segment-words';
import type { Profile, ProfileRow } from '../types';
import { Card, fmt, Kpi, Loaded, show, Table, useLoad } from '../ui';
import { ProfileHistory } from './history';
import { ProfileResonance } from './resonance';

interface ProfileList {
  total: number;
  limit: number;
  offset: number;
  profiles: ProfileRow[];
}

const PAGE = 25;

function name(p: { firstName?: string | null; lastName?: string | null; email?: string | null; id: number }) {
  const full = [p.firstName, p.lastName].filter(Boolean).join(' ');
  return full || p.email || t('profiles.unnamed');
}

/** Search by any identifier (email, phone, customer or user id, anonymous id) or a name; the most valuable first. */
export function ProfilesScreen(props: { query: URLSearchParams }) {
  const q = props.query.get('q') ?? '';
  const offset = Number(props.query.get('offset') ?? 0) || 0;
  const [text, setText] = useState(q);
  const list = useLoad(`${q}|${offset}`, () =>
    api<ProfileList>(`/v1/profiles${qs({ q: q || undefined, limit: PAGE, offset })}`),
  );
  // An exact identifier (a phone, an anonymous id) that the text search does not cover.
  const exact = useLoad(q ? `exact|${q}` : null, () =>
    api<Profile>(`/v1/profiles/${encodeURIComponent(q)}?timeline=1`).catch((e: unknown) => {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(`/profiles${qs({ q: text.trim() || undefined })}`);
  };
  return (
    <div className="screen">
      <div className="screen-head">
        <h1>{t('nav.profiles')}</h1>
      </div>
      <form className="search" onSubmit={submit}>
        <input
          type="search"
          name="q"
          aria-label={t('profiles.search')}
          placeholder={t('profiles.placeholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className="primary">
          {t('profiles.searchButton')}
        </button>
      </form>
      {exact.data && (
        <div className="exact" data-testid="exact-match">
          {t('profiles.exact')}{' '}
          <Link to={`/profiles/${exact.data.id}`}>
            {name({ ...exact.data, ...traitsName(exact.data) })}
          </Link>{' '}
        </div>
      )}
      <Loaded
        load={list}
        empty={(d) => d.profiles.length === 0}
        emptyText={q ? t('profiles.noMatch', { q }) : t('profiles.none')}
      >
        {(d) => (
          <>
            <p className="muted small">
              {tn(q ? 'profiles.countMatching' : 'profiles.count', d.total, { q })}
            </p>
            <Table
              testId="profile-results"
              stack
              head={[
                t('profiles.name'),
                t('feature.email'),
                t('feature.country'),
                t('feature.orders'),
                t('profiles.revenue'),
                t('profiles.lastSeen'),
              ]}
              numeric={[3, 4]}
              rows={d.profiles.map((p) => [
                <Link key="n" to={`/profiles/${p.id}`}>
                  {name(p)}
                </Link>,
                p.email ?? '–',
                p.country ?? '–',
                fmt.int(p.orders),
                fmt.money(p.revenue),
                fmt.day(p.lastSeenAt),
              ])}
            />
            <div className="pager">
              <button
                type="button"
                disabled={offset === 0}
                onClick={() =>
                  navigate(`/profiles${qs({ q: q || undefined, offset: Math.max(0, offset - PAGE) })}`)
                }
              >
                {t('common.previous')}
              </button>
              <span className="muted small">
                {t('common.range', {
                  from: fmt.int(offset + 1),
                  to: fmt.int(Math.min(d.total, offset + PAGE)),
                  total: fmt.int(d.total),
                })}
              </span>
              <button
                type="button"
                disabled={offset + PAGE >= d.total}
                onClick={() => navigate(`/profiles${qs({ q: q || undefined, offset: offset + PAGE })}`)}
              >
                {t('common.next')}
              </button>
            </div>
          </>
        )}
      </Loaded>
    </div>
  );
}

function traitsName(p: Profile) {
  return {
    firstName: (p.traits.first_name as string | undefined) ?? null,
    lastName: (p.traits.last_name as string | undefined) ?? null,
    email: p.identities.find((i) => i.type === 'email')?.value ?? null,
  };
}

type ScoresAnswer = ProfileScores;

// Traits arrive under more than one spelling (first_name from the file, firstName from an identify call):
// one line per meaning, the first spelling kept. Identity-like traits are in the identities table already.
const SKIP_TRAITS = new Set(['customer_id', 'email', 'phone', 'linkedin', 'name', 'full_name', 'user_id']);
function uniqueTraits(traits: Record<string, unknown>): [string, unknown][] {
  const seen = new Set<string>();
  const out: [string, unknown][] = [];
  for (const [k, v] of Object.entries(traits)) {
    const snake = k.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
    const norm = snake === 'created_at' ? 'signup_at' : snake;
    if (v === null || v === '' || seen.has(norm) || SKIP_TRAITS.has(norm)) continue;
    seen.add(norm);
    out.push([norm, v]);
  }
  return out;
}

type Score = ScoresAnswer['scores'][number];

// A probability is shown as one, whatever label its model gave it: a churn model labels its score with the
// reasons behind it, which are not the figure (they go in the tooltip).
const isProbability = (s: Score) =>
  s.score === 'churn_risk' || s.score === 'p_alive' || s.score.endsWith('_probability');

/** A score as words: money for CLV, a percentage for probabilities, the tier's name for RFM. */
function scoreValue(s: Score): string {
  if (isProbability(s) && typeof s.value === 'number') return fmt.pct(s.value, 0);
  if (s.label) return s.score === 'rfm_tier' ? tierWords(s.label) : s.label;
  if (s.score === 'clv' || s.score === 'expected_spend') return fmt.money(s.value);
  return byKind(s.score, s.value);
}

// High exactly when the risk counts as "at risk" (the server's rule, src/semantics/churn-risk.ts).
function riskWord(risk: NonNullable<ScoresAnswer['churnRisk']>): string {
  return risk.atRisk
    ? t('profile.riskHigh')
    : risk.value >= 0.2
      ? t('profile.riskMedium')
      : t('profile.riskLow');
}

// The churn model's label holds its reasons ('at risk', 'overdue', src/modeling/churn-alive.ts), in words.
const REASONS: Record<string, () => string> = {
  'at risk': () => t('profile.reasonUnlikelyAlive'),
  // Two gaps: the model's OVERDUE.
  overdue: () => t('profile.reasonOverdue', { n: 2 }),
};
function riskReasons(label: string | null | undefined): string[] {
  return (label ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean)
    .map((r) => REASONS[r]?.() ?? plain(r));
}

/** A next step from the scores: a plain rule of thumb, said as one. */
function nextAction(answer: ScoresAnswer): string | null {
  const scores = answer.scores;
  const risk = answer.churnRisk;
  const clv = scores.find((s) => s.score === 'clv')?.value;
  const tier = scores.find((s) => s.score === 'rfm_tier')?.label;
  if (risk?.atRisk)
    return typeof clv === 'number' && clv > 0
      ? t('profile.actionWinBackValuable')
      : t('profile.actionWinBack');
  if (tier === 'Champions' || tier === 'Loyal') return t('profile.actionReward');
  if (risk && risk.value < 0.2) return t('profile.actionCrossSell');
  return null;
}

/**
 * The scores listed under the header: the headline churn risk and its complement (p_alive) are the header's
 * figure already, so they are not listed again; a second churn figure is named as the second opinion it is.
 */
function listedScores(answer: ScoresAnswer): Score[] {
  const headline = answer.churnRisk?.score;
  return answer.scores.filter(
    (s) => s.score !== headline && !(headline === 'churn_risk' && s.score === 'p_alive'),
  );
}

/** A score's name on the profile: churn figures say which model they come from. */
function scoreName(score: string): string {
  const key = `profile.score.${score}`;
  return has(key) ? t(key) : label(score);
}

/** One person: value and risk up front, identities and why they were joined, traits, scores, the history. */
export function ProfileScreen(props: { id: string }) {
  // The history pages itself (ProfileHistory): the profile call carries only the newest entry.
  const load = useLoad(props.id, () =>
    api<Profile>(`/v1/profiles/${encodeURIComponent(props.id)}?timeline=1`),
  );
  const scores = useLoad(props.id, () =>
    api<ScoresAnswer>(`/v1/profiles/${encodeURIComponent(props.id)}/scores`),
  );
  return (
    <div className="screen">
      <p className="crumbs">
        <Link to="/profiles">{t('nav.profiles')}</Link> /
      </p>
      <Loaded load={load}>
        {(p) => {
          const m = p.metrics;
          const clv = scores.data?.scores.find((s) => s.score === 'clv');
          const risk = scores.data?.churnRisk ?? null;
          const action = scores.data ? nextAction(scores.data) : null;
          return (
            <div data-testid="profile">
              <div className="screen-head">
                <h1>{name({ id: p.id, ...traitsName(p) })}</h1>
              </div>
              <div className="kpis">
                <Kpi label={t('feature.orders')} value={fmt.int(m.orders)} testId="profile-orders" />
                <Kpi label={t('profiles.revenue')} value={fmt.money(m.revenue)} testId="profile-revenue" />
                <Kpi label={t('profile.aov')} value={fmt.money(m.averageOrderValue as number | null)} />
                <Kpi label={t('profile.lastOrder')} value={fmt.day(m.lastOrderAt as string | null)} />
                {clv && <Kpi label={t('profile.clv')} value={fmt.money(clv.value)} testId="profile-clv" />}
                {risk && (
                  <Kpi
                    label={t('feature.churn_risk')}
                    testId="profile-churn"
                    value={
                      <span className={risk.atRisk ? 'risk-high' : 'risk-low'}>{fmt.pct(risk.value, 0)}</span>
                    }
                    sub={[
                      riskWord(risk),
                      ...riskReasons(risk.reasons),
                      t(`profile.churnFrom.${risk.score}`),
                    ].join(' · ')}
                  />
                )}
              </div>
              {action && (
                <p className="action" data-testid="next-action">
                  <strong>{t('profile.next')}</strong> {action}
                </p>
              )}
              <div className="grid two">
                <Card title={t('profile.identities')}>
                  <Table
                    testId="identities"
                    stack
                    head={[t('profile.type'), t('profile.value')]}
                    rows={p.identities.map((i) => [label(i.type), i.value])}
                  />
                  <Explanation id={props.id} />
                </Card>
                <Card title={t('profile.traits')}>
                  <dl className="traits">
                    {uniqueTraits(p.traits).map(([k, v]) => (
                      <div key={k}>
                        <dt>{label(k)}</dt>
                        <dd>{typeof v === 'string' ? show(valueWords(k, v)) : show(v)}</dd>
                      </div>
                    ))}
                  </dl>
                </Card>
                <Card title={t('profile.scores')}>
                  <Loaded load={scores}>
                    {(s) => (
                      <>
                        {listedScores(s).length ? (
                          <dl className="figures" data-testid="scores">
                            {listedScores(s).map((x) => (
                              <div key={x.score}>
                                <dt>{scoreName(x.score)}</dt>
                                <dd>
                                  <span title={isProbability(x) && x.label ? x.label : undefined}>
                                    <Link to={`/models/${x.runId}`}>{scoreValue(x)}</Link>
                                  </span>
                                </dd>
                              </div>
                            ))}
                          </dl>
                        ) : (
                          !s.churnRisk && <p className="muted">{t('profile.noScores')}</p>
                        )}
                        {s.churnRisk &&
                          s.scores.some((x) => x.score === 'churn_probability') &&
                          s.churnRisk.score === 'churn_risk' && (
                            <p className="muted" data-testid="churn-note">
                              {t('profile.churnNote')}
                            </p>
                          )}
                        <h3>{t('nav.segments')}</h3>
                        {s.segments.length ? (
                          <ul className="chips">
                            {s.segments.map((g) => (
                              <li key={g.name}>
                                <Link to={`/segments/${encodeURIComponent(g.name)}`}>
                                  {segmentTitle(g.name)}
                                </Link>
                              </li>
                            ))}
                          </ul>
                        ) : (
                          <p className="muted">{t('profile.noSegments')}</p>
                        )}
                      </>
                    )}
                  </Loaded>
                </Card>
                <Card title={t('profile.channels')}>
                  <p>{p.channels.length ? p.channels.map(label).join(', ') : t('profile.noChannel')}</p>
                  {p.devices.length > 0 && (
                    <Table
                      stack
                      head={[t('profile.device'), t('profile.os'), t('profile.events')]}
                      numeric={[2]}
                      rows={p.devices.map((d) => [
                        label(d.deviceType ?? '–'),
                        d.os ?? '–',
                        fmt.int(d.events),
                      ])}
                    />
                  )}
                </Card>
                <ProfileResonance id={props.id} />
              </div>
              <ProfileHistory
                id={props.id}
                total={p.records ? Object.values(p.records).reduce((x, y) => x + y, 0) : p.timeline.length}
              />
            </div>
          );
        }}
      </Loaded>
    </div>
  );
}

// Asked for only when opened: the explanation reads every record of the profile.
function Explanation(props: { id: string }) {
  const [open, setOpen] = useState(false);
  const load = useLoad(open ? `explain|${props.id}` : null, () =>
    api<Profile>(`/v1/profiles/${encodeURIComponent(props.id)}?explain=true&timeline=1`),
  );
  return (
    <details className="explain" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{t('profile.why')}</summary>
      {open && (
        <Loaded load={load}>
          {(p) => (p.explain ? <ExplanationBody explain={p.explain} /> : <p>{t('profile.noExplain')}</p>)}
        </Loaded>
      )}
    </details>
  );
}

function ExplanationBody(props: { explain: NonNullable<Profile['explain']> }) {
  const e = props.explain;
  return (
    <>
      <ul>
        {e.identifiers.map((i) => (
          <li key={`${i.type}:${i.value}`}>
            <strong>{label(i.type)}</strong> {i.value}:{' '}
            {tn('profile.carried', i.records.length, {
              tables: [...new Set(i.records.map((r) => label(r.table)))].join(', '),
            })}
          </li>
        ))}
      </ul>
      {e.refused.length > 0 && (
        <>
          <p>{t('profile.refused')}</p>
          <ul>
            {e.refused.map((r) => (
              <li key={`${r.table}:${r.rowKey}:${r.value}`}>
                {label(r.type)} {r.value} ({label(r.table)})
                {r.otherProfile !== null && (
                  <>
                    {' '}
                    — <Link to={`/profiles/${r.otherProfile}`}>{t('profile.otherPerson')}</Link>
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
