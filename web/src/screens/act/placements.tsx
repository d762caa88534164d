import type { DecisionView, PlacementView } from '@contracts/activation';
import { type FormEvent, useState } from 'react';
import { api } from '../../api';
import { show } from '../../format';
import { t } from '../../i18n';
import { nameTitle, ruleClause } from '../../segment-words';
import { Card, Loaded, useLoad } from '../../ui';
import { Field, Problem, StoredKey, useScopes } from './common';
import { CreatePlacement } from './placement-form';

const DEVICES = ['desktop', 'mobile', 'tablet'] as const;
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Placements: each one's rules in the order they are tried, and a panel to try a visitor and a context. */
export function PlacementsScreen() {
  const list = useLoad('placements', () => api<{ placements: PlacementView[] }>('/v1/placements'));
  const scopes = useScopes();
  return (
    <>
      <p className="muted">{t('act.placements.question')}</p>
      <Loaded load={list} empty={(d) => d.placements.length === 0} emptyText={t('act.placements.none')}>
        {(d) => (
          <div data-testid="placement-list">
            {d.placements.map((p) => (
              <Card key={p.name} title={nameTitle(p.name)}>
                <StoredKey name={p.name} />
                <div className="grid two">
                  <Rules p={p} />
                  <TryIt name={p.name} />
                </div>
              </Card>
            ))}
          </div>
        )}
      </Loaded>
      {scopes.has('write') && <CreatePlacement onCreated={list.reload} />}
    </>
  );
}

/** The rules as sentences: "1. If local hour is at least 22, show “Night”", "Otherwise show “Default”". */
function Rules(props: { p: PlacementView }) {
  return (
    <div>
      <h3>{t('act.placements.rules')}</h3>
      <ol className="rules" data-testid={`rules-${props.p.name}`}>
        {props.p.rules.map((r, i) => {
          const what = r.experiment
            ? t('act.placements.experiment', { name: nameTitle(r.experiment) })
            : t('act.placements.variant', { name: nameTitle(r.variant ?? '') });
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: rules are ordered; the position is the rule.
            <li key={i}>
              {r.if === undefined ? (
                t('act.placements.otherwise', { what })
              ) : (
                <RuleText rule={r.if} what={what} />
              )}
              {r.payload && Object.keys(r.payload).length > 0 && (
                <div className="muted small">{t('act.placements.payload', { what: show(r.payload) })}</div>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function TryIt(props: { name: string }) {
  const [visitor, setVisitor] = useState('');
  const [hour, setHour] = useState(String(new Date().getHours()));
  const [weekday, setWeekday] = useState<string>('');
  const [device, setDevice] = useState<string>('desktop');
  const [category, setCategory] = useState('');
  const [country, setCountry] = useState('');
  const [result, setResult] = useState<DecisionView | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const id = visitor.trim();
    try {
      setResult(
        await api<DecisionView>(`/v1/placements/${encodeURIComponent(props.name)}/try`, {
          method: 'POST',
          body: {
            ...(id && (id.includes('@') ? { email: id } : { userId: id })),
            localHour: Math.min(23, Math.max(0, Math.trunc(Number(hour) || 0))),
            ...(weekday && { weekday }),
            device,
            ...(category.trim() && { category: category.trim() }),
            ...(country.trim() && { country: country.trim().slice(0, 2) }),
          },
        }),
      );
    } catch (err) {
      setError(err as Error);
    }
  };
  return (
    <div>
      <h3>{t('act.placements.try')}</h3>
      <form className="form-grid" onSubmit={submit} data-testid={`try-${props.name}`}>
        <Field label={t('act.placements.visitor')} wide>
          <input
            name="visitor"
            value={visitor}
            onChange={(e) => setVisitor(e.target.value)}
            placeholder={t('act.placements.visitorHint')}
          />
        </Field>
        <Field label={t('act.placements.hour')}>
          <input
            name="hour"
            type="number"
            min={0}
            max={23}
            value={hour}
            onChange={(e) => setHour(e.target.value)}
          />
        </Field>
        <Field label={t('act.placements.weekday')}>
          <select name="weekday" value={weekday} onChange={(e) => setWeekday(e.target.value)}>
            <option value="">{t('act.placements.today')}</option>
            {WEEKDAYS.map((d) => (
              <option key={d} value={d}>
                {capital(t(`enum.weekday.${d}`))}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('act.placements.device')}>
          <select name="device" value={device} onChange={(e) => setDevice(e.target.value)}>
            {DEVICES.map((d) => (
              <option key={d} value={d}>
                {t(`act.device.${d}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('act.placements.category')}>
          <input name="category" value={category} onChange={(e) => setCategory(e.target.value)} />
        </Field>
        <Field label={t('act.placements.country')}>
          <input
            name="country"
            value={country}
            maxLength={2}
            onChange={(e) => setCountry(e.target.value)}
            placeholder="PL"
          />
        </Field>
        <div className="form-actions">
          <button type="submit" className="primary">
            {t('act.placements.decide')}
          </button>
        </div>
      </form>
      {result && (
        <div className="decision" role="status" data-testid={`decision-${props.name}`}>
          <p>
            {result.variant === null ? (
              t('act.placements.nothing')
            ) : (
              <>
                {t('act.placements.shows')} <strong>{nameTitle(result.variant)}</strong>
              </>
            )}
          </p>
          <p className="muted small">{t('act.placements.because', { reason: reasonWords(result.reason) })}</p>
          {result.payload && <p className="small">{show(result.payload)}</p>}
        </div>
      )}
      <Problem error={error} />
    </div>
  );
}

/**
 * A rule's condition in words ("If local hour is at least 22, show “Night”"); a condition the words cannot
 * read (written for a newer server) as it is written, marked as such.
 */
function RuleText(props: { rule: string; what: string }) {
  const words = ruleClause(props.rule);
  return words === null ? (
    <>
      {t('act.placements.if')} <code className="raw">{props.rule}</code>, {props.what}
    </>
  ) : (
    t('act.placements.ifWords', { rule: words, what: props.what })
  );
}

/** The server's reason ("rule 2: local_hour >= 22", "default") in the reader's language. */
function reasonWords(reason: string): string {
  if (reason === 'default') return t('act.placements.reasonDefault');
  const d = /^default \(experiment (.+)\)$/.exec(reason);
  if (d)
    return `${t('act.placements.reasonDefault')} ${t('act.placements.reasonExperiment', { name: nameTitle(d[1] ?? '') })}`;
  if (reason.startsWith('no rule matched')) return t('act.placements.reasonNone');
  const m = /^rule (\d+): (.*?)( \(experiment (.+)\))?$/.exec(reason);
  if (!m) return reason;
  const rule = m[2] ?? '';
  const base = t('act.placements.reasonRule', { n: m[1] ?? '', rule: ruleClause(rule) ?? rule });
  return m[4] ? `${base} ${t('act.placements.reasonExperiment', { name: nameTitle(m[4]) })}` : base;
}
