import { type ReactNode, useState } from 'react';
import { ApiError, currentSession } from '../../api';
import { plain } from '../../format';
import { has, type MessageKey, t } from '../../i18n';
import { filterWords, nameTitle, ruleWords, segmentTitle } from '../../segment-words';
import { Ticked, useLoad } from '../../ui';

/** The signed-in caller's scopes (read, write, pii…), to offer only the actions the server will allow. */
export function useScopes(): ReadonlySet<string> {
  const session = useLoad('session', currentSession);
  return new Set(session.data?.scopes ?? []);
}

/**
 * An API failure in the reader's words: a known code has its own sentence in the catalogue (`act.error.CODE`),
 * else the server's message with CLI option names (`--url`) as plain words.
 */
export function problemText(error: Error): string {
  const code = error instanceof ApiError ? error.code : '';
  const key = `act.error.${code}`;
  if (code && has(key)) return t(key as MessageKey);
  return plain(error.message.replace(/--([a-z][a-z-]*)/g, (_, w: string) => w.replaceAll('-', ' ')));
}

/** A failure shown under a form: the sentence, and the code for a support request. */
export function Problem(props: { error: Error | null | undefined; testId?: string }) {
  if (!props.error) return null;
  const code = props.error instanceof ApiError ? props.error.code : undefined;
  return (
    <div className="state error" role="alert" data-testid={props.testId}>
      {problemText(props.error)}
      {code && <span className="code"> ({code})</span>}
    </div>
  );
}

/**
 * Below a form: what is still missing (once the user tried to submit), then the server's refusal, each with
 * its own test id (`NAME-missing`, `NAME-error`).
 */
export function FormProblems(props: {
  name: string;
  gap: string | null | false;
  error: Error | null | undefined;
}) {
  return (
    <>
      {props.gap && (
        <div className="state error" role="alert" data-testid={`${props.name}-missing`}>
          {props.gap}
        </div>
      )}
      <Problem error={props.error} testId={`${props.name}-error`} />
    </>
  );
}

/** The warnings of an answer, as a list (nothing when there are none). */
export function WarningList(props: { warnings: readonly { code: string; message: string }[] }) {
  if (props.warnings.length === 0) return null;
  return (
    <ul className="warnings">
      {props.warnings.map((w) => (
        <li key={w.code + w.message}>{plain(w.message)}</li>
      ))}
    </ul>
  );
}

/** A destructive button that asks first, in the page (no browser dialog): the question, then yes or no. */
export function ConfirmButton(props: {
  label: string;
  question: string;
  onConfirm: () => Promise<void> | void;
  testId?: string;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!asking)
    return (
      <button
        type="button"
        className="link danger"
        data-testid={props.testId}
        onClick={() => setAsking(true)}
      >
        {props.label}
      </button>
    );
  return (
    <span className="confirm">
      <span>{props.question}</span>{' '}
      <button
        type="button"
        className="danger-solid"
        disabled={busy}
        data-testid={props.testId ? `${props.testId}-yes` : undefined}
        onClick={async () => {
          setBusy(true);
          try {
            await props.onConfirm();
          } finally {
            setBusy(false);
            setAsking(false);
          }
        }}
      >
        {t('act.confirmYes')}
      </button>{' '}
      <button type="button" onClick={() => setAsking(false)}>
        {t('common.cancel')}
      </button>
    </span>
  );
}

/**
 * One field of a form: its label above the control, wide (a whole row) or not, and what is wrong with it
 * next to it (a local check's sentence, or the server's refusal at this field's path).
 */
export function Field(props: {
  label: ReactNode;
  wide?: boolean;
  error?: string | null | undefined;
  hint?: ReactNode;
  testId?: string;
  children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the children, inside the label.
    <label className={props.wide ? 'inline wide' : 'inline'} data-testid={props.testId}>
      {props.label}
      {props.children}
      {props.hint && <span className="field-hint muted small">{props.hint}</span>}
      {props.error && (
        <span className="field-error" role="alert">
          {props.error}
        </span>
      )}
    </label>
  );
}

/**
 * A saved thing's key, where someone needs it: the commands, the API and the site script name it so. Small
 * and selectable; the `.key` mark tells the dump scan it is a key shown on purpose (test/web/browser.ts).
 * Nothing when the title is the key itself with a capital (`crm` → "Crm"): the title says it.
 */
export function StoredKey(props: { name: string }) {
  if (nameTitle(props.name).toLowerCase() === props.name.toLowerCase()) return null;
  return (
    <span className="stored-key muted small" title={t('act.keyHelp')}>
      {t('act.key')} <code className="key">{props.name}</code>
    </span>
  );
}

/** A saved thing's title in a list, its key on hover. */
export function NameTitle(props: { name: string }) {
  return <strong title={t('act.keyIs', { key: props.name })}>{nameTitle(props.name)}</strong>;
}

/** The name field every Act form opens with: a key, and the title it will be shown by. */
export function NameField(props: { value: string; onChange: (name: string) => void; error?: string | null }) {
  const shown = props.value.trim() && nameTitle(props.value.trim());
  return (
    <Field
      label={t('act.name')}
      error={props.error}
      hint={shown && shown !== props.value.trim() ? t('act.shownAs', { title: shown }) : undefined}
    >
      <input
        name="name"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        autoComplete="off"
      />
    </Field>
  );
}

/** A picker of the saved segments, by name. */
export function SegmentField(props: {
  segments: readonly { name: string }[] | undefined;
  value: string;
  onChange: (segment: string) => void;
}) {
  return (
    <Field label={t('act.segment')}>
      <select name="segment" value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {(props.segments ?? []).map((s) => (
          <option key={s.name} value={s.name}>
            {segmentTitle(s.name)}
          </option>
        ))}
      </select>
    </Field>
  );
}

/**
 * Under a field where a rule is typed in the segment language: what the typed rule says in words, once it
 * reads as one; until then the help, its examples marked as what to type. `filters` for an event's property
 * filters (`revenue >= 50, coupon = true`) rather than a whole rule.
 */
export function RuleHint(props: { rule: string | undefined; help: string; filters?: boolean }) {
  const typed = props.rule?.trim() ?? '';
  const words = typed ? (props.filters ? filterWords(typed) : ruleWords(typed)) : null;
  return words ? (
    <span data-testid="rule-words">{t('act.ruleReads', { words })}</span>
  ) : (
    <Ticked text={props.help} raw />
  );
}
