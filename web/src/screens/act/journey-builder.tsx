import type { CampaignView, DestinationView, ExperimentView } from '@contracts/activation';
import type { JourneySummary } from '@contracts/journeys';
import type { SegmentSummary } from '@contracts/segments';
import type { Static } from '@sinclair/typebox';
import { type FormEvent, type ReactNode, useState } from 'react';
import { ApiError, api } from '../../api';
import { t, tn } from '../../i18n';
import { navigate } from '../../router';
import { journeyDescription, nameTitle, segmentTitle, stepTitle } from '../../segment-words';
import { Card, Loaded, Ticked, useLoad } from '../../ui';
import { variantTitle } from './act-words';
import { Field, Problem, RuleHint } from './common';
import {
  allIds,
  type Definition,
  type DraftStep,
  type ErrorPlace,
  flatten,
  moveAt,
  newStep,
  placeOf,
  STEP_KINDS,
  type Step,
  type StepKind,
  type Trigger,
  toDraft,
  updateAt,
} from './journey-draft';

type Journey = Static<typeof JourneySummary>;

/** What the pickers offer, each list fed by the API. */
interface Choices {
  readonly segments: readonly string[];
  readonly destinations: readonly string[];
  readonly campaigns: readonly string[];
  readonly experiments: readonly { name: string; variants: readonly string[] }[];
}

const SCORES = ['clv', 'churn_risk', 'p_alive'];

/** `/act/journeys/new` and `/act/journeys/NAME/edit`: the journey builder, fed by the API's lists. */
export function JourneyBuilderScreen(props: { name?: string }) {
  const choices = useLoad('journey-choices', async (): Promise<Choices> => {
    const [segments, destinations, campaigns, experiments] = await Promise.all([
      api<SegmentSummary[]>('/v1/segments'),
      api<{ destinations: DestinationView[] }>('/v1/destinations'),
      api<{ campaigns: CampaignView[] }>('/v1/campaigns'),
      api<{ experiments: ExperimentView[] }>('/v1/experiments'),
    ]);
    return {
      segments: segments.map((s) => s.name),
      // A journey sends to webhooks and Segment-compatible endpoints, not files.
      destinations: destinations.destinations.filter((d) => d.type !== 'file').map((d) => d.name),
      campaigns: campaigns.campaigns.map((c) => c.name),
      experiments: experiments.experiments.map((e) => ({ name: e.name, variants: e.variants })),
    };
  });
  const existing = useLoad(props.name ? `journey-edit:${props.name}` : null, async () => {
    const found = (await api<Journey[]>('/v1/journeys')).find((j) => j.name === props.name);
    if (!found) throw new Error(t('journeys.notFound', { name: props.name ?? '' }));
    return found;
  });
  return (
    <>
      <h2>{props.name ? t('jb.editTitle', { name: nameTitle(props.name) }) : t('jb.newTitle')}</h2>
      <Loaded load={choices}>
        {(c) =>
          props.name ? (
            <Loaded load={existing}>{(j) => <Builder choices={c} initial={j.definition} editing />}</Loaded>
          ) : (
            <Builder choices={c} />
          )
        }
      </Loaded>
    </>
  );
}

const BLANK: Definition = {
  name: '',
  trigger: { kind: 'segment', segment: '', on: 'enter' },
  steps: [{ id: 'wait-1', kind: 'wait', duration: '1d' }],
};

// Drops the optional fields left empty, so the definition reads as one written by hand.
function tidy<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== '' && v !== undefined)) as T;
}

