import { type FormEvent, useRef, useState } from 'react';
import { api, qs } from '../api';
import { ResultView } from '../result';
import { Card, ErrorBox, fmt, Loaded, Table, useLoad } from '../ui';

const KINDS = [
  'customers',
  'orders',
  'order_items',
  'products',
  'events',
  'messages',
  'feedback',
  'notes',
  'spend',
];

interface Key {
  name: string;
  [k: string]: unknown;
}

/** Uploads a file with progress (XMLHttpRequest: fetch has no upload progress). */
function upload(
  file: File,
  kind: string,
  onProgress: (share: number) => void,
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/v1/imports${qs({ kind, name: file.name })}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new Error('the upload failed'));
    xhr.onload = () => {
      let body: { error?: { message?: string } } & Record<string, unknown> = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = {};
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body);
      else reject(new Error(body.error?.message ?? `the server answered ${xhr.status}`));
    };
    xhr.send(file);
  });
}

/** Imports (with upload progress), the rejects browser and the write keys of the Event API. */
export function DataScreen() {
  // An import may add rejects: the list is read again after each one.
  const [imports, setImports] = useState(0);
  return (
    <div className="screen">
      <div className="screen-head">
        <h1>Data</h1>
      </div>
      <ImportCard onImported={() => setImports((n) => n + 1)} />
      <RejectsCard key={imports} />
      <KeysCard />
    </div>
  );
}

function ImportCard(props: { onImported: () => void }) {
  const fileRef = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState('customers');
  const [state, setState] = useState<{ progress?: number; result?: unknown; error?: Error }>({});
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file) return setState({ error: new Error('choose a file first') });
    setState({ progress: 0 });
    try {
      const result = await upload(file, kind, (p) => setState({ progress: p }));
      setState({ result });
      props.onImported();
    } catch (error) {
      setState({ error: error as Error });
    }
  };
  return (
    <Card title="Import a file">
      <form className="row" onSubmit={submit}>
        <select aria-label="Kind" value={kind} onChange={(e) => setKind(e.target.value)}>
          {KINDS.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
        <input ref={fileRef} type="file" aria-label="File" className="grow" />
        <button type="submit" className="primary" disabled={state.progress !== undefined}>
          Import
        </button>
      </form>
      {state.progress !== undefined && (
        <div className="progress" role="progressbar" aria-valuenow={Math.round(state.progress * 100)}>
          <div style={{ width: `${state.progress * 100}%` }} />
          <span>{state.progress < 1 ? `Uploading ${fmt.pct(state.progress, 0)}` : 'Importing…'}</span>
        </div>
      )}
      {state.error && <ErrorBox error={state.error} />}
      {state.result !== undefined && (
        <div data-testid="import-result">
          <ResultView value={state.result} />
        </div>
      )}
    </Card>
  );
}

function RejectsCard() {
  const [offset, setOffset] = useState(0);
  const rejects = useLoad(`rejects|${offset}`, () =>
    api<{ total: number; rows: Record<string, unknown>[] }>(`/v1/rejects${qs({ limit: 20, offset })}`),
  );
  return (
    <Card title="Rejected rows">
      <Loaded
        load={rejects}
        empty={(d) => d.total === 0}
        emptyText="No rejected rows: every import was clean."
      >
        {(d) => (
          <>
            <p className="muted small">{fmt.int(d.total)} rows kept aside, with their reason</p>
            <Table
              testId="rejects"
              head={['File', 'Line', 'Field', 'Reason', 'Raw']}
              rows={d.rows.map((r) => [
                String(r.file ?? '')
                  .split('/')
                  .pop() ?? '',
                String(r.sourceLine ?? r.source_line ?? r.sourceRow ?? ''),
                String(r.field ?? ''),
                String(r.reason ?? ''),
                <span key="raw" className="raw">
                  {String(r.raw ?? '').slice(0, 120)}
                </span>,
              ])}
            />
            <div className="pager">
              <button
                type="button"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - 20))}
              >
                Previous
              </button>
              <button type="button" disabled={offset + 20 >= d.total} onClick={() => setOffset(offset + 20)}>
                Next
              </button>
            </div>
          </>
        )}
      </Loaded>
    </Card>
  );
}

function KeysCard() {
  const keys = useLoad('keys', () => api<Key[] | { keys: Key[] }>('/v1/admin/keys'));
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ key?: string; error?: Error } | null>(null);
  const create = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const answer = await api<{ key: string }>('/v1/admin/keys', {
        method: 'POST',
        body: { name: name.trim() },
      });
      setCreated({ key: answer.key });
      setName('');
      keys.reload();
    } catch (error) {
      setCreated({ error: error as Error });
    }
  };
  return (
    <Card title="Write keys (Event API sources)">
      <Loaded load={keys}>
        {(d) => {
          const list = Array.isArray(d) ? d : d.keys;
          return list.length ? <ResultView value={list} /> : <p className="muted">No write keys yet.</p>;
        }}
      </Loaded>
      <form className="row" onSubmit={create}>
        <input
          aria-label="Source name"
          placeholder="Source name"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" disabled={!name.trim()}>
          Create a key
        </button>
      </form>
      {created?.key && (
        <p>
          New key (shown once):{' '}
          <code className="secret" data-testid="new-key">
            {created.key}
          </code>
        </p>
      )}
      {created?.error && <ErrorBox error={created.error} />}
    </Card>
  );
}
