import type { ExperimentInput, ExperimentView } from '@contracts/activation';
import type { SegmentSummary } from '@contracts/segments';
import { type FormEvent, useState } from 'react';
import { api } from '../../api';
import { t } from '../../i18n';
import { Card, useLoad } from '../../ui';
import { Field, FormProblems, NameField, SegmentField } from './common';

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** What is missing before the server is asked (it checks again, as `clientele experiments create` does). */
function missing(d: { name: string; variants: string[]; weights: number[] | null }): string | null {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(d.name)) return t('act.experiments.needName');
  if (d.variants.length < 2) return t('act.experiments.needVariants');
  if (d.weights && (d.weights.length !== d.variants.length || d.weights.some((w) => !(w > 0))))
    return t('act.experiments.needWeights');
  return null;
}

/** A new experiment: the same fields as `clientele experiments create`, sent as its JSON body. */
export function CreateExperiment(props: { onCreated: (e: ExperimentView) => void }) {
  const segments = useLoad('segments', () => api<SegmentSummary[]>('/v1/segments'));
  const [name, setName] = useState('');
  const [segment, setSegment] = useState('');
  const [variants, setVariants] = useState('control, offer');
  const [weights, setWeights] = useState('');
  const [holdout, setHoldout] = useState('0');
  const [start, setStart] = useState('');
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = segment || segments.data?.[0]?.name || '';
  const parsedWeights = weights.trim() ? list(weights).map(Number) : null;
  const gap = missing({ name, variants: list(variants), weights: parsedWeights });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (gap) return;
    setBusy(true);
    setError(null);
    const body: ExperimentInput = {
      name,
      segment: chosen,
      variants: list(variants),
      ...(parsedWeights && { weights: parsedWeights }),
      ...(Number(holdout) > 0 && { holdout: Number(holdout) }),
      ...(start && { start }),
    };
    try {
      const made = await api<ExperimentView>('/v1/experiments', { method: 'POST', body });
      setName('');
      setTouched(false);
      props.onCreated(made);
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('act.experiments.create')}>
      <form className="form-grid" onSubmit={submit} data-testid="experiment-form" noValidate>
        <NameField value={name} onChange={setName} />
        <SegmentField segments={segments.data} value={chosen} onChange={setSegment} />
        <Field label={t('act.experiments.variantsField')} hint={t('act.experiments.variantsHint')}>
          <input name="variants" value={variants} onChange={(e) => setVariants(e.target.value)} />
        </Field>
        <Field label={t('act.experiments.weights')} hint={t('act.experiments.weightsHint')}>
          <input
            name="weights"
            value={weights}
            onChange={(e) => setWeights(e.target.value)}
            placeholder="50, 50"
          />
        </Field>
        <Field label={t('act.experiments.holdoutField')}>
          <input
            name="holdout"
            type="number"
            min={0}
            max={99}
            value={holdout}
            onChange={(e) => setHoldout(e.target.value)}
          />
        </Field>
        <Field label={t('act.experiments.startField')} hint={t('act.experiments.startHint')}>
          <input name="start" type="date" value={start} onChange={(e) => setStart(e.target.value)} />
        </Field>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('act.experiments.createButton')}
          </button>
        </div>
      </form>
      <FormProblems name="experiment" gap={touched && gap} error={error} />
    </Card>
  );
}