function Builder(props: { choices: Choices; initial?: Definition; editing?: boolean }) {
  const start = props.initial ?? BLANK;
  const [name, setName] = useState(start.name);
  // A shipped play's own description is shown in the page's language (the stored one is the English that
  // `plays enable` wrote); left as shown, the stored text is saved again, so only an edit replaces it.
  const [shownDescription] = useState(() => journeyDescription(start.name, start.description));
  const [description, setDescription] = useState(shownDescription);
  const [trigger, setTrigger] = useState<Trigger>(start.trigger);
  const [steps, setSteps] = useState<DraftStep[]>(() => toDraft(start));
  const [reentry, setReentry] = useState<string>(
    start.reentry === undefined || typeof start.reentry === 'string'
      ? (start.reentry ?? 'never')
      : String(start.reentry.afterDays),
  );
  const [error, setError] = useState<{ e: Error; place: ErrorPlace | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const flat = flatten(steps);
  const definition: Definition = {
    ...tidy({
      name,
      description: description === shownDescription ? (start.description ?? '') : description,
    }),
    name,
    trigger: tidy(trigger),
    steps: flat.steps.map((s) => tidy(s)),
    ...(reentry !== 'never' && {
      reentry: reentry === 'always' ? 'always' : { afterDays: Math.max(1, Math.trunc(Number(reentry)) || 1) },
    }),
    ...(start.quietHours !== undefined && { quietHours: start.quietHours }),
    ...(start.timezone !== undefined && { timezone: start.timezone }),
  };
  const ids = allIds(steps);
  const errorAt = (place: ErrorPlace): string | null => {
    const p = error?.place;
    if (!p || p.at !== place.at || p.field !== place.field) return null;
    if (p.at === 'step' && place.at === 'step' && p.key !== place.key) return null;
    // The server's sentence starts with the path; next to the field the path says nothing more.
    return error.e.message.replace(/^\/\S*: /, '');
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api(props.editing ? `/v1/journeys/${encodeURIComponent(name)}` : '/v1/journeys', {
        method: props.editing ? 'PUT' : 'POST',
        body: definition,
      });
      navigate(`/act/journeys/${encodeURIComponent(name)}`);
    } catch (err) {
      const path = err instanceof ApiError ? err.details?.path : undefined;
      setError({ e: err as Error, place: typeof path === 'string' ? placeOf(path, flat.owners) : null });
    } finally {
      setBusy(false);
    }
  };
  const stepCtx: StepContext = {
    choices: props.choices,
    ids,
    journey: name.trim(),
    errorAt,
    change: (key, change) => setSteps((list) => updateAt(list, key, change)),
    move: (key, by) => setSteps((list) => moveAt(list, key, by)),
  };
  const formError = error && (!error.place || error.place.at === 'form') ? error.e : null;
  return (
    <form onSubmit={submit} data-testid="journey-builder" noValidate className="journey-builder">
      <Card title={t('jb.about')}>
        <div className="form-grid">
          <Field
            label={t('act.name')}
            error={errorAt({ at: 'form', field: 'name' })}
            hint={
              name.trim() && nameTitle(name.trim()) !== name.trim()
                ? t('act.shownAs', { title: nameTitle(name.trim()) })
                : undefined
            }
          >
            <input
              name="name"
              value={name}
              readOnly={props.editing}
              onChange={(e) => setName(e.target.value)}
              autoComplete="off"
            />
          </Field>
          <Field label={t('jb.reentry')}>
            <select name="reentry" value={reentry} onChange={(e) => setReentry(e.target.value)}>
              <option value="never">{t('jb.reentry.never')}</option>
              <option value="always">{t('jb.reentry.always')}</option>
              {[7, 30, 90, 365].map((d) => (
                <option key={d} value={String(d)}>
                  {tn('jb.reentry.after', d)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('jb.description')} wide>
            <input name="description" value={description} onChange={(e) => setDescription(e.target.value)} />
          </Field>
        </div>
      </Card>
      <Card title={t('journeys.trigger')}>
        <TriggerEditor
          trigger={trigger}
          onChange={setTrigger}
          choices={props.choices}
          errorAt={(field) => errorAt({ at: 'trigger', field })}
        />
      </Card>
      <Card title={t('journeys.flow')}>
        <StepList list={steps} ctx={stepCtx} onChange={setSteps} testId="journey-steps" />
      </Card>
      <details className="json-preview">
        <summary>
          <Ticked text={t('jb.json')} />
        </summary>
        <pre className="raw" data-testid="journey-json">
          {JSON.stringify(definition, null, 2)}
        </pre>
      </details>
      <div className="row">
        <button type="submit" className="primary" disabled={busy} data-testid="journey-save">
          {props.editing ? t('jb.saveEdit') : t('jb.create')}
        </button>
        {props.editing && <span className="muted small">{t('jb.editRule')}</span>}
      </div>
      <Problem error={formError} testId="journey-error" />
      {error?.place && error.place.at !== 'form' && (
        <div className="state error" role="alert" data-testid="journey-error">
          {t('jb.seeField')}
        </div>
      )}
    </form>
  );
}

const TRIGGER_KINDS: Trigger['kind'][] = ['segment', 'event', 'date', 'score'];

function TriggerEditor(props: {
  trigger: Trigger;
  onChange: (t: Trigger) => void;
  choices: Choices;
  errorAt: (field: string) => string | null;
}) {
  const tr = props.trigger;
  const kind = (k: Trigger['kind']) => {
    switch (k) {
      case 'segment':
        return props.onChange({ kind: k, segment: props.choices.segments[0] ?? '', on: 'enter' });
      case 'event':
        return props.onChange({ kind: k, event: '' });
      case 'date':
        return props.onChange({ kind: k, field: 'birth_date' });
      case 'score':
        return props.onChange({ kind: k, score: 'churn_risk', above: 0.7 });
    }
  };
  const set = (patch: Record<string, unknown>) => props.onChange({ ...tr, ...patch } as Trigger);
  const num = (v: string) => (v.trim() === '' ? undefined : Number(v));
  return (
    <div className="form-grid" data-testid="journey-trigger">
      <Field label={t('jb.trigger.kind')} error={props.errorAt('')}>
        <select name="trigger" value={tr.kind} onChange={(e) => kind(e.target.value as Trigger['kind'])}>
          {TRIGGER_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`jb.triggerKind.${k}`)}
            </option>
          ))}
        </select>
      </Field>
      {tr.kind === 'segment' && (
        <>
          <Field label={t('jb.trigger.on')}>
            <select name="on" value={tr.on ?? 'enter'} onChange={(e) => set({ on: e.target.value })}>
              <option value="enter">{t('jb.trigger.onEnter')}</option>
              <option value="exit">{t('jb.trigger.onExit')}</option>
            </select>
          </Field>
          <Field label={t('act.segment')} error={props.errorAt('segment')}>
            <Picker
              name="segment"
              value={tr.segment}
              title={segmentTitle}
              options={props.choices.segments}
              onChange={(v) => set({ segment: v })}
            />
          </Field>
          {(tr.on ?? 'enter') === 'enter' && (
            <label className="check">
              <input
                type="checkbox"
                name="existing"
                checked={tr.existing === true}
                onChange={(e) => set({ existing: e.target.checked || undefined })}
              />
              {t('jb.trigger.existing')}
            </label>
          )}
        </>
      )}
      {tr.kind === 'event' && (
        <>
          <Field label={t('jb.trigger.event')} error={props.errorAt('event')}>
            <input
              name="event"
              value={tr.event}
              onChange={(e) => set({ event: e.target.value })}
              placeholder="Order Completed"
            />
          </Field>
          <Field
            label={t('jb.trigger.where')}
            wide
            error={props.errorAt('where')}
            hint={<RuleHint rule={tr.where} help={t('jb.trigger.whereHint')} filters />}
          >
            <input
              name="where"
              value={tr.where ?? ''}
              onChange={(e) => set({ where: e.target.value })}
              placeholder="revenue >= 50"
            />
          </Field>
        </>
      )}
      {tr.kind === 'date' && (
        <>
          <Field label={t('jb.trigger.field')} error={props.errorAt('field')}>
            <input name="field" value={tr.field} onChange={(e) => set({ field: e.target.value })} />
          </Field>
          <Field label={t('jb.trigger.offset')} error={props.errorAt('offsetDays')}>
            <input
              name="offsetDays"
              type="number"
              min={-60}
              max={60}
              value={tr.offsetDays ?? 0}
              onChange={(e) => set({ offsetDays: Number(e.target.value) || undefined })}
            />
          </Field>
        </>
      )}
      {tr.kind === 'score' && (
        <>
          <Field label={t('jb.trigger.score')} error={props.errorAt('score')}>
            <input
              name="score"
              list="journey-scores"
              value={tr.score}
              onChange={(e) => set({ score: e.target.value })}
            />
            <datalist id="journey-scores">
              {SCORES.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          </Field>
          <Field label={t('jb.trigger.direction')}>
            <select
              name="direction"
              value={tr.below !== undefined ? 'below' : 'above'}
              onChange={(e) =>
                props.onChange({
                  kind: 'score',
                  score: tr.score,
                  [e.target.value]: tr.above ?? tr.below ?? 0,
                } as Trigger)
              }
            >
              <option value="above">{t('jb.trigger.above')}</option>
              <option value="below">{t('jb.trigger.below')}</option>
            </select>
          </Field>
          <Field label={t('jb.trigger.threshold')}>
            <input
              name="threshold"
              inputMode="decimal"
              value={String(tr.above ?? tr.below ?? '')}
              onChange={(e) =>
                set(tr.below !== undefined ? { below: num(e.target.value) } : { above: num(e.target.value) })
              }
            />
          </Field>
        </>
      )}
    </div>
  );
}

