import type { ExperimentView, PlacementInput } from '@contracts/activation';
import { type FormEvent, useState } from 'react';
import { api } from '../../api';
import { t } from '../../i18n';
import { nameTitle } from '../../segment-words';
import { Card, useLoad } from '../../ui';
import { Field, FormProblems, NameField, RuleHint } from './common';

interface RuleDraft {
  readonly key: number;
  readonly condition: string;
  readonly show: 'variant' | 'experiment';
  readonly variant: string;
  readonly experiment: string;
  readonly payload: string;
}

let next = 0;
const blank = (variant = ''): RuleDraft => ({
  key: ++next,
  condition: '',
  show: 'variant',
  variant,
  experiment: '',
  payload: '',
});

// A payload as typed: an object of JSON, or nothing; else the reason it is not one.
function payloadOf(text: string): { ok: true; value?: Record<string, unknown> } | { ok: false } {
  if (!text.trim()) return { ok: true };
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v)
      ? { ok: true, value: v as Record<string, unknown> }
      : { ok: false };
  } catch {
    return { ok: false };
  }
}

// The server names a rule's problem by its place (`rules/1/if: unknown field …`): shown at that rule.
function serverAt(error: Error | null, i: number): string | null {
  const m = error ? /^rules\/(\d+)(?:\/\w+)?: (.*)$/s.exec(error.message) : null;
  return m && Number(m[1]) === i ? (m[2] ?? null) : null;
}

/**
 * A new placement: its rules in the order they are tried (the first whose condition holds wins; a rule
 * without one is the default), sent as the JSON `clientele placements create --rules` reads.
 */
export function CreatePlacement(props: { onCreated: () => void }) {
  const experiments = useLoad('experiments', () => api<{ experiments: ExperimentView[] }>('/v1/experiments'));
  const [name, setName] = useState('');
  const [rules, setRules] = useState<RuleDraft[]>(() => [blank(), blank('default')]);
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: number, patch: Partial<RuleDraft>) =>
    setRules((list) => list.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const move = (i: number, by: -1 | 1) =>
    setRules((list) => {
      const out = [...list];
      const j = i + by;
      if (j < 0 || j >= out.length) return out;
      [out[i], out[j]] = [out[j]!, out[i]!];
      return out;
    });
  const badName = !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name);
  const ruleGap = (r: RuleDraft): string | null => {
    if (r.show === 'variant' && !r.variant.trim()) return t('act.placements.needVariant');
    if (r.show === 'experiment' && !r.experiment) return t('act.placements.needExperiment');
    if (!payloadOf(r.payload).ok) return t('act.placements.needPayload');
    return null;
  };
  const gap = badName
    ? t('act.placements.needName')
    : rules.some((r) => ruleGap(r))
      ? t('act.placements.fixRules')
      : null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (gap) return;
    setBusy(true);
    setError(null);
    const body: PlacementInput = {
      name,
      rules: rules.map((r) => {
        const payload = payloadOf(r.payload);
        return {
          ...(r.condition.trim() && { if: r.condition.trim() }),
          ...(r.show === 'variant' ? { variant: r.variant.trim() } : { experiment: r.experiment }),
          ...(payload.ok && payload.value && { payload: payload.value }),
        };
      }),
    };
    try {
      await api('/v1/placements', { method: 'POST', body });
      setName('');
      setRules([blank(), blank('default')]);
      setTouched(false);
      props.onCreated();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  const names = (experiments.data?.experiments ?? []).map((x) => x.name);
  return (
    <Card title={t('act.placements.create')}>
      <form onSubmit={submit} data-testid="placement-form" noValidate>
        <div className="form-grid">
          <NameField
            value={name}
            onChange={setName}
            error={touched && badName ? t('act.placements.needName') : null}
          />
        </div>
        <p className="muted small">{t('act.placements.rulesHelp')}</p>
        <ol className="rule-drafts">
          {rules.map((r, i) => (
            <li key={r.key} className="step-card" data-testid={`rule-${i}`}>
              <strong className="rule-number">
                {r.condition.trim() || i < rules.length - 1
                  ? t('act.placements.ruleN', { n: i + 1 })
                  : t('act.placements.ruleDefault', { n: i + 1 })}
              </strong>
              <div className="form-grid">
                <Field
                  label={t('act.placements.condition')}
                  wide
                  hint={<RuleHint rule={r.condition} help={t('act.placements.conditionHint')} />}
                  error={serverAt(error, i)}
                >
                  <input
                    name="condition"
                    value={r.condition}
                    onChange={(e) => set(r.key, { condition: e.target.value })}
                    placeholder={i === 0 ? 'local_hour >= 22' : undefined}
                  />
                </Field>
                <Field label={t('act.placements.show')}>
                  <select
                    name="show"
                    value={r.show}
                    onChange={(e) => set(r.key, { show: e.target.value as RuleDraft['show'] })}
                  >
                    <option value="variant">{t('act.placements.showVariant')}</option>
                    <option value="experiment">{t('act.placements.showExperiment')}</option>
                  </select>
                </Field>
                {r.show === 'variant' ? (
                  <Field
                    label={t('act.placements.variantField')}
                    error={touched && !r.variant.trim() ? t('act.placements.needVariant') : null}
                  >
                    <input
                      name="variant"
                      value={r.variant}
                      onChange={(e) => set(r.key, { variant: e.target.value })}
                    />
                  </Field>
                ) : (
                  <Field
                    label={t('act.placements.experimentField')}
                    error={touched && !r.experiment ? t('act.placements.needExperiment') : null}
                  >
                    <select
                      name="experiment"
                      value={r.experiment}
                      onChange={(e) => set(r.key, { experiment: e.target.value })}
                    >
                      <option value="">{t('jb.choose')}</option>
                      {names.map((n) => (
                        <option key={n} value={n}>
                          {nameTitle(n)}
                        </option>
                      ))}
                    </select>
                  </Field>
                )}
                <Field
                  label={t('act.placements.payloadField')}
                  wide
                  error={touched && !payloadOf(r.payload).ok ? t('act.placements.needPayload') : null}
                >
                  {/* JSON as typed is raw input, not a dump. */}
                  <textarea
                    name="payload"
                    className="raw"
                    rows={2}
                    value={r.payload}
                    onChange={(e) => set(r.key, { payload: e.target.value })}
                    placeholder='{"headline": "Welcome back"}'
                  />
                </Field>
              </div>
              <div className="actions">
                <button
                  type="button"
                  className="link"
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                  aria-label={t('jb.up')}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="link"
                  disabled={i === rules.length - 1}
                  onClick={() => move(i, 1)}
                  aria-label={t('jb.down')}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="link danger"
                  disabled={rules.length === 1}
                  onClick={() => setRules((list) => list.filter((x) => x.key !== r.key))}
                >
                  {t('jb.remove')}
                </button>
              </div>
            </li>
          ))}
        </ol>
        <div className="row">
          <button type="button" onClick={() => setRules((list) => [...list, blank()])} data-testid="add-rule">
            {t('act.placements.addRule')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {t('act.placements.createButton')}
          </button>
        </div>
      </form>
      <FormProblems name="placement" gap={touched && gap} error={error} />
    </Card>
  );
}
