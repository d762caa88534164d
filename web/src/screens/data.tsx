import type { ImportSummary } from '@contracts/imports';
import { type FormEvent, useRef, useState } from 'react';
import { ApiError, api, qs } from '../api';
import { fileNames } from '../file-names';
import { label, show } from '../format';
import { has, lang, t, tn } from '../i18n';
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
function upload(file: File, kind: string, onProgress: (share: number) => void): Promise<ImportSummary> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/v1/imports${qs({ kind, name: file.name })}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    // The summary's readings and any refusal come in the app's language.
    xhr.setRequestHeader('accept-language', lang());
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new Error(t('data.uploadFailed')));
    xhr.onload = () => {
      let body: { error?: { code?: string; message?: string; details?: Record<string, unknown> } } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = {};
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as unknown as ImportSummary);
      else
        reject(
          new ApiError(
            xhr.status,
            body.error?.code ?? `HTTP_${xhr.status}`,
            body.error?.message ?? t('data.serverAnswered', { status: xhr.status }),
            body.error?.details,
          ),
        );
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
        <h1>{t('nav.data')}</h1>
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
  const [state, setState] = useState<{ progress?: number; result?: ImportSummary; error?: Error }>({});
  const [chosen, setChosen] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file) return setState({ error: new Error(t('data.chooseFirst')) });
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
    <Card title={t('data.import')}>
      <form className="row" onSubmit={submit}>
        <select aria-label={t('data.kind')} value={kind} onChange={(e) => setKind(e.target.value)}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {label(k)}
            </option>
          ))}
        </select>
        {/* The browser's own file button speaks the browser's language: this one speaks the app's. */}
        <label className="file-pick grow">
          <input
            ref={fileRef}
            type="file"
            aria-label={t('data.file')}
            onChange={(e) => setChosen(e.target.files?.[0]?.name ?? '')}
          />
          <span className="button">{t('data.chooseFile')}</span>{' '}
          <span className={chosen ? 'file-name' : 'file-name muted'}>{chosen || t('data.noFile')}</span>
        </label>
        <button type="submit" className="primary" disabled={state.progress !== undefined}>
          {t('data.importButton')}
        </button>
      </form>
      {state.progress !== undefined && (
        <div className="progress" role="progressbar" aria-valuenow={Math.round(state.progress * 100)}>
          <div style={{ width: `${state.progress * 100}%` }} />
          <span>
            {state.progress < 1
              ? t('data.uploading', { share: fmt.pct(state.progress, 0) })
              : t('data.importing')}
          </span>
        </div>
      )}
      {state.error && <ErrorBox error={state.error} />}
      {state.result !== undefined && <ImportResult summary={state.result} />}
    </Card>
  );
}