/**
 * A select of the API's names, each shown by its title; a name already in the definition but no longer
 * listed stays choosable.
 */
function Picker(props: {
  name: string;
  value: string;
  options: readonly string[];
  onChange: (v: string) => void;
  title?: (name: string) => string;
}) {
  const title = props.title ?? nameTitle;
  const options =
    props.value && !props.options.includes(props.value) ? [props.value, ...props.options] : props.options;
  return (
    <select name={props.name} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
      <option value="">{t('jb.choose')}</option>
      {options.map((o) => (
        <option key={o} value={o}>
          {title(o)}
        </option>
      ))}
    </select>
  );
}

interface StepContext {
  readonly choices: Choices;
  readonly ids: readonly string[];
  /** The journey's name: a shipped play's steps are named from the catalogue. */
  readonly journey: string;
  readonly errorAt: (place: ErrorPlace) => string | null;
  readonly change: (key: string, change: (d: DraftStep) => DraftStep | null) => void;
  readonly move: (key: string, by: -1 | 1) => void;
}

function StepList(props: {
  list: readonly DraftStep[];
  ctx: StepContext;
  onChange: (list: DraftStep[]) => void;
  testId?: string;
  /** A branch's own steps: after the last, people go back to the step after the branch. */
  nested?: boolean;
}) {
  const [adding, setAdding] = useState<StepKind>('wait');
  return (
    <div className="step-list" data-testid={props.testId}>
      <ol>
        {props.list.map((d, i) => (
          <li key={d.key} className="step-card" data-testid={`step-${d.step.id}`}>
            <StepEditor
              d={d}
              ctx={props.ctx}
              first={i === 0}
              last={i === props.list.length - 1}
              nested={props.nested === true}
            />
          </li>
        ))}
      </ol>
      <div className="row add-step">
        <select
          aria-label={t('jb.addKind')}
          value={adding}
          onChange={(e) => setAdding(e.target.value as StepKind)}
        >
          {STEP_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`jb.kind.${k}`)}
            </option>
          ))}
        </select>
        <button
          type="button"
          data-testid={props.testId ? `${props.testId}-add` : undefined}
          onClick={() => props.onChange([...props.list, newStep(adding, props.ctx.ids)])}
        >
          {t('jb.addStep')}
        </button>
      </div>
    </div>
  );
}

