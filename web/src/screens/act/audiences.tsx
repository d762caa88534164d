import type { AudienceSynced, AudienceView, DestinationView } from '@contracts/activation';
import type { SegmentSummary } from '@contracts/segments';
import { type FormEvent, useState } from 'react';
import { api } from '../../api';
import { t, tn } from '../../i18n';
import { Link } from '../../router';
import { nameTitle, segmentTitle } from '../../segment-words';
import { Card, fmt, Loaded, Table, useLoad } from '../../ui';
import {
  ConfirmButton,
  Field,
  NameField,
  Problem,
  SegmentField,
  StoredKey,
  useScopes,
  WarningList,
} from './common';

/** Who is sent where: each audience's segment → destination, members, what the last sync moved, sync now. */
export function AudiencesScreen() {
  const scopes = useScopes();
  const list = useLoad('audiences', () => api<{ audiences: AudienceView[] }>('/v1/audiences'));
  const [synced, setSynced] = useState<Record<string, AudienceSynced>>({});
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const sync = async (name: string) => {
    setBusy(name);
    setError(null);
    try {
      const r = await api<AudienceSynced>(`/v1/audiences/${encodeURIComponent(name)}/sync`, {
        method: 'POST',
        body: {},
      });
      setSynced((s) => ({ ...s, [name]: r }));
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(null);
      list.reload();
    }
  };
  return (
    <>
      <p className="muted">{t('act.audiences.question')}</p>
      <Card title={t('act.audiences.title')}>
        <Loaded load={list} empty={(d) => d.audiences.length === 0} emptyText={t('act.audiences.none')}>
          {(d) => (
            <Table
              testId="audience-list"
              stack
              numeric={[2]}
              head={[
                t('act.name'),
                t('act.audiences.route'),
                t('act.audiences.members'),
                t('act.audiences.lastSync'),
                t('act.audiences.allTime'),
                '',
              ]}
              rows={d.audiences.map((a) => {
                const now = synced[a.name];
                return [
                  <span key="n" className="named">
                    <strong>{nameTitle(a.name)}</strong>
                    <StoredKey name={a.name} />
                  </span>,
                  <span key="r">
                    <Link to={`/segments/${encodeURIComponent(a.segment)}`}>{segmentTitle(a.segment)}</Link> →{' '}
                    {nameTitle(a.destination)}
                  </span>,
                  <span key="m" data-testid={`members-${a.name}`}>
                    {fmt.int(a.members)}
                  </span>,
                  <span key="l" className="health" data-testid={`last-${a.name}`}>
                    {a.syncedAt === null || a.lastSync === null ? (
                      t('act.audiences.never')
                    ) : (
                      <>
                        <span>{fmt.when(a.syncedAt)}</span>
                        <span>
                          {t('act.audiences.moves', {
                            entered: fmt.int(a.lastSync.entered),
                            exited: fmt.int(a.lastSync.exited),
                          })}
                        </span>
                        <span>
                          {t('act.audiences.delivery', {
                            sent: fmt.int(a.lastSync.sent),
                            failed: fmt.int(a.lastSync.failed),
                          })}
                          {a.lastSync.pending > 0 && (
                            <> · {tn('act.audiences.pending', a.lastSync.pending)}</>
                          )}
                        </span>
                      </>
                    )}
                  </span>,
                  <span key="d" className="health" data-testid={`delivered-${a.name}`}>
                    <span>
                      {t('act.audiences.delivery', {
                        sent: fmt.int(a.delivered.sent),
                        failed: fmt.int(a.delivered.failed),
                      })}
                    </span>
                    {a.delivered.pending > 0 && (
                      <span>{tn('act.audiences.pending', a.delivered.pending)}</span>
                    )}
                  </span>,
                  <span key="a" className="actions">
                    {scopes.has('pii') ? (
                      <button
                        type="button"
                        className="primary"
                        disabled={busy !== null}
                        onClick={() => sync(a.name)}
                        data-testid={`sync-${a.name}`}
                      >
                        {busy === a.name ? t('act.audiences.syncing') : t('act.audiences.sync')}
                      </button>
                    ) : (
                      <span className="muted small">{t('act.audiences.noPii')}</span>
                    )}
                    {scopes.has('write') && (
                      <ConfirmButton
                        label={t('act.delete')}
                        question={t('act.audiences.deleteConfirm', { name: nameTitle(a.name) })}
                        onConfirm={async () => {
                          await api(`/v1/audiences/${encodeURIComponent(a.name)}`, {
                            method: 'DELETE',
                          }).catch((e: Error) => setError(e));
                          list.reload();
                        }}
                      />
                    )}
                    {now && (
                      <span className="small" role="status" data-testid={`synced-${a.name}`}>
                        {t('act.audiences.justSynced', {
                          entered: fmt.int(now.entered),
                          exited: fmt.int(now.exited),
                          sent: fmt.int(now.sent),
                          failed: fmt.int(now.failed),
                        })}
                      </span>
                    )}
                  </span>,
                ];
              })}
            />
          )}
        </Loaded>
        {Object.values(synced).map((s) => (
          <WarningList key={s.name} warnings={s.warnings} />
        ))}
        <Problem error={error} testId="audience-error" />
      </Card>
      {scopes.has('write') && <CreateAudience onCreated={list.reload} />}
    </>
  );
}

