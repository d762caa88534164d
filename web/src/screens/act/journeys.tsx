import type { JourneySummary } from '@contracts/journeys';
import type { Static } from '@sinclair/typebox';
import { useState } from 'react';
import { api } from '../../api';
import { t } from '../../i18n';
import { Link } from '../../router';
import { journeyDescription, nameTitle, ruleClause, stepTitle } from '../../segment-words';
import { Card, ErrorBox, fmt, Kpi, Loaded, Table, Ticked, useLoad } from '../../ui';
import { stepWords, thenWords, triggerWords } from './act-words';
import { StoredKey, useScopes } from './common';
import { JourneyBuilderScreen } from './journey-builder';

type Journey = Static<typeof JourneySummary>;
type Step = Journey['definition']['steps'][number];

/**
 * The Act group's journeys tab (`/act/journeys/…`): the list, one journey, the builder for a new one and
 * for an edit (`/act/journeys/NAME/edit`).
 */
export function JourneysTab(props: { rest: readonly string[] }) {
  const [first, second] = props.rest;
  if (first === 'new') return <JourneyBuilderScreen />;
  if (first && second === 'edit') return <JourneyBuilderScreen name={first} />;
  if (first) return <JourneyScreen name={first} />;
  return <JourneysScreen />;
}

/** The journeys: each with its state and counts, paused or resumed in place. */
export function JourneysScreen() {
  const load = useLoad('journeys', () => api<Journey[]>('/v1/journeys'));
  const scopes = useScopes();
  return (
    <>
      <div className="row spread">
        <p className="muted">{t('jb.question')}</p>
        {scopes.has('write') && (
          <Link to="/act/journeys/new" className="button primary">
            {t('jb.new')}
          </Link>
        )}
      </div>
      <Loaded load={load} empty={(d) => d.length === 0} emptyText={<Ticked text={t('journeys.none')} />}>
        {(list) => (
          <Table
            testId="journey-list"
            stack
            head={[
              t('journeys.name'),
              t('journeys.state'),
              t('journeys.inNow'),
              t('journeys.entered'),
              t('journeys.sent'),
              t('journeys.exited'),
            ]}
            numeric={[2, 3, 4, 5]}
            rows={list.map((j) => [
              <Link key="n" to={`/act/journeys/${encodeURIComponent(j.name)}`}>
                <span title={t('act.keyIs', { key: j.name })}>{nameTitle(j.name)}</span>
              </Link>,
              stateWord(j.state),
              fmt.int(j.active),
              fmt.int(j.entered),
              fmt.int(j.sent),
              fmt.int(j.exited),
            ])}
          />
        )}
      </Loaded>
    </>
  );
}

const stateWord = (state: Journey['state']) =>
  state === 'active' ? t('journeys.active') : t('journeys.paused');

/** One journey: its counts, pause or resume, and its steps as a flow in words. */
export function JourneyScreen(props: { name: string }) {
  const load = useLoad(`journey:${props.name}`, async () => {
    const list = await api<Journey[]>('/v1/journeys');
    const found = list.find((j) => j.name === props.name);
    if (!found) throw new Error(t('journeys.notFound', { name: props.name }));
    return found;
  });
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const toggle = async (j: Journey) => {
    setBusy(true);
    setError(null);
    try {
      await api(`/v1/journeys/${encodeURIComponent(j.name)}/${j.state === 'active' ? 'pause' : 'resume'}`, {
        method: 'POST',
      });
      load.reload();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  const scopes = useScopes();
  return (
    <>
      <div className="row spread">
        <div className="named">
          <h2>{nameTitle(props.name)}</h2>
          <StoredKey name={props.name} />
        </div>
        <Link to="/act/journeys">{t('journeys.all')}</Link>
      </div>
      <Loaded load={load}>
        {(j) => (
          <>
            {j.definition.description ? (
              <p className="muted">{journeyDescription(j.name, j.definition.description)}</p>
            ) : null}
            <div className="kpis">
              <Kpi label={t('journeys.state')} value={stateWord(j.state)} testId="journey-state" />
              <Kpi label={t('journeys.inNow')} value={fmt.int(j.active)} />
              <Kpi label={t('journeys.entered')} value={fmt.int(j.entered)} />
              <Kpi label={t('journeys.sent')} value={fmt.int(j.sent)} />
              <Kpi label={t('journeys.exited')} value={fmt.int(j.exited)} />
            </div>
            <div className="row">
              <button type="button" className="button" disabled={busy} onClick={() => void toggle(j)}>
                {j.state === 'active' ? t('journeys.pause') : t('journeys.resume')}
              </button>
              {scopes.has('write') && (
                <Link to={`/act/journeys/${encodeURIComponent(j.name)}/edit`} className="button">
                  {t('jb.edit')}
                </Link>
              )}
              <span className="muted" data-testid="journey-version">
                {t('jb.version', { n: j.version })}
              </span>
              <span className="muted">
                {t('journeys.lastRun')}: {fmt.when(j.runAt)}
              </span>
            </div>
            {error ? <ErrorBox error={error} /> : null}
            <Card title={t('journeys.flow')}>
              <ol className="flow" data-testid="journey-flow">
                <li>
                  <strong>{t('journeys.trigger')}</strong> {triggerWords(j.definition.trigger)}
                </li>
                {j.definition.steps.map((s, i) => (
                  <li key={s.id}>
                    <strong title={t('act.keyIs', { key: s.id })}>{stepTitle(j.name, s.id)}</strong>:{' '}
                    <StepWords step={s} journey={j.name} />
                    {thenWords(j.definition.steps, i, j.name)}
                  </li>
                ))}
              </ol>
            </Card>
          </>
        )}
      </Loaded>
    </>
  );
}

/** One step in words; a condition the words cannot read (written for a newer server), as written and marked so. */
function StepWords(props: { step: Step; journey: string }) {
  const s = props.step;
  if (s.kind === 'branch' && s.experiment === undefined && ruleClause(s.if ?? '') === null) {
    const to = s.goto ? stepTitle(props.journey, s.goto) : '';
    return (
      <>
        {t('journeys.step.ifRaw')} <code className="raw">{s.if}</code>
        {to && <>, {t('journeys.step.goto', { to })}</>}
      </>
    );
  }
  return stepWords(s, props.journey);
}
