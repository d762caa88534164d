import { type FormEvent, useEffect, useId, useState } from 'react';
import { api } from '../api';
import { FIELDS, OPS } from '../fields';
import { label } from '../format';
import { t, tn } from '../i18n';
import { Link, navigate } from '../router';
import {
  type EventCondition,
  type FieldCondition,
  finished,
  type Group,
  type Item,
  itemText,
  MAX_DEPTH,
  unfinished,
  updateAt,
} from '../rule-tree';
import { ruleWords } from '../segment-words';
import { Card, ErrorBox, fmt, Spinner } from '../ui';

interface Preview {
  count: number;
  expression: string;
}

interface Suggestions {
  field: string;
  values: { value: string; count: number }[];
}

const newField = (): FieldCondition => ({ kind: 'field', field: 'orders', op: '>=', value: '1' });
const newEvent = (): EventCondition => ({ kind: 'event', did: true, event: '', times: '1', days: '90' });
const newGroup = (): Group => ({ kind: 'group', join: 'or', items: [newField()] });

/**
 * The values a field takes in the data that start with what is typed, most common first
 * (GET /v1/segments/fields/:field/values); `$event` gives event names. Nothing for numbers.
 */
function useSuggestions(field: string, typed: string, on: boolean): Suggestions['values'] {
  const [values, setValues] = useState<Suggestions['values']>([]);
  useEffect(() => {
    if (!on) {
      setValues([]);
      return;
    }
    let live = true;
    // The last comma-separated part is what is being typed in an `in` list.
    const prefix = typed.split(',').pop()?.trim() ?? '';
    const timer = window.setTimeout(() => {
      api<Suggestions>(
        `/v1/segments/fields/${encodeURIComponent(field)}/values?limit=12&prefix=${encodeURIComponent(prefix)}`,
      ).then(
        (s) => live && setValues(s.values),
        () => live && setValues([]),
      );
    }, 200);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [field, typed, on]);
  return values;
}

/** A text input whose list offers the data's values (with how many profiles have each). */
function ValuePicker(props: {
  field: string;
  value: string;
  label: string;
  placeholder: string;
  onChange: (v: string) => void;
}) {
  const id = useId();
  const [focused, setFocused] = useState(false);
  const values = useSuggestions(props.field, props.value, focused);
  return (
    <>
      <input
        aria-label={props.label}
        list={id}
        value={props.value}
        placeholder={props.placeholder}
        autoComplete="off"
        onFocus={() => setFocused(true)}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <datalist id={id} data-testid="value-suggestions">
        {values.map((v) => (
          <option key={v.value} value={v.value}>
            {t('builder.valueCount', { n: v.count, count: fmt.int(v.count) })}
          </option>
        ))}
      </datalist>
    </>
  );
}

/** Under a line that is not sent yet: what it still needs. */
function Unfinished() {
  return (
    <span className="finish-hint" data-testid="finish-condition">
      {t('builder.finish')}
    </span>
  );
}

function FieldRow(props: {
  c: FieldCondition;
  n: number;
  onChange: (c: FieldCondition | null) => void;
  removable: boolean;
}) {
  const { c, n } = props;
  const type = FIELDS.find((f) => f.name === c.field)?.type ?? 'string';
  const set = (change: Partial<FieldCondition>) => props.onChange({ ...c, ...change });
  return (
    <div className={finished(c) ? 'condition' : 'condition unfinished'}>
      <select
        aria-label={t('segments.field', { n })}
        value={c.field}
        onChange={(e) => {
          const next = FIELDS.find((f) => f.name === e.target.value)?.type ?? 'string';
          set({ field: e.target.value, op: OPS[next][0] ?? '=', value: next === 'boolean' ? 'true' : '' });
        }}
      >
        {FIELDS.map((f) => (
          <option key={f.name} value={f.name}>
            {label(f.name)}
          </option>
        ))}
      </select>
      <select
        aria-label={t('segments.operator', { n })}
        value={c.op}
        onChange={(e) => set({ op: e.target.value })}
      >
        {OPS[type].map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
      {c.op.startsWith('is ') ? null : type === 'boolean' ? (
        <select
          aria-label={t('segments.value', { n })}
          value={c.value}
          onChange={(e) => set({ value: e.target.value })}
        >
          <option value="true">{t('common.yes')}</option>
          <option value="false">{t('common.no')}</option>
        </select>
      ) : type === 'number' ? (
        <input
          aria-label={t('segments.value', { n })}
          type="number"
          value={c.value}
          placeholder="0"
          onChange={(e) => set({ value: e.target.value })}
        />
      ) : (
        <ValuePicker
          field={c.field}
          value={c.value}
          label={t('segments.value', { n })}
          placeholder={c.op === 'in' ? 'a, b, c' : t('builder.valuePlaceholder')}
          onChange={(value) => set({ value })}
        />
      )}
      {props.removable && (
        <button
          type="button"
          className="link"
          aria-label={t('segments.remove', { n })}
          onClick={() => props.onChange(null)}
        >
          {t('segments.removeShort')}
        </button>
      )}
      {!finished(c) && <Unfinished />}
    </div>
  );
}

function EventRow(props: {
  e: EventCondition;
  n: number;
  onChange: (e: EventCondition | null) => void;
  removable: boolean;
}) {
  const { e, n } = props;
  const set = (change: Partial<EventCondition>) => props.onChange({ ...e, ...change });
  return (
    <div className={finished(e) ? 'condition event-condition' : 'condition event-condition unfinished'}>
      <select
        aria-label={t('builder.did', { n })}
        value={e.did ? 'did' : 'not'}
        onChange={(x) => set({ did: x.target.value === 'did' })}
      >
        <option value="did">{t('builder.didYes')}</option>
        <option value="not">{t('builder.didNot')}</option>
      </select>
      <ValuePicker
        field="$event"
        value={e.event}
        label={t('builder.event', { n })}
        placeholder={t('builder.eventPlaceholder')}
        onChange={(event) => set({ event })}
      />
      <label className="inline event-count">
        <span>{t('builder.atLeast')}</span>
        <input
          aria-label={t('builder.times', { n })}
          type="number"
          min={1}
          value={e.times}
          onChange={(x) => set({ times: x.target.value })}
        />
        <span>{t('builder.timesWord')}</span>
      </label>
      <label className="inline event-count">
        <span>{t('builder.inLast')}</span>
        <input
          aria-label={t('builder.days', { n })}
          type="number"
          min={1}
          value={e.days}
          placeholder={t('builder.anyTime')}
          onChange={(x) => set({ days: x.target.value })}
        />
        <span>{t('builder.daysWord')}</span>
      </label>
      {props.removable && (
        <button
          type="button"
          className="link"
          aria-label={t('segments.remove', { n })}
          onClick={() => props.onChange(null)}
        >
          {t('segments.removeShort')}
        </button>
      )}
      {!finished(e) && <Unfinished />}
    </div>
  );
}

/** A group's lines, its and/or, and buttons to add a condition, an event condition or a nested group. */
function GroupEditor(props: {
  group: Group;
  path: number[];
  depth: number;
  counter: { n: number };
  onChange: (path: number[], item: Item | null) => void;
}) {
  const { group, path, depth } = props;
  const add = (item: Item) => props.onChange(path, { ...group, items: [...group.items, item] });
  const nested = depth > 0;
  return (
    <div
      className={nested ? 'rule-group nested' : 'rule-group'}
      data-testid={nested ? 'rule-group' : undefined}
    >
      {group.items.length > 1 && (
        <label className="inline join">
          {t('builder.match')}
          <select
            aria-label={nested ? t('builder.groupJoin') : t('segments.join')}
            value={group.join}
            onChange={(e) => props.onChange(path, { ...group, join: e.target.value as 'and' | 'or' })}
          >
            <option value="and">{t('builder.all')}</option>
            <option value="or">{t('builder.any')}</option>
          </select>
        </label>
      )}
      {group.items.map((item, i) => {
        const at = [...path, i];
        const removable = group.items.length > 1 || nested;
        if (item.kind === 'group')
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines are edited in place, by position.
            <div key={i} className="group-line">
              <GroupEditor
                group={item}
                path={at}
                depth={depth + 1}
                counter={props.counter}
                onChange={props.onChange}
              />
              <button type="button" className="link" onClick={() => props.onChange(at, null)}>
                {t('builder.removeGroup')}
              </button>
            </div>
          );
        const n = ++props.counter.n;
        return item.kind === 'event' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines are edited in place, by position.
          <EventRow key={i} e={item} n={n} removable={removable} onChange={(x) => props.onChange(at, x)} />
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines are edited in place, by position.
          <FieldRow key={i} c={item} n={n} removable={removable} onChange={(x) => props.onChange(at, x)} />
        );
      })}
      <div className="row add-buttons">
        <button type="button" onClick={() => add(newField())}>
          {nested ? t('builder.addToGroup') : t('segments.add')}
        </button>
        <button type="button" onClick={() => add(newEvent())}>
          {t('builder.addEvent')}
        </button>
        {depth + 1 < MAX_DEPTH && (
          <button type="button" onClick={() => add(newGroup())}>
            {t('builder.addGroup')}
          </button>
        )}
      </div>
    </div>
  );
}

