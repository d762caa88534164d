import type { Persona, PersonasComputing, PersonaVoice } from '@contracts/personas';
import { useEffect, useState } from 'react';
import { ApiError, api, qs } from '../api';
import { fmt, label, plain, valueWords } from '../format';
import { has, locale, type MessageKey, t, tn } from '../i18n';
import { navigate } from '../router';
import { ownWarning, segmentTitle } from '../segment-words';
import type { SegmentSummary } from '../types';
import { Card, ErrorBox, Loaded, useLoad } from '../ui';

/**
 * The 202 answer while the server computes the personas in the background (docs/personas.md), with the
 * personas of an earlier state of the data when there are some (`stale`, `asOf`).
 */
type Answer = Persona[] | PersonasComputing;

function computing(answer: Answer | undefined): PersonasComputing | undefined {
  return answer && !Array.isArray(answer) && answer.code === 'CLT_INFO_PERSONAS_COMPUTING'
    ? answer
    : undefined;
}

/** The earlier personas a 202 answer brought along, if any: shown labelled, never as the current ones. */
function earlier(answer: Answer | undefined): { asOf: string; personas: Persona[] } | undefined {
  const c = computing(answer);
  return c?.stale && c.personas && c.asOf ? { asOf: c.asOf, personas: c.personas } : undefined;
}

function personaList(answer: Answer): Persona[] {
  return Array.isArray(answer) ? answer : (answer.personas ?? []);
}

/** Fetches a card in `format` (the session cookie goes along) and hands it to the browser as a download. */
async function download(segment: string, format: 'svg' | 'png'): Promise<void> {
  const response = await fetch(`/v1/personas/${encodeURIComponent(segment)}/card.${format}`, {
    credentials: 'same-origin',
  });
  if (!response.ok) throw new Error(`the card answered ${response.status}`);
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `${segment}.${format}`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The busiest hours, moved from the server's time zone to the browser's ("4–6 pm"). */
function localHours(times: NonNullable<Persona['activeTimes']>): string {
  if (times.hours.length === 0) return '–';
  // The hours are in `timeZone` (UTC by default): a date at that hour in UTC, shown in local time.
  const utc = times.timeZone === 'UTC' || times.timeZone === 'Etc/UTC';
  const f = new Intl.DateTimeFormat(locale(), {
    hour: 'numeric',
    ...(utc ? {} : { timeZone: times.timeZone }),
  });
  return [...times.hours.slice(0, 3)]
    .sort((a, b) => a - b)
    .map((h) => f.format(new Date(Date.UTC(2024, 0, 1, h))))
    .join(', ');
}

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
/** An English day name from the server in the current language (2024-01-01 was a Monday). */
function dayName(day: string): string {
  const i = DAYS.indexOf(day);
  if (i < 0) return day;
  return new Intl.DateTimeFormat(locale(), { weekday: 'long', timeZone: 'UTC' }).format(
    Date.UTC(2024, 0, 1 + i),
  );
}

function stageWord(stage: string | undefined): string {
  if (!stage) return '–';
  const key = `personas.stage.${stage.replace(' ', '_')}`;
  return has(key) ? t(key as MessageKey) : stage;
}

/** The persona gallery: one card per segment as HTML (readable at any width), editable, exportable. */
export function PersonasScreen(props: { query: URLSearchParams }) {
  const prefix = props.query.get('segments') ?? '';
  const [text, setText] = useState(prefix);
  const load = useLoad(`personas|${prefix}`, () => api<Answer>(`/v1/personas${qs({ segments: prefix })}`));
  // The date each card's members are of: their segment's last refresh (a light list, not the personas' work).
  const segments = useLoad('personas|segments', () => api<SegmentSummary[]>('/v1/segments'));
  const asOf = (segment: string) => segments.data?.find((s) => s.name === segment)?.refreshedAt ?? null;
  // Still being computed: ask again when the server says, until the personas come.
  const pending = load.loading ? undefined : computing(load.data);
  const { reload } = load;
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(reload, Math.max(1, pending.retryAfterSeconds) * 1000);
    return () => clearTimeout(timer);
  }, [pending, reload]);
  const noClustering = load.error instanceof ApiError && load.error.code === 'CLT_ERR_PERSONA_NO_SEGMENTS';
  return (
    <div className="screen">
      <div className="screen-head">
        <h1>{t('nav.personas')}</h1>
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            navigate(`/personas${qs({ segments: text.trim() })}`);
          }}
        >
          <input
            aria-label={t('personas.prefix')}
            placeholder={t('personas.prefixHint')}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit">{t('common.show')}</button>
        </form>
      </div>
      {noClustering ? (
        <div className="state empty">{t('personas.noClustering')}</div>
      ) : computing(load.data) && !earlier(load.data) && !load.error ? (
        <div className="state empty" role="status" data-testid="personas-computing">
          {t('personas.computing')}
        </div>
      ) : (
        <Loaded load={load} empty={(d) => personaList(d).length === 0} emptyText={t('personas.none')}>
          {(d) => {
            const before = earlier(d);
            return (
              <>
                {before && (
                  <div className="notice" role="status" data-testid="personas-stale">
                    {t('personas.stale', { date: fmt.when(before.asOf) })}
                  </div>
                )}
                <div className="cards personas" data-testid="personas">
                  {personaList(d).map((p) => (
                    <PersonaCard
                      key={p.segment}
                      persona={p}
                      // Earlier figures are of earlier members: the segment's current date would not be theirs.
                      asOf={before ? null : asOf(p.segment)}
                      onSaved={load.reload}
                    />
                  ))}
                </div>
              </>
            );
          }}
        </Loaded>
      )}
    </div>
  );
}

