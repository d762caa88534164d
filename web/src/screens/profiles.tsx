import { type FormEvent, useState } from 'react';
import { ApiError, api, qs } from '../api';
import { Link, navigate } from '../router';
import type { Profile, ProfileRow } from '../types';
import { Card, fmt, Kpi, Loaded, show, Table, useLoad } from '../ui';

interface ProfileList {
  total: number;
  limit: number;
  offset: number;
  profiles: ProfileRow[];
}

const PAGE = 25;

function name(p: { firstName?: string | null; lastName?: string | null; email?: string | null; id: number }) {
  const full = [p.firstName, p.lastName].filter(Boolean).join(' ');
  return full || p.email || `Profile ${p.id}`;
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
        <h1>Profiles</h1>
      </div>
      <form className="search" onSubmit={submit}>
        <input
          type="search"
          name="q"
          aria-label="Search profiles"
          placeholder="Email, phone, customer id, anonymous id or name"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className="primary">
          Search
        </button>
      </form>
      {exact.data && (
        <div className="exact" data-testid="exact-match">
          Exact match:{' '}
          <Link to={`/profiles/${exact.data.id}`}>{name({ ...exact.data, ...traitsName(exact.data) })}</Link>{' '}
          <span className="muted">(profile {exact.data.id})</span>
        </div>
      )}
      <Loaded
        load={list}
        empty={(d) => d.profiles.length === 0}
        emptyText={
          q ? `No profile matches “${q}”.` : 'No profiles yet: import customers, then resolve identities.'
        }
      >
        {(d) => (
          <>
            <p className="muted small">
              {fmt.int(d.total)} profiles{q ? ` matching “${q}”` : ''}, most valuable first
            </p>
            <Table
              testId="profile-results"
              head={['Name', 'Email', 'Country', 'Orders', 'Revenue', 'Last seen']}
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
                Previous
              </button>
              <span className="muted small">
                {fmt.int(offset + 1)}–{fmt.int(Math.min(d.total, offset + PAGE))} of {fmt.int(d.total)}
              </span>
              <button
                type="button"
                disabled={offset + PAGE >= d.total}
                onClick={() => navigate(`/profiles${qs({ q: q || undefined, offset: offset + PAGE })}`)}
              >
                Next
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

interface ScoresAnswer {
  profileId: number;
  scores: {
    score: string;
    value: number | null;
    label: string | null;
    runId: number;
    model: string;
    at: string;
  }[];
  segments: { name: string; enteredAt: string }[];
}

/** One person: identities and why they were joined, traits, figures, scores, segments and the timeline. */
export function ProfileScreen(props: { id: string }) {
  const [shown, setShown] = useState(30);
  const load = useLoad(props.id, () =>
    api<Profile>(`/v1/profiles/${encodeURIComponent(props.id)}?timeline=200`),
  );
  const scores = useLoad(props.id, () =>
    api<ScoresAnswer>(`/v1/profiles/${encodeURIComponent(props.id)}/scores`),
  );
  return (
    <div className="screen">
      <p className="crumbs">
        <Link to="/profiles">Profiles</Link> /
      </p>
      <Loaded load={load}>
        {(p) => {
          const m = p.metrics;
          return (
            <div data-testid="profile">
              <div className="screen-head">
                <h1>{name({ id: p.id, ...traitsName(p) })}</h1>
                <span className="muted">profile {p.id}</span>
              </div>
              <div className="kpis">
                <Kpi label="Orders" value={fmt.int(m.orders)} />
                <Kpi label="Revenue" value={fmt.money(m.revenue)} />
                <Kpi label="Average order" value={fmt.money(m.averageOrderValue as number | null)} />
                <Kpi label="Last order" value={fmt.day(m.lastOrderAt as string | null)} />
                <Kpi label="Events" value={fmt.int(m.events as number)} />
              </div>
              <div className="grid two">
                <Card title="Identities">
                  <Table
                    testId="identities"
                    head={['Type', 'Value']}
                    rows={p.identities.map((i) => [i.type, i.value])}
                  />
                  <Explanation id={props.id} />
                </Card>
                <Card title="Traits">
                  <dl className="traits">
                    {Object.entries(p.traits)
                      .filter(([, v]) => v !== null && v !== '')
                      .map(([k, v]) => (
                        <div key={k}>
                          <dt>{k.replaceAll('_', ' ')}</dt>
                          <dd>{show(v)}</dd>
                        </div>
                      ))}
                  </dl>
                </Card>
                <Card title="Scores and segments">
                  <Loaded load={scores}>
                    {(s) => (
                      <>
                        {s.scores.length ? (
                          <Table
                            head={['Score', 'Value', 'Model']}
                            rows={s.scores.map((x) => [
                              x.score,
                              x.label ?? fmt.num(x.value),
                              <Link key="m" to={`/models/${x.runId}`}>
                                {x.model} #{x.runId}
                              </Link>,
                            ])}
                          />
                        ) : (
                          <p className="muted">No model has scored this profile yet.</p>
                        )}
                        <h3>Segments</h3>
                        {s.segments.length ? (
                          <ul className="chips">
                            {s.segments.map((g) => (
                              <li key={g.name}>
                                <Link to={`/segments/${encodeURIComponent(g.name)}`}>{g.name}</Link>
                              </li>
                            ))}
                          </ul>
                        ) : (
                          <p className="muted">In no saved segment.</p>
                        )}
                      </>
                    )}
                  </Loaded>
                </Card>
                <Card title="Channels and devices">
                  <p>{p.channels.length ? p.channels.join(', ') : 'No channel recorded.'}</p>
                  {p.devices.length > 0 && (
                    <Table
                      head={['Device', 'OS', 'Events']}
                      numeric={[2]}
                      rows={p.devices.map((d) => [d.deviceType ?? '–', d.os ?? '–', fmt.int(d.events)])}
                    />
                  )}
                </Card>
              </div>
              <Card title={`Timeline (${p.timeline.length} latest touchpoints)`}>
                {p.timeline.length ? (
                  <ol className="timeline" data-testid="timeline">
                    {p.timeline.slice(0, shown).map((t, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: entries can repeat exactly.
                      <li key={i}>
                        <time>{fmt.when(t.at)}</time>
                        <span className={`tag tag-${t.kind}`}>{t.kind}</span>
                        <span className="what">{t.what}</span>
                        <span className="muted small">{t.source}</span>
                      </li>
                    ))}
                  </ol>
                ) : (
                  <p className="muted">No touchpoints.</p>
                )}
                {p.timeline.length > shown && (
                  <button type="button" onClick={() => setShown(shown + 100)}>
                    Show {Math.min(100, p.timeline.length - shown)} more
                  </button>
                )}
              </Card>
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
      <summary>Why these records are one person</summary>
      {open && (
        <Loaded load={load}>
          {(p) => (p.explain ? <ExplanationBody explain={p.explain} /> : <p>No explanation.</p>)}
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
            <strong>{i.type}</strong> {i.value}: carried by {i.records.length} record
            {i.records.length === 1 ? '' : 's'} ({[...new Set(i.records.map((r) => r.table))].join(', ')})
          </li>
        ))}
      </ul>
      {e.refused.length > 0 && (
        <>
          <p>Identifiers refused (they would have joined another person):</p>
          <ul>
            {e.refused.map((r) => (
              <li key={`${r.table}:${r.rowKey}:${r.value}`}>
                {r.type} {r.value} in {r.table}
                {r.otherProfile !== null && (
                  <>
                    {' '}
                    — belongs to <Link to={`/profiles/${r.otherProfile}`}>profile {r.otherProfile}</Link>
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
