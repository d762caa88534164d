import type { NoteHit, NotesSearchResult } from '@contracts/voice';
import { type FormEvent, type ReactNode, useState } from 'react';
import { api } from '../../api';
import { fmt } from '../../format';
import { t } from '../../i18n';
import { Loaded, useLoad } from '../../ui';
import { Choice } from '../mining/run';

type Outcome = '' | 'won' | 'lost' | 'open';
const OUTCOMES = new Set(['won', 'lost', 'open']);

/** The snippet with its matched words marked (offsets from the server; the text is never markup). */
function highlighted(hit: NoteHit): ReactNode[] {
  const out: ReactNode[] = [];
  let at = 0;
  const spans = [...hit.highlights].sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
  for (const [start = 0, end = 0] of spans) {
    if (start < at) continue;
    if (start > at) out.push(hit.snippet.slice(at, start));
    out.push(<mark key={start}>{hit.snippet.slice(start, end)}</mark>);
    at = end;
  }
  out.push(hit.snippet.slice(at));
  return out;
}

/** The sales-notes library: full-text search with the matched words highlighted. */
export function NotesTab(props: { query: URLSearchParams }) {
  const [text, setText] = useState(props.query.get('q') ?? '');
  const [asked, setAsked] = useState(props.query.get('q') ?? '');
  const [outcome, setOutcome] = useState<Outcome>('');
  const body = { query: asked, limit: 20, ...(outcome && { outcome }) };
  const load = useLoad(asked.trim() ? JSON.stringify(body) : null, () =>
    api<NotesSearchResult>('/v1/notes/search', { method: 'POST', body }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAsked(text);
  };
  return (
    <>
      <p className="muted">{t('voice.notes.what')}</p>
      <form className="search" onSubmit={submit}>
        <input
          type="search"
          aria-label={t('voice.notes.query')}
          placeholder={t('voice.notes.placeholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className="primary">
          {t('voice.notes.search')}
        </button>
      </form>
      <div className="row">
        <Choice
          label={t('voice.notes.outcome')}
          value={outcome}
          onChange={setOutcome}
          options={(['', 'won', 'lost', 'open'] as const).map((o) => ({
            value: o,
            label: t(`voice.notes.outcome.${o || 'any'}`),
          }))}
        />
      </div>
      {asked.trim() === '' ? (
        <p className="state empty">{t('voice.notes.ask')}</p>
      ) : (
        <Loaded load={load} empty={(d) => d.hits.length === 0} emptyText={t('voice.notes.none')}>
          {(d) => (
            <div data-testid="note-hits">
              <p className="small muted">
                {t('voice.notes.found', { n: fmt.int(d.hits.length), of: fmt.int(d.notes) })}
              </p>
              <ol className="hits">
                {d.hits.map((h, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: hits are ranked, positional.
                  <li key={i} className="hit">
                    <div className="small muted">
                      {[
                        h.company,
                        h.stage,
                        h.outcome && OUTCOMES.has(h.outcome)
                          ? t(`voice.notes.outcome.${h.outcome as 'won'}`)
                          : h.outcome,
                        h.rep,
                        h.createdAt && fmt.day(h.createdAt),
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </div>
                    <p className="raw">{highlighted(h)}</p>
                  </li>
                ))}
              </ol>
            </div>
          )}
        </Loaded>
      )}
    </>
  );
}
