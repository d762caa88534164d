import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from './api';

/** The state of one asynchronous load. */
export interface Load<T> {
  readonly data: T | undefined;
  readonly error: Error | undefined;
  readonly loading: boolean;
  reload(): void;
}

/** Runs `fn` whenever `key` changes (null: not at all) and keeps the latest answer; older answers are dropped. */
export function useLoad<T>(key: string | null, fn: () => Promise<T>): Load<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({
    loading: key !== null,
  });
  const [tick, setTick] = useState(0);
  const fnRef = useRef(fn);
  fnRef.current = fn;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` and `tick` are the reasons to load again.
  useEffect(() => {
    if (key === null) {
      setState({ loading: false });
      return;
    }
    let live = true;
    setState((s) => ({ data: s.data, loading: true }));
    fnRef.current().then(
      (data) => live && setState({ data, loading: false }),
      (error: Error) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [key, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/** Shows the loading, error and empty states of a load, and `children(data)` otherwise. */
export function Loaded<T>(props: {
  load: Load<T>;
  empty?: (data: T) => boolean;
  emptyText?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const { load } = props;
  if (load.error && !load.loading) return <ErrorBox error={load.error} retry={load.reload} />;
  if (load.data === undefined) return <Spinner />;
  if (props.empty?.(load.data)) return <Empty>{props.emptyText ?? 'Nothing here yet.'}</Empty>;
  return <div className={load.loading ? 'stale' : undefined}>{props.children(load.data)}</div>;
}

export function Spinner(props: { label?: string }) {
  return (
    <div className="state loading" role="status" aria-live="polite">
      <span className="spin" aria-hidden="true" /> {props.label ?? 'Loading…'}
    </div>
  );
}

export function ErrorBox(props: { error: Error; retry?: () => void }) {
  const code = props.error instanceof ApiError ? props.error.code : undefined;
  return (
    <div className="state error" role="alert">
      <strong>Something went wrong.</strong> {props.error.message}
      {code && <span className="code"> ({code})</span>}
      {props.retry && (
        <button type="button" className="link" onClick={props.retry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty(props: { children: ReactNode }) {
  return <div className="state empty">{props.children}</div>;
}

export function Card(props: {
  title?: ReactNode;
  children: ReactNode;
  className?: string;
  actions?: ReactNode;
}) {
  return (
    <section className={`card ${props.className ?? ''}`}>
      {(props.title || props.actions) && (
        <header className="card-head">
          {props.title && <h2>{props.title}</h2>}
          {props.actions}
        </header>
      )}
      {props.children}
    </section>
  );
}

export function Kpi(props: { label: string; value: ReactNode; sub?: ReactNode; testId?: string }) {
  return (
    <div className="kpi" data-testid={props.testId}>
      <div className="kpi-label">{props.label}</div>
      <div className="kpi-value">{props.value}</div>
      {props.sub !== undefined && <div className="kpi-sub">{props.sub}</div>}
    </div>
  );
}

/** A table that scrolls inside its own box on narrow screens. */
export function Table(props: {
  head: ReactNode[];
  rows: ReactNode[][];
  testId?: string;
  numeric?: number[];
}) {
  const numeric = new Set(props.numeric ?? []);
  return (
    <div className="table-wrap" data-testid={props.testId}>
      <table>
        <thead>
          <tr>
            {props.head.map((h, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional.
              <th key={i} className={numeric.has(i) ? 'num' : undefined}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional.
            <tr key={i}>
              {r.map((c, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional.
                <td key={j} className={numeric.has(j) ? 'num' : undefined}>
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const intFmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const moneyFmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const compactFmt = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

export const fmt = {
  int: (n: number | null | undefined) => (n === null || n === undefined ? '–' : intFmt.format(n)),
  money: (n: number | null | undefined) => (n === null || n === undefined ? '–' : moneyFmt.format(n)),
  compact: (n: number | null | undefined) => (n === null || n === undefined ? '–' : compactFmt.format(n)),
  pct: (n: number | null | undefined, digits = 1) =>
    n === null || n === undefined || !Number.isFinite(n) ? '–' : `${(n * 100).toFixed(digits)} %`,
  num: (n: unknown, digits = 3) =>
    typeof n === 'number' ? (Number.isInteger(n) ? intFmt.format(n) : n.toFixed(digits)) : String(n ?? '–'),
  day: (s: string | null | undefined) => (s ? s.slice(0, 10) : '–'),
  when: (s: string | null | undefined) => (s ? s.replace('T', ' ').slice(0, 16) : '–'),
};

/** Any JSON value as plain text (never as HTML). */
export function show(v: unknown): string {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'number') return fmt.num(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (Array.isArray(v)) return v.map(show).join(', ');
  return JSON.stringify(v);
}
