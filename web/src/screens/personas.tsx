import { useEffect, useState } from 'react';
import { api, getToken } from '../api';
import { ResultView } from '../result';
import { Card, ErrorBox, Loaded, Spinner, useLoad } from '../ui';

type Persona = Record<string, unknown> & { segment?: string; name?: string; title?: string };

function personaList(answer: Persona[] | { personas?: Persona[] }): Persona[] {
  return Array.isArray(answer) ? answer : (answer.personas ?? []);
}

/** The persona card's SVG, fetched with the token (an <img src> could not send it) and shown as an image. */
function useCardUrl(segment: string, version: number): { url?: string; error?: Error } {
  const [state, setState] = useState<{ url?: string; error?: Error }>({});
  useEffect(() => {
    let url: string | undefined;
    let live = true;
    fetch(`/v1/personas/${encodeURIComponent(segment)}/card.svg?v=${version}`, {
      headers: { authorization: `Bearer ${getToken() ?? ''}` },
    })
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

async function exportPng(svgUrl: string, name: string): Promise<void> {
  const img = new Image();
  img.src = svgUrl;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = img.naturalWidth * 2;
  canvas.height = img.naturalHeight * 2;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  const a = document.createElement('a');
  a.href = canvas.toDataURL('image/png');
  a.download = `${name}.png`;
  a.click();
}

/** The persona gallery: one card per segment, editable, exportable as SVG or PNG. */
export function PersonasScreen() {
  const load = useLoad('personas', () => api<Persona[] | { personas?: Persona[] }>('/v1/personas'));
  return (
    <div className="screen">
      <div className="screen-head">
        <h1>Personas</h1>
      </div>
      <Loaded
        load={load}
        empty={(d) => personaList(d).length === 0}
        emptyText="No personas yet: save a segment, and its persona appears here."
      >
        {(d) => (
          <div className="cards personas" data-testid="personas">
            {personaList(d).map((p) => (
              <PersonaCard key={String(p.segment ?? p.name)} persona={p} onSaved={load.reload} />
            ))}
          </div>
        )}
      </Loaded>
    </div>
  );
}

function PersonaCard(props: { persona: Persona; onSaved: () => void }) {
  const segment = String(props.persona.segment ?? props.persona.name ?? '');
  const [version, setVersion] = useState(0);
  const card = useCardUrl(segment, version);
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(String(props.persona.title ?? props.persona.name ?? segment));
  const [note, setNote] = useState(String(props.persona.description ?? props.persona.note ?? ''));
  const [error, setError] = useState<Error | null>(null);
  const save = async () => {
    try {
      await api(`/v1/personas/${encodeURIComponent(segment)}`, {
        method: 'PATCH',
        body: { title, description: note },
      });
      setEditing(false);
      setVersion(version + 1);
      props.onSaved();
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <Card title={segment} className="persona">
      {card.error ? (
        <ErrorBox error={card.error} />
      ) : card.url ? (
        <img src={card.url} alt={`Persona card of ${segment}`} data-testid="persona-card" />
      ) : (
        <Spinner />
      )}
      <div className="row">
        {card.url && (
          <>
            <a className="button" href={card.url} download={`${segment}.svg`}>
              SVG
            </a>
            <button type="button" onClick={() => card.url && exportPng(card.url, segment)}>
              PNG
            </button>
          </>
        )}
        <button type="button" onClick={() => setEditing(!editing)}>
          {editing ? 'Cancel' : 'Edit'}
        </button>
      </div>
      {editing && (
        <div className="edit">
          <label className="block">
            <span>Title</span>
            <input value={title} onChange={(e) => setTitle(e.target.value)} />
          </label>
          <label className="block">
            <span>Description</span>
            <textarea rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
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