function CreateAudience(props: { onCreated: () => void }) {
  const segments = useLoad('segments', () => api<SegmentSummary[]>('/v1/segments'));
  const destinations = useLoad('destinations', () =>
    api<{ destinations: DestinationView[] }>('/v1/destinations'),
  );
  const [name, setName] = useState('');
  const [segment, setSegment] = useState('');
  const [to, setTo] = useState('');
  const [fields, setFields] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const [gap, setGap] = useState<string | null>(null);
  const firstSegment = segments.data?.[0]?.name ?? '';
  const firstDestination = destinations.data?.destinations[0]?.name ?? '';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const chosen = { segment: segment || firstSegment, to: to || firstDestination };
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name)) return setGap(t('act.destinations.needName'));
    if (!chosen.segment) return setGap(t('act.audiences.needSegment'));
    if (!chosen.to) return setGap(t('act.audiences.needDestination'));
    setGap(null);
    setError(null);
    try {
      const list = fields
        .split(',')
        .map((f) => f.trim())
        .filter(Boolean);
      await api('/v1/audiences', {
        method: 'POST',
        body: { name, ...chosen, ...(list.length && { fields: list }) },
      });
      setName('');
      setFields('');
      props.onCreated();
    } catch (err) {
      setError(err as Error);
    }
  };
  return (
    <Card title={t('act.audiences.create')}>
      <form className="form-grid" onSubmit={submit} data-testid="audience-form" noValidate>
        <NameField value={name} onChange={setName} />
        <SegmentField segments={segments.data} value={segment || firstSegment} onChange={setSegment} />
        <Field label={t('act.audiences.destination')}>
          <select name="to" value={to || firstDestination} onChange={(e) => setTo(e.target.value)}>
            {(destinations.data?.destinations ?? []).map((d) => (
              <option key={d.name} value={d.name}>
                {nameTitle(d.name)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('act.audiences.fields')} wide>
          <input
            name="fields"
            value={fields}
            onChange={(e) => setFields(e.target.value)}
            placeholder="email, first_name, last_name, country"
          />
        </Field>
        <div className="form-actions">
          <button type="submit" className="primary">
            {t('act.audiences.createButton')}
          </button>
        </div>
      </form>
      <p className="muted small">{t('act.audiences.consent')}</p>
      {gap && (
        <div className="state error" role="alert">
          {gap}
        </div>
      )}
      <Problem error={error} testId="audience-create-error" />
    </Card>
  );
}