function StepEditor(props: {
  d: DraftStep;
  ctx: StepContext;
  first: boolean;
  last: boolean;
  nested: boolean;
}) {
  const { d, ctx } = props;
  // Where a step goes by default: the one below it, or past the last one, the end or back after the branch.
  const byDefault = !props.last ? t('jb.thenNext') : props.nested ? t('jb.thenBack') : t('jb.thenEnd');
  const s = d.step;
  const patch = (p: Record<string, unknown>) =>
    ctx.change(d.key, (x) => ({ ...x, step: { ...x.step, ...p } as Step }));
  const err = (field: string) => ctx.errorAt({ at: 'step', key: d.key, field });
  const others = ctx.ids.filter((id) => id !== s.id);
  const target = (name: string, value: string | undefined, field: string, label: ReactNode, def: string) => (
    <Field label={label} error={err(field)}>
      <select
        name={name}
        value={value ?? ''}
        onChange={(e) => patch({ [field]: e.target.value || undefined })}
      >
        <option value="">{def}</option>
        {others.map((id) => (
          <option key={id} value={id}>
            {stepTitle(ctx.journey, id)}
          </option>
        ))}
      </select>
    </Field>
  );
  const fields = ((): ReactNode => {
    switch (s.kind) {
      case 'wait':
        return (
          <>
            <Field label={t('jb.wait.duration')} error={err('duration')} hint={t('jb.wait.durationHint')}>
              <input
                name="duration"
                value={s.duration ?? ''}
                onChange={(e) => patch({ duration: e.target.value || undefined })}
                placeholder="3d"
              />
            </Field>
            <Field label={t('jb.wait.until')} error={err('until')}>
              <input
                name="until"
                type="time"
                value={s.until ?? ''}
                onChange={(e) => patch({ until: e.target.value || undefined })}
              />
            </Field>
          </>
        );
      case 'email':
        return (
          <Field label={t('jb.email.campaign')} error={err('campaign')}>
            <Picker
              name="campaign"
              value={s.campaign}
              options={ctx.choices.campaigns}
              onChange={(v) => patch({ campaign: v })}
            />
          </Field>
        );
      case 'destination':
        return (
          <Field label={t('jb.destination')} error={err('destination')}>
            <Picker
              name="destination"
              value={s.destination}
              options={ctx.choices.destinations}
              onChange={(v) => patch({ destination: v })}
            />
          </Field>
        );
      case 'tag':
        return (
          <>
            <Field label={t('jb.tag.action')}>
              <select
                name="tagAction"
                value={s.remove !== undefined ? 'remove' : 'add'}
                onChange={(e) =>
                  ctx.change(d.key, (x) => ({
                    ...x,
                    step: {
                      id: s.id,
                      kind: 'tag',
                      [e.target.value]: s.add ?? s.remove ?? '',
                      ...(s.next && { next: s.next }),
                    } as Step,
                  }))
                }
              >
                <option value="add">{t('jb.tag.add')}</option>
                <option value="remove">{t('jb.tag.remove')}</option>
              </select>
            </Field>
            <Field label={t('jb.tag.tag')} error={err(s.remove !== undefined ? 'remove' : 'add')}>
              <input
                name="tag"
                value={s.add ?? s.remove ?? ''}
                onChange={(e) =>
                  patch(s.remove !== undefined ? { remove: e.target.value } : { add: e.target.value })
                }
              />
            </Field>
          </>
        );
      case 'branch':
        return <BranchFields d={d} ctx={ctx} patch={patch} err={err} target={target} byDefault={byDefault} />;
      case 'exit':
        return <p className="muted small">{t('jb.exit.help')}</p>;
    }
  })();
  return (
    <>
      <div className="step-head">
        <strong>{t(`jb.kind.${s.kind}`)}</strong>
        <label className="step-id">
          <span className="muted small">{t('jb.stepId')}</span>
          <input
            name="id"
            value={s.id}
            onChange={(e) => {
              const id = e.target.value.replace(/[^A-Za-z0-9_.-]/g, '');
              if (id) patch({ id });
            }}
          />
        </label>
        <span className="actions">
          <button
            type="button"
            className="link"
            disabled={props.first}
            onClick={() => ctx.move(d.key, -1)}
            aria-label={t('jb.up')}
          >
            ↑
          </button>
          <button
            type="button"
            className="link"
            disabled={props.last}
            onClick={() => ctx.move(d.key, 1)}
            aria-label={t('jb.down')}
          >
            ↓
          </button>
          <button type="button" className="link danger" onClick={() => ctx.change(d.key, () => null)}>
            {t('jb.remove')}
          </button>
        </span>
      </div>
      {err('') && (
        <div className="field-error" role="alert">
          {err('')}
        </div>
      )}
      {err('id') && (
        <div className="field-error" role="alert">
          {err('id')}
        </div>
      )}
      <div className="form-grid">
        {fields}
        {s.kind !== 'exit' && s.kind !== 'branch' && target('next', s.next, 'next', t('jb.then'), byDefault)}
      </div>
    </>
  );
}

