import { useEffect, useState } from 'react';
import { ApiError, api, qs } from '../api';
import { ResultView } from '../result';
import { navigate } from '../router';
import { Card, ErrorBox, Loaded, Spinner, useLoad } from '../ui';

type Persona = Record<string, unknown> & {
  segment: string;
  name: string;
  size?: number;
  summary?: string;
  notes?: string | null;
};

function personaList(answer: Persona[] | { personas?: Persona[] }): Persona[] {
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

/** The persona card's SVG, fetched and shown as a blob: image (its scripts, if any, never run). */
function useCardUrl(segment: string, version: number): { url?: string; error?: Error } {
  const [state, setState] = useState<{ url?: string; error?: Error }>({});
  useEffect(() => {
    let url: string | undefined;
    let live = true;
    fetch(`/v1/personas/${encodeURIComponent(segment)}/card.svg?v=${version}`, { credentials: 'same-origin' })
      .then(async (r) => {
        if (!r.ok) throw new Error(`the card answered ${r.status}`);
        // As an image, the SVG's scripts (if any) never run and its text is never HTML.
        url = URL.createObjectURL(new Blob([await r.blob()], { type: 'image/svg+xml' }));
        if (live) setState({ url });
      })
      .catch((error: Error) => live && setState({ error }));
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [segment, version]);
  return state;
}

/** The persona gallery: one card per segment, editable, exportable as SVG or PNG. */
export function PersonasScreen(props: { query: URLSearchParams }) {
  const prefix = props.query.get('segments') ?? '';
  const [text, setText] = useState(prefix);
  const load = useLoad(`personas|${prefix}`, () =>
    api<Persona[] | { personas?: Persona[] }>(`/v1/personas${qs({ segments: prefix })}`),
  );
  const noClustering = load.error instanceof ApiError && load.error.code === 'CLT_ERR_PERSONA_NO_SEGMENTS';
  return (
    <div className="screen">
      <div className="screen-head">
        <h1>Personas</h1>
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            navigate(`/personas${qs({ segments: text.trim() })}`);
          }}
        >
          <input
            aria-label="Segments starting with"
            placeholder="Segments starting with… (default: the last clustering)"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit">Show</button>
        </form>
      </div>
      {noClustering ? (
        <div className="state empty">
          No clustering has been saved yet. Run <code>clientele cluster</code>, or name the segments to
          portray above (a prefix of their names; an empty prefix… needs a clustering).
        </div>
      ) : (
        <Loaded
          load={load}
          empty={(d) => personaList(d).length === 0}
          emptyText="No personas for these segments."
        >
          {(d) => (
            <div className="cards personas" data-testid="personas">
              {personaList(d).map((p) => (
                <PersonaCard key={String(p.segment ?? p.name)} persona={p} onSaved={load.reload} />
              ))}
            </div>
          )}
        </Loaded>
      )}
    </div>
  );
}

function PersonaCard(props: { persona: Persona; onSaved: () => void }) {
  const segment = props.persona.segment;
  const [version, setVersion] = useState(0);
  const card = useCardUrl(segment, version);
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(props.persona.name);
  const [summary, setSummary] = useState(props.persona.summary ?? '');
  const [notes, setNotes] = useState(props.persona.notes ?? '');
  const [error, setError] = useState<Error | null>(null);
  const save = async () => {
    try {
      await api(`/v1/personas/${encodeURIComponent(segment)}`, {
        method: 'PATCH',
        body: { name: title, summary, notes },
      });
      setEditing(false);
      setVersion(version + 1);
      props.onSaved();
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <Card title={`${props.persona.name} (${segment})`} className="persona">
      {card.error ? (
        <ErrorBox error={card.error} />
      ) : card.url ? (
        <img src={card.url} alt={`Persona card of ${segment}`} data-testid="persona-card" />
      ) : (
        <Spinner />
      )}
      <div className="row">
        <button type="button" onClick={() => download(segment, 'svg').catch(setError)}>
          SVG
        </button>
        <button type="button" onClick={() => download(segment, 'png').catch(setError)}>
          PNG
        </button>
        <button type="button" onClick={() => setEditing(!editing)}>
          {editing ? 'Cancel' : 'Edit'}
        </button>
      </div>
      {error && !editing && <ErrorBox error={error} />}
      {editing && (
        <div className="edit">
          <label className="block">
            <span>Name</span>
            <input value={title} onChange={(e) => setTitle(e.target.value)} />
          </label>
          <label className="block">
            <span>Summary</span>
            <textarea rows={3} value={summary} onChange={(e) => setSummary(e.target.value)} />
          </label>
          <label className="block">
            <span>Notes</span>
            <textarea rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
          </label>
          <button type="button" className="primary" onClick={save}>
            Save
          </button>
          {error && <ErrorBox error={error} />}
        </div>
      )}
      <details>
        <summary>All figures</summary>
        <ResultView value={props.persona} rows={10} />
      </details>
    </Card>
  );
}
