import type { SwotDraft, SwotItem } from '@contracts/voice';
import { useState } from 'react';
import { api } from '../../api';
import { label, plain, show } from '../../format';
import { has, type MessageKey, t } from '../../i18n';
import { ErrorBox, Loaded, useLoad } from '../../ui';
import { SegmentChoice, Warned } from './filters';

const QUADRANTS = ['strengths', 'weaknesses', 'opportunities', 'threats'] as const;
const TOWS = ['so', 'st', 'wo', 'wt'] as const;
type Quadrant = (typeof QUADRANTS)[number];
type Pair = (typeof TOWS)[number];
type Lists = Record<Quadrant, SwotItem[]> & { tows: Record<Pair, SwotItem[]> };

/** The SWOT-TOWS page: four boxes drawn from the data, each statement's evidence one click away, editable. */
export function SwotTab() {
  const [segment, setSegment] = useState('');
  const [regenerate, setRegenerate] = useState(0);
  // The saved draft when there is one (drafting reads every text and fits topics); drafted when there is none
  // or when asked to draft again.
  const body = { ...(segment && { segment }), ...(regenerate > 0 ? { regenerate: true } : { saved: true }) };
  const load = useLoad(JSON.stringify([body, regenerate]), () =>
    api<SwotDraft>('/v1/swot', { method: 'POST', body }),
  );
  return (
    <>
      <p className="muted">{t('voice.swot.what')}</p>
      <div className="row">
        <SegmentChoice value={segment} onChange={setSegment} />
        <button type="button" onClick={() => setRegenerate((n) => n + 1)}>
          {t('voice.swot.regenerate')}
        </button>
      </div>
      <Loaded load={load}>
        {(d) => <SwotView key={JSON.stringify(d)} draft={d} onSaved={load.reload} />}
      </Loaded>
    </>
  );
}

function SwotView(props: { draft: SwotDraft; onSaved: () => void }) {
  const d = props.draft;
  const [editing, setEditing] = useState<Lists | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [saving, setSaving] = useState(false);
  const save = async () => {
    if (!editing) return;
    setSaving(true);
    setError(null);
    try {
      const clean = (items: SwotItem[]) => items.filter((i) => i.statement.trim() !== '');
      await api<SwotDraft>(`/v1/swot/${encodeURIComponent(d.name)}`, {
        method: 'PUT',
        body: {
          ...Object.fromEntries(QUADRANTS.map((q) => [q, clean(editing[q])])),
          tows: Object.fromEntries(TOWS.map((p) => [p, clean(editing.tows[p])])),
        },
      });
      setEditing(null);
      props.onSaved();
    } catch (e) {
      setError(e as Error);
    } finally {
      setSaving(false);
    }
  };
  const start = () =>
    setEditing({
      strengths: [...d.strengths],
      weaknesses: [...d.weaknesses],
      opportunities: [...d.opportunities],
      threats: [...d.threats],
      tows: { so: [...d.tows.so], st: [...d.tows.st], wo: [...d.tows.wo], wt: [...d.tows.wt] },
    });
  const box = (title: string, items: SwotItem[], change: (items: SwotItem[]) => void, testId: string) => (
    <section className="card swot-box" data-testid={testId} key={testId}>
      <h3>{title}</h3>
      {editing ? (
        <EditList items={items} onChange={change} />
      ) : items.length === 0 ? (
        <p className="small muted">{t('voice.swot.nothing')}</p>
      ) : (
        <ul className="swot-items">
          {items.map((item, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: statements are positional.
            <li key={i}>
              <details>
                <summary>{plain(item.statement)}</summary>
                <Evidence evidence={item.evidence} />
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
  const lists: Lists = editing ?? { ...d, tows: d.tows };
  return (
    <div data-testid="swot">
      <div className="row spread">
        <p className="small muted">{d.edited ? t('voice.swot.edited') : t('voice.swot.drafted')}</p>
        {editing ? (
          <div className="row">
            <button type="button" className="primary" disabled={saving} onClick={() => void save()}>
              {t('voice.swot.save')}
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              {t('voice.swot.cancel')}
            </button>
          </div>
        ) : (
          <button type="button" onClick={start}>
            {t('voice.swot.edit')}
          </button>
        )}
      </div>
      {error && <ErrorBox error={error} />}
      <Warned warnings={d.warnings} />
      <div className="grid two swot">
        {QUADRANTS.map((q) =>
          box(
            t(`voice.swot.${q}`),
            lists[q],
            (items) => editing && setEditing({ ...editing, [q]: items }),
            `swot-${q}`,
          ),
        )}
      </div>
      <h3>{t('voice.swot.tows')}</h3>
      <div className="grid two swot">
        {TOWS.map((p) =>
          box(
            t(`voice.swot.${p}`),
            lists.tows[p],
            (items) => editing && setEditing({ ...editing, tows: { ...editing.tows, [p]: items } }),
            `tows-${p}`,
          ),
        )}
      </div>
    </div>
  );
}

/** The figures behind a statement, named in words; quotes from customers as written. */
function Evidence(props: { evidence: Record<string, unknown> }) {
  const entries = Object.entries(props.evidence).filter(([, v]) => v !== null && v !== undefined);
  if (entries.length === 0) return <p className="small muted">{t('voice.swot.noEvidence')}</p>;
  return (
    <dl className="figures">
      {entries.map(([k, v]) => (
        <div key={k}>
          <dt>{has(`voice.evidence.${k}`) ? t(`voice.evidence.${k}` as MessageKey) : label(k)}</dt>
          <dd className={k === 'quote' || k === 'from' ? 'raw' : undefined}>{show(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

function EditList(props: { items: SwotItem[]; onChange: (items: SwotItem[]) => void }) {
  const set = (i: number, statement: string) =>
    props.onChange(props.items.map((x, j) => (j === i ? { ...x, statement } : x)));
  return (
    <div className="swot-edit">
      {props.items.map((item, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: statements are positional while edited.
        <div className="row" key={i}>
          <textarea
            className="grow"
            rows={2}
            aria-label={t('voice.swot.statement')}
            value={item.statement}
            onChange={(e) => set(i, e.target.value)}
          />
          <button
            type="button"
            className="link"
            onClick={() => props.onChange(props.items.filter((_, j) => j !== i))}
          >
            {t('voice.swot.remove')}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="link"
        onClick={() => props.onChange([...props.items, { statement: '', evidence: {} }])}
      >
        {t('voice.swot.add')}
      </button>
    </div>
  );
}
