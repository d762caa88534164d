import type { DestinationTested, DestinationView, OutboxView } from '@contracts/activation';
import { type FormEvent, useState } from 'react';
import { api } from '../../api';
import { t, tn } from '../../i18n';
import { nameTitle } from '../../segment-words';
import { Card, fmt, Kpi, Loaded, Table, useLoad } from '../../ui';
import { failureWords } from './act-words';
import { ConfirmButton, Field, FormProblems, NameField, Problem, StoredKey, useScopes } from './common';

type Kind = DestinationView['type'];
const KINDS: Kind[] = ['webhook', 'segment', 'file'];

/** Where audiences and journeys send people: each destination's health, a test, create and delete. */
export function DestinationsScreen() {
  const scopes = useScopes();
  const [error, setError] = useState<Error | null>(null);
  const list = useLoad('destinations', () => api<{ destinations: DestinationView[] }>('/v1/destinations'));
  const outbox = useLoad('outbox', () => api<OutboxView>('/v1/outbox'));
  const reload = () => {
    list.reload();
    outbox.reload();
  };
  return (
    <>
      <p className="muted">{t('act.destinations.question')}</p>
      <Loaded load={outbox}>
        {(o) => (
          <div className="kpis small" data-testid="outbox">
            <Kpi label={t('act.outbox.delivered')} value={fmt.int(o.delivered)} testId="outbox-delivered" />
            <Kpi
              label={t('act.outbox.pending')}
              value={fmt.int(o.pending)}
              sub={o.nextAt ? t('act.outbox.nextAt', { when: fmt.when(o.nextAt) }) : undefined}
              testId="outbox-pending"
            />
            <Kpi label={t('act.outbox.dead')} value={fmt.int(o.dead)} testId="outbox-dead" />
          </div>
        )}
      </Loaded>
      <Card title={t('act.destinations.title')}>
        <Loaded load={list} empty={(d) => d.destinations.length === 0} emptyText={t('act.destinations.none')}>
          {(d) => (
            <Table
              testId="destination-list"
              stack
              head={[
                t('act.name'),
                t('act.destinations.type'),
                t('act.destinations.where'),
                t('act.destinations.health'),
                '',
              ]}
              rows={d.destinations.map((x) => [
                <span key="n" className="named">
                  <strong>{nameTitle(x.name)}</strong>
                  <StoredKey name={x.name} />
                </span>,
                t(`act.kind.${x.type}`),
                <span key="w" className="small">
                  {x.url ?? x.out ?? ''}
                  {x.signed && <span className="tag">{t('act.destinations.signed')}</span>}
                </span>,
                <Health key="h" d={x} />,
                <span key="a" className="actions">
                  {scopes.has('write') && <TestButton name={x.name} onDone={reload} />}
                  {scopes.has('write') && (
                    <ConfirmButton
                      label={t('act.delete')}
                      question={t('act.destinations.deleteConfirm', { name: nameTitle(x.name) })}
                      testId={`delete-${x.name}`}
                      onConfirm={async () => {
                        setError(null);
                        await api(`/v1/destinations/${encodeURIComponent(x.name)}`, {
                          method: 'DELETE',
                        }).catch((e: Error) => setError(e));
                        reload();
                      }}
                    />
                  )}
                </span>,
              ])}
            />
          )}
        </Loaded>
        <Problem error={error} testId="delete-error" />
      </Card>
      {scopes.has('write') && <CreateDestination admin={scopes.has('admin')} onCreated={reload} />}
    </>
  );
}

/** A destination's delivery record in a sentence or two: last delivery, failures waiting, dead letters. */
function Health(props: { d: DestinationView }) {
  const h = props.d.health;
  const bad = h.dead > 0 || h.retrying > 0;
  return (
    <span className={bad ? 'health bad' : 'health'} data-testid={`health-${props.d.name}`}>
      <span>
        {h.lastDeliveredAt
          ? t('act.health.last', { when: fmt.when(h.lastDeliveredAt) })
          : t('act.health.never')}
      </span>
      <span>
        {tn('act.health.delivered', h.delivered)}
        {h.retrying > 0 && <> · {tn('act.health.retrying', h.retrying)}</>}
        {h.dead > 0 && <> · {tn('act.health.dead', h.dead)}</>}
      </span>
      {h.lastFailure && (
        <span
          className="small"
          title={h.lastFailure.error ?? undefined}
          data-testid={`failure-${props.d.name}`}
        >
          {t('act.health.failError', { why: failureWords(h.lastFailure) })}
        </span>
      )}
    </span>
  );
}