/** Conditions on fields and events in nested and/or groups, or the text form typed in; the count follows every change. */
export function SegmentBuilder(props: { initial: string }) {
  const [tree, setTree] = useState<Group>({
    kind: 'group',
    join: 'and',
    items: [{ kind: 'field', field: 'country', op: '=', value: '' }],
  });
  const [textMode, setTextMode] = useState(props.initial !== '');
  const [text, setText] = useState(props.initial);
  const [name, setName] = useState('');
  const [preview, setPreview] = useState<{ where: string; result?: Preview; error?: Error } | null>(null);
  const [saving, setSaving] = useState<Error | 'busy' | null>(null);
  const where = textMode ? text.trim() : itemText(tree);
  // Lines still being filled in are left out of the rule (never sent as `country = ''`) and named here.
  const open = textMode ? 0 : unfinished(tree);

  useEffect(() => {
    if (!where) {
      setPreview(null);
      return;
    }
    let live = true;
    // A short pause so that typing does not send a request per key.
    const timer = window.setTimeout(() => {
      setPreview((p) => (p ? { ...p, where } : { where }));
      api<Preview>('/v1/segments/preview', { method: 'POST', body: { where } }).then(
        (result) => live && setPreview({ where, result }),
        (error: Error) => live && setPreview({ where, error }),
      );
    }, 250);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [where]);

  const change = (path: number[], item: Item | null) => setTree((root) => updateAt(root, path, item));
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim() || !where) return;
    setSaving('busy');
    try {
      await api('/v1/segments', { method: 'POST', body: { name: name.trim(), where } });
      navigate(`/segments/${encodeURIComponent(name.trim())}`);
    } catch (error) {
      setSaving(error as Error);
    }
  };
  // Conditions are numbered in reading order across groups ("Field 3"), for their labels.
  const counter = { n: 0 };
  return (
    <div className="screen">
      <p className="crumbs">
        <Link to="/segments">{t('nav.segments')}</Link> /
      </p>
      <div className="screen-head">
        <h1>{t('segments.new')}</h1>
        <button
          type="button"
          className="link"
          onClick={() => {
            if (!textMode) setText(itemText(tree));
            setTextMode(!textMode);
          }}
        >
          {textMode ? t('segments.useBuilder') : t('segments.editText')}
        </button>
      </div>
      <Card>
        {textMode ? (
          <label className="block">
            <span>{t('segments.ruleText')}</span>
            <textarea
              aria-label={t('segments.rule')}
              rows={3}
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder="country = 'DE' and orders >= 2"
            />
          </label>
        ) : (
          <div className="builder" data-testid="builder">
            <GroupEditor group={tree} path={[]} depth={0} counter={counter} onChange={change} />
          </div>
        )}
        <div className="preview" aria-live="polite">
          {where && ruleWords(where) && (
            <p className="rule-words" data-testid="rule-words">
              {ruleWords(where)}
            </p>
          )}
          {/* The text form, shown on purpose: what the rule is saved as, to copy to the CLI or the API. */}
          <code className="rule raw" data-testid="rule-text">
            {where || '…'}
          </code>
          {!where && open > 0 ? (
            <span className="muted" data-testid="preview-finish">
              {t('builder.finishToCount')}
            </span>
          ) : !preview ? (
            <span className="muted">{t('segments.addToCount')}</span>
          ) : preview.error ? (
            <ErrorBox error={preview.error} />
          ) : preview.result && preview.where === where ? (
            <span className="count">
              <strong data-testid="live-count">{fmt.int(preview.result.count)}</strong> {t('segments.match')}
            </span>
          ) : (
            <Spinner label={t('segments.counting')} />
          )}
          {where && open > 0 && (
            <span className="muted small" data-testid="preview-left-out">
              {tn('builder.leftOut', open)}
            </span>
          )}
        </div>
      </Card>
      <Card title={t('common.save')}>
        <form className="row" onSubmit={save}>
          <input
            aria-label={t('segments.name')}
            placeholder={t('segments.name')}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <button
            type="submit"
            className="primary"
            disabled={!name.trim() || !where || open > 0 || saving === 'busy'}
          >
            {saving === 'busy' ? t('segments.saving') : t('segments.save')}
          </button>
        </form>
        {saving instanceof Error && <ErrorBox error={saving} />}
      </Card>
    </div>
  );
}
