import type { JourneySummary } from '@contracts/journeys';
import type { Static } from '@sinclair/typebox';
import { useState } from 'react';
import { api } from '../../api';
import { t } from '../../i18n';
import { Link } from '../../router';
import { segmentTitle } from '../../segment-words';
import { Card, ErrorBox, fmt, Kpi, Loaded, Table, Ticked, useLoad } from '../../ui';
import { useScopes } from './common';
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
                {j.name}
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
        <h2>{props.name}</h2>
        <Link to="/act/journeys">{t('journeys.all')}</Link>
      </div>
      <Loaded load={load}>
        {(j) => (
          <>
            {j.definition.description ? <p className="muted">{j.definition.description}</p> : null}
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
                    <code>{s.id}</code> {stepWords(s)}
                    {then(j.definition.steps, i)}
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

function triggerWords(tr: Journey['definition']['trigger']): string {
  switch (tr.kind) {
    case 'segment':
      return tr.on === 'exit'
        ? t('journeys.trigger.exit', { segment: segmentTitle(tr.segment) })
        : t(tr.existing ? 'journeys.trigger.enterExisting' : 'journeys.trigger.enter', {
            segment: segmentTitle(tr.segment),
          });
    case 'event':
      return t('journeys.trigger.event', { event: tr.where ? `${tr.event} (${tr.where})` : tr.event });
    case 'date':
      return t('journeys.trigger.date', { field: tr.field });
    case 'score':
      return tr.above !== undefined
        ? t('journeys.trigger.above', { score: tr.score, value: fmt.num(tr.above) })
        : t('journeys.trigger.below', { score: tr.score, value: fmt.num(tr.below) });
  }
}

function stepWords(s: Step): string {
  switch (s.kind) {
    case 'wait':
      return [
        s.duration ? t('journeys.step.waitFor', { duration: s.duration }) : '',
        s.until ? t('journeys.step.waitUntil', { time: s.until }) : '',
      ]
        .filter(Boolean)
        .join(', ');
    case 'branch':
      return s.experiment !== undefined
        ? t('journeys.step.variant', {
            experiment: s.experiment,
            routes: Object.entries(s.variants ?? {})
              .map(([v, to]) => `${v} → ${to}`)
              .join(', '),
          })
        : t('journeys.step.if', { condition: s.if ?? '', to: s.goto ?? '' });
    case 'email':
      return t('journeys.step.email', { campaign: s.campaign });
    case 'destination':
      return t('journeys.step.destination', { destination: s.destination });
    case 'tag':
      return s.add !== undefined
        ? t('journeys.step.tagAdd', { tag: s.add })
        : t('journeys.step.tagRemove', { tag: s.remove ?? '' });
    case 'exit':
      return t('journeys.step.exit');
  }
}

// Where a step leads when it is not simply the next one in the list; where a branch sends the rest.
function then(steps: readonly Step[], i: number): string {
  const s = steps[i]!;
  if (s.kind === 'exit') return '';
  const following = steps[i + 1]?.id ?? t('journeys.step.end');
  if (s.kind === 'branch') return `; ${t('journeys.step.otherwise', { to: s.else ?? following })}`;
  if (s.next !== undefined) return ` → ${s.next}`;
  return i === steps.length - 1 ? ` → ${t('journeys.step.end')}` : '';
}