function PersonaCard(props: { persona: Persona; asOf: string | null; onSaved: () => void }) {
  const p = props.persona;
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(p.name);
  const [summary, setSummary] = useState(p.summary ?? '');
  const [notes, setNotes] = useState(p.notes ?? '');
  const [error, setError] = useState<Error | null>(null);
  // What the server accepted, shown at once: the gallery's reload recomputes every persona and may take a while.
  const [saved, setSaved] = useState<{ name: string; summary: string } | null>(null);
  const save = async () => {
    try {
      await api(`/v1/personas/${encodeURIComponent(p.segment)}`, {
        method: 'PATCH',
        body: { name: title, summary, notes },
      });
      setEditing(false);
      setSaved({ name: title, summary });
      props.onSaved();
    } catch (e) {
      setError(e as Error);
    }
  };
  const v = p.value;
  const action = p.actions?.[0];
  // One age band: the most distinctive; the others are in the figures.
  const demographics = (p.demographics ?? []).filter(
    (d, i, all) => !/age/i.test(d.feature) || all.findIndex((x) => /age/i.test(x.feature)) === i,
  );
  return (
    <Card className="persona">
      <article className="persona-card" data-testid="persona-card">
        <div className="persona-head">
          {p.avatar?.startsWith('data:image/svg+xml') && <img src={p.avatar} alt="" />}
          <div>
            <h2>{saved?.name ?? p.name}</h2>
            <p className="muted small">
              {segmentTitle(p.segment)} · {tn('common.members', p.size)} · {stageWord(p.stage)}
            </p>
          </div>
        </div>
        {(saved?.summary ?? p.summary) && <p>{plain(saved?.summary ?? p.summary ?? '')}</p>}
        {v && (
          <dl className="figures">
            <div>
              <dt>{t('personas.revenuePerMember')}</dt>
              <dd>{fmt.money(v.revenuePerMember)}</dd>
            </div>
            <div>
              <dt>{t('personas.ordersPerMember')}</dt>
              <dd>{fmt.num(v.ordersPerMember, 1)}</dd>
            </div>
            <div>
              <dt>{t('personas.revenueShare')}</dt>
              <dd>{fmt.pct(v.revenueShare)}</dd>
            </div>
            <div>
              <dt>{t('personas.clv')}</dt>
              <dd>{fmt.money(v.clvMean)}</dd>
            </div>
            <div>
              <dt>{t('feature.churn_risk')}</dt>
              <dd>{fmt.pct(v.churnRiskMean, 0)}</dd>
            </div>
            <div>
              <dt>{t('personas.channel')}</dt>
              <dd>{p.preferredChannel ? label(p.preferredChannel) : '–'}</dd>
            </div>
          </dl>
        )}
        {action && (
          <div className="action">
            <strong>{t('personas.action')}</strong> {plain(action.action)}
            <div className="small muted">{plain(action.expectedEffect)}</div>
          </div>
        )}
        <Section title={t('personas.triggers')} items={p.triggers} />
        <Section title={t('personas.holdbacks')} items={p.holdbacks} />
        <Section title={t('personas.sources')} items={p.infoSources?.slice(0, 3)} />
        {p.voice && <OwnWords voice={p.voice} />}
        {p.activeTimes && (
          <p className="small">
            <strong>{t('personas.active')}</strong>{' '}
            {t('personas.activeWhen', {
              hours: localHours(p.activeTimes),
              days: p.activeTimes.days.map(dayName).join(', ') || '–',
              zone: fmt.timeZone(),
            })}
          </p>
        )}
        {demographics.length > 0 && (
          <Section
            title={t('personas.who')}
            items={demographics
              .slice(0, 4)
              .map(
                (d) =>
                  `${label(d.feature)}: ${valueWords(d.feature, String(d.value))} (${fmt.pct(d.share, 0)})`,
              )}
          />
        )}
        {(p.topProducts ?? []).length > 0 && (
          <Section
            title={t('personas.products')}
            items={(p.topProducts ?? []).slice(0, 3).map((x) => `${x.product} (${fmt.pct(x.share, 0)})`)}
          />
        )}
        {(p.warnings ?? []).length > 0 && (
          <ul className="warnings">
            {(p.warnings ?? []).map((w) => (
              <li key={w.code + w.message}>{plain(ownWarning(p.segment, w.message))}</li>
            ))}
          </ul>
        )}
        {p.notes && <p className="small">{p.notes}</p>}
        <footer className="persona-foot small muted" data-testid="persona-foot">
          <span className="brand-mark" aria-hidden="true">
            C
          </span>{' '}
          Clientele{props.asOf && ` · ${t('personas.asOf', { date: fmt.day(props.asOf) })}`}
        </footer>
      </article>
      <div className="row">
        <button type="button" onClick={() => download(p.segment, 'svg').catch(setError)}>
          SVG
        </button>
        <button type="button" onClick={() => download(p.segment, 'png').catch(setError)}>
          PNG
        </button>
        <button type="button" onClick={() => setEditing(!editing)}>
          {editing ? t('common.cancel') : t('common.edit')}
        </button>
      </div>
      {error && !editing && <ErrorBox error={error} />}
      {editing && (
        <div className="edit">
          <label className="block">
            <span>{t('login.name')}</span>
            <input value={title} onChange={(e) => setTitle(e.target.value)} />
          </label>
          <label className="block">
            <span>{t('personas.summary')}</span>
            <textarea rows={3} value={summary} onChange={(e) => setSummary(e.target.value)} />
          </label>
          <label className="block">
            <span>{t('personas.notes')}</span>
            <textarea rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
          </label>
          <button type="button" className="primary" onClick={save}>
            {t('common.save')}
          </button>
          {error && <ErrorBox error={error} />}
        </div>
      )}
      <details>
        <summary>{t('personas.figures')}</summary>
        <ul className="small">
          {(p.evidence ?? []).map((e) => (
            <li key={e.field + e.statement}>
              <strong>{label(e.field)}:</strong> {plain(e.statement)}
            </li>
          ))}
        </ul>
      </details>
    </Card>
  );
}