function BranchFields(props: {
  d: DraftStep;
  ctx: StepContext;
  byDefault: string;
  patch: (p: Record<string, unknown>) => void;
  err: (field: string) => string | null;
  target: (
    name: string,
    value: string | undefined,
    field: string,
    label: ReactNode,
    def: string,
  ) => ReactNode;
}) {
  const { d, ctx, patch, err, target } = props;
  const s = d.step;
  if (s.kind !== 'branch') return null;
  const onExperiment = s.experiment !== undefined;
  const experiment = ctx.choices.experiments.find((e) => e.name === s.experiment);
  const ownSteps = d.sub.length > 0;
  const setMode = (mode: string) =>
    ctx.change(d.key, (x) => ({
      ...x,
      sub: [],
      step:
        mode === 'experiment'
          ? { id: s.id, kind: 'branch', experiment: ctx.choices.experiments[0]?.name ?? '', variants: {} }
          : { id: s.id, kind: 'branch', if: '' },
    }));
  return (
    <>
      <Field label={t('jb.branch.on')}>
        <select
          name="branchOn"
          value={onExperiment ? 'experiment' : 'condition'}
          onChange={(e) => setMode(e.target.value)}
        >
          <option value="condition">{t('jb.branch.condition')}</option>
          <option value="experiment">{t('jb.branch.experiment')}</option>
        </select>
      </Field>
      {onExperiment ? (
        <>
          <Field label={t('jb.branch.experimentName')} error={err('experiment')}>
            <Picker
              name="experiment"
              value={s.experiment ?? ''}
              options={ctx.choices.experiments.map((e) => e.name)}
              onChange={(v) => patch({ experiment: v, variants: {} })}
            />
          </Field>
          {[...(experiment?.variants ?? []), 'holdout'].map((v) => (
            <Field
              key={v}
              label={t('jb.branch.variantGoes', { variant: variantTitle(v, s.experiment) })}
              error={err(`variants`)}
            >
              <select
                name={`variant-${v}`}
                value={s.variants?.[v] ?? ''}
                onChange={(e) => {
                  const variants = { ...(s.variants ?? {}) };
                  if (e.target.value) variants[v] = e.target.value;
                  else delete variants[v];
                  patch({ variants });
                }}
              >
                <option value="">{t('jb.branch.variantElse')}</option>
                {ctx.ids
                  .filter((id) => id !== s.id)
                  .map((id) => (
                    <option key={id} value={id}>
                      {stepTitle(ctx.journey, id)}
                    </option>
                  ))}
              </select>
            </Field>
          ))}
        </>
      ) : (
        <>
          <Field
            label={t('jb.branch.if')}
            wide
            error={err('if')}
            hint={<RuleHint rule={s.if} help={t('jb.branch.ifHint')} />}
          >
            <input
              name="if"
              value={s.if ?? ''}
              onChange={(e) => patch({ if: e.target.value })}
              placeholder="churn_risk >= 0.7"
            />
          </Field>
          <Field label={t('jb.branch.holds')}>
            <select
              name="holds"
              value={ownSteps ? 'steps' : 'goto'}
              onChange={(e) =>
                ctx.change(d.key, (x) =>
                  e.target.value === 'steps'
                    ? { ...x, step: { ...x.step, goto: undefined } as Step, sub: [newStep('wait', ctx.ids)] }
                    : { ...x, sub: [] },
                )
              }
            >
              <option value="goto">{t('jb.branch.gotoStep')}</option>
              <option value="steps">{t('jb.branch.ownSteps')}</option>
            </select>
          </Field>
          {!ownSteps && target('goto', s.goto, 'goto', t('jb.branch.goto'), t('jb.choose'))}
        </>
      )}
      {target('else', s.else, 'else', t('jb.branch.else'), props.byDefault)}
      {!onExperiment && ownSteps && (
        <div className="wide sub-steps">
          <p className="muted small">{t('jb.branch.ownStepsHelp')}</p>
          <StepList
            list={d.sub}
            ctx={ctx}
            onChange={(sub) => ctx.change(d.key, (x) => ({ ...x, sub }))}
            nested
            testId={`sub-${s.id}`}
          />
        </div>
      )}
    </>
  );
}