/** What an import read, in words: the rows, each column's field and how it was matched, why rows were rejected. */
function ImportResult(props: { summary: ImportSummary }) {
  const r = props.summary;
  const file = r.file.split('/').pop() ?? r.file;
  const reasons = Object.entries(r.rejectReasons).sort((a, b) => b[1] - a[1]);
  return (
    <div className="import-result" data-testid="import-result">
      <h3>{t('data.result')}</h3>
      <p data-testid="import-rows">
        {tn('data.resultRows', r.read, {
          file,
          accepted: fmt.int(r.accepted),
          rejected: fmt.int(r.rejected),
          duplicates: fmt.int(r.duplicates),
          updated: fmt.int(r.updated),
        })}
        {r.suppressed > 0 && ` ${tn('data.resultSuppressed', r.suppressed)}`}
      </p>
      {r.seenBefore && <p className="muted small">{t('data.seenBefore')}</p>}
      {reasons.length > 0 && (
        <>
          <h4>{t('data.rejectedWhy')}</h4>
          <ul data-testid="import-reasons">
            {reasons.map(([code, n]) => (
              <li key={code}>
                {rejectWords(code)}: {tn('data.rejectedRows', n)}
              </li>
            ))}
          </ul>
        </>
      )}
      <h4>{t('data.columns')}</h4>
      <Table
        stack
        testId="import-columns"
        head={[t('data.column'), t('data.readAs'), t('data.how')]}
        rows={r.columns.map((c) => [
          <span key="c" className="raw">
            {c.column}
          </span>,
          c.field ? label(c.field) : t('data.asTrait'),
          [t(`data.how.${c.how}`), c.refused].filter(Boolean).join('; '),
        ])}
      />
      {r.notes.length > 0 && (
        <>
          <h4>{t('data.notes')}</h4>
          <ul className="warnings" data-testid="import-notes">
            {r.notes.map((w) => (
              <li key={w.text}>{fileNames(w.text, w.columns)}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** A reject's reason code in words; a code this version does not know is shown as the server wrote it. */
function rejectWords(code: string): string {
  const key = `data.reject.${code}`;
  return has(key) ? t(key) : code.replaceAll('_', ' ');
}

function RejectsCard() {
  const [offset, setOffset] = useState(0);
  const rejects = useLoad(`rejects|${offset}`, () =>
    api<{ total: number; rows: Record<string, unknown>[] }>(`/v1/rejects${qs({ limit: 20, offset })}`),
  );
  return (
    <Card title={t('data.rejects')}>
      <Loaded load={rejects} empty={(d) => d.total === 0} emptyText={t('data.noRejects')}>
        {(d) => (
          <>
            <p className="muted small">{tn('data.rejectCount', d.total)}</p>
            <Table
              testId="rejects"
              stack
              head={[t('data.file'), t('data.line'), t('data.field'), t('data.reason'), t('data.raw')]}
              rows={d.rows.map((r) => [
                String(r.file ?? '')
                  .split('/')
                  .pop() ?? '',
                String(r.line ?? r.row ?? ''),
                r.field ? label(String(r.field)) : '',
                // The reason by its code, in the app's language (the stored sentence is English).
                typeof r.reasonCode === 'string'
                  ? r.column
                    ? t('data.rejectIn', {
                        reason: rejectWords(r.reasonCode),
                        // The file's own header as written, unless it is the field's name: then its label.
                        column: r.column === r.field ? label(String(r.field)) : String(r.column),
                      })
                    : rejectWords(r.reasonCode)
                  : String(r.reason ?? ''),
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
                {t('common.previous')}
              </button>
              <button type="button" disabled={offset + 20 >= d.total} onClick={() => setOffset(offset + 20)}>
                {t('common.next')}
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
  const revoke = async (keyName: string) => {
    if (!window.confirm(t('data.revokeConfirm', { name: keyName }))) return;
    try {
      await api(`/v1/admin/keys/${encodeURIComponent(keyName)}/revoke`, { method: 'POST', body: {} });
      keys.reload();
    } catch (error) {
      setCreated({ error: error as Error });
    }
  };
  return (
    <Card title={t('data.keys')}>
      <Loaded
        load={keys}
        empty={(d) => (Array.isArray(d) ? d : d.keys).length === 0}
        emptyText={t('data.noKeys')}
      >
        {(d) => {
          const list = Array.isArray(d) ? d : d.keys;
          return (
            <Table
              testId="keys"
              stack
              head={[t('data.source'), t('data.prefix'), t('data.created'), t('profile.events'), '']}
              numeric={[3]}
              rows={list.map((k) => [
                k.name,
                <code key="p">{String(k.prefix ?? '')}…</code>,
                show(k.createdAt ?? null),
                fmt.int(typeof k.events === 'number' ? k.events : null),
                <button key="r" type="button" className="link" onClick={() => revoke(k.name)}>
                  {t('data.revoke')}
                </button>,
              ])}
            />
          );
        }}
      </Loaded>
      <form className="row" onSubmit={create}>
        <input
          aria-label={t('data.source')}
          placeholder={t('data.source')}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" disabled={!name.trim()}>
          {t('data.create')}
        </button>
      </form>
      {created?.key && (
        <p>
          {t('data.newKey')}{' '}
          <code className="secret" data-testid="new-key">
            {created.key}
          </code>{' '}
          <button type="button" onClick={() => void navigator.clipboard?.writeText(created.key ?? '')}>
            {t('data.copy')}
          </button>
        </p>
      )}
      {created?.error && <ErrorBox error={created.error} />}
    </Card>
  );
}