/** In their own words: the terms that set the persona apart, real quotes by its members, their sentiment. */
function OwnWords(props: { voice: PersonaVoice }) {
  const v = props.voice;
  if (v.documents === 0) return null;
  const mean = v.sentiment.mean;
  return (
    <section className="persona-voice" data-testid="persona-voice">
      <h3>{t('personas.ownWords')}</h3>
      {v.terms.length > 0 ? (
        <ul className="chips" title={t('personas.ownWordsHint')}>
          {v.terms.slice(0, 6).map((x) => (
            <li key={x.term}>
              {x.term} <span className="muted small">z {fmt.num(x.z, 1)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="small muted">{t('personas.noOwnWords')}</p>
      )}
      {v.quotes.map((q) => (
        <blockquote key={q.text} className="quote raw">
          “{q.text}”
        </blockquote>
      ))}
      <p className="small">
        {t('personas.voiceSentiment', {
          n: v.documents,
          count: fmt.int(v.documents),
          mean: mean === null ? '–' : `${mean > 0 ? '+' : ''}${fmt.num(mean, 2)}`,
          positive: fmt.pct(v.sentiment.positiveShare, 0),
          negative: fmt.pct(v.sentiment.negativeShare, 0),
        })}
      </p>
    </section>
  );
}

function Section(props: { title: string; items: readonly string[] | undefined }) {
  if (!props.items?.length) return null;
  return (
    <>
      <h3>{props.title}</h3>
      <ul>
        {props.items.map((x) => (
          <li key={x}>{plain(x)}</li>
        ))}
      </ul>
    </>
  );
}
