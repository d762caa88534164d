import { type FormEvent, type ReactNode, useState } from 'react';
import { api } from '../../api';
import { t } from '../../i18n';
import { ErrorBox, Spinner } from '../../ui';

/** A mining job's state: run on demand, since each one reads every order or event. */
export function useRun<T>(path: string): {
  busy: boolean;
  data?: T;
  error?: Error;
  run: (body: Record<string, unknown>) => Promise<void>;
} {
  const [state, setState] = useState<{ busy: boolean; data?: T; error?: Error }>({ busy: false });
  const run = async (body: Record<string, unknown>) => {
    setState((s) => ({ busy: true, ...(s.data !== undefined && { data: s.data }) }));
    try {
      setState({ busy: false, data: await api<T>(path, { method: 'POST', body }) });
    } catch (error) {
      setState({ busy: false, error: error as Error });
    }
  };
  return { ...state, run };
}

/** The form of a job (its options and a Run button), then its error, spinner or result. */
export function JobForm(props: {
  what: string;
  busy: boolean;
  error?: Error | undefined;
  onRun: () => void;
  children?: ReactNode;
  testId: string;
  result: ReactNode;
}) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onRun();
  };
  return (
    <>
      <p className="muted">{props.what}</p>
      <form className="row" onSubmit={submit}>
        {props.children}
        <button type="submit" className="primary" disabled={props.busy}>
          {props.busy ? t('common.running') : t('common.run')}
        </button>
      </form>
      {props.error && <ErrorBox error={props.error} retry={props.onRun} />}
      {props.busy && <Spinner />}
      {props.result && <div data-testid={props.testId}>{props.result}</div>}
    </>
  );
}

/** A labelled select of fixed choices. */
export function Choice<V extends string>(props: {
  label: string;
  value: V;
  options: readonly { value: V; label: string }[];
  onChange: (v: V) => void;
}) {
  return (
    <label className="inline">
      <span>{props.label}</span>
      <select value={props.value} onChange={(e) => props.onChange(e.target.value as V)}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