function TestButton(props: { name: string; onDone: () => void }) {
  const [state, setState] = useState<{ busy?: boolean; result?: DestinationTested; error?: Error }>({});
  const run = async () => {
    setState({ busy: true });
    try {
      const result = await api<DestinationTested>(`/v1/destinations/${encodeURIComponent(props.name)}/test`, {
        method: 'POST',
        body: {},
      });
      setState({ result });
    } catch (error) {
      setState({ error: error as Error });
    }
    props.onDone();
  };
  const r = state.result;
  return (
    <span className="test">
      <button type="button" onClick={run} disabled={state.busy} data-testid={`test-${props.name}`}>
        {state.busy ? t('act.destinations.testing') : t('act.destinations.test')}
      </button>
      {r && (
        <span
          className={r.ok ? 'up small' : 'down small'}
          role="status"
          data-testid={`tested-${props.name}`}
          title={r.error ?? undefined}
        >
          {r.ok
            ? t('act.destinations.testOk')
            : t(r.status !== null ? 'act.destinations.testStatus' : 'act.destinations.testError', {
                why: failureWords(r),
              })}
        </span>
      )}
      <Problem error={state.error} />
    </span>
  );
}

interface Draft {
  name: string;
  type: Kind;
  url: string;
  secret: string;
  writeKey: string;
  batch: string;
  out: string;
}
const EMPTY: Draft = { name: '', type: 'webhook', url: '', secret: '', writeKey: '', batch: '', out: '' };

/** What is missing before the server is asked (the server checks again and its coded errors show too). */
function missing(d: Draft): string | null {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(d.name)) return t('act.destinations.needName');
  if (d.type === 'file') return /\.(csv|parquet)$/i.test(d.out) ? null : t('act.destinations.needOut');
  if (!/^https?:\/\/\S+$/i.test(d.url)) return t('act.destinations.needUrl');
  if (d.type === 'segment' && !d.writeKey) return t('act.destinations.needWriteKey');
  if (d.batch && !(Number(d.batch) >= 1 && Number(d.batch) <= 1000 && Number.isInteger(Number(d.batch))))
    return t('act.destinations.needBatch');
  return null;
}

function CreateDestination(props: { admin: boolean; onCreated: () => void }) {
  const [d, setD] = useState<Draft>(EMPTY);
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof Draft) => (e: { target: { value: string } }) => setD({ ...d, [k]: e.target.value });
  const gap = missing(d);
  const kinds = props.admin ? KINDS : KINDS.filter((k) => k !== 'file');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (gap) return;
    setBusy(true);
    setError(null);
    try {
      await api('/v1/destinations', {
        method: 'POST',
        body: {
          name: d.name,
          type: d.type,
          ...(d.type === 'file' ? { out: d.out } : { url: d.url }),
          ...(d.type === 'webhook' && d.secret && { secret: d.secret }),
          ...(d.type === 'segment' && { writeKey: d.writeKey }),
          ...(d.batch && { batch: Number(d.batch) }),
        },
      });
      setD(EMPTY);
      setTouched(false);
      props.onCreated();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('act.destinations.create')}>
      <form className="form-grid" onSubmit={submit} data-testid="destination-form" noValidate>
        <NameField value={d.name} onChange={(name) => setD({ ...d, name })} />
        <Field label={t('act.destinations.type')}>
          <select name="type" value={d.type} onChange={set('type')}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`act.kind.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        {d.type === 'file' ? (
          <Field label={t('act.destinations.out')} wide>
            <input name="out" value={d.out} onChange={set('out')} placeholder="/var/exports/audience.csv" />
          </Field>
        ) : (
          <Field label={t('act.destinations.url')} wide>
            <input name="url" type="url" value={d.url} onChange={set('url')} placeholder="https://" />
          </Field>
        )}
        {d.type === 'webhook' && (
          <Field label={t('act.destinations.secret')}>
            <input
              name="secret"
              type="password"
              value={d.secret}
              onChange={set('secret')}
              autoComplete="new-password"
            />
          </Field>
        )}
        {d.type === 'segment' && (
          <Field label={t('act.destinations.writeKey')}>
            <input
              name="writeKey"
              type="password"
              value={d.writeKey}
              onChange={set('writeKey')}
              autoComplete="new-password"
            />
          </Field>
        )}
        {d.type !== 'file' && (
          <Field label={t('act.destinations.batch')}>
            <input
              name="batch"
              inputMode="numeric"
              value={d.batch}
              onChange={set('batch')}
              placeholder={d.type === 'segment' ? '100' : '1'}
            />
          </Field>
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('act.destinations.createButton')}
          </button>
        </div>
      </form>
      <p className="muted small">{t(`act.kindHelp.${d.type}`)}</p>
      <FormProblems name="destination" gap={touched && gap} error={error} />
    </Card>
  );
}
