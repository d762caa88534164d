import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from './api';
import { type MessageKey, t, tn, useLang } from './i18n';

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
  // The server writes some of what it answers in the app's language: a switch loads it again.
  const language = useLang();
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key`, `tick` and the language are the reasons to load again.
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
  }, [key, tick, language]);
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
  if (props.empty?.(load.data)) return <Empty>{props.emptyText ?? t('common.empty')}</Empty>;
  return <div className={load.loading ? 'stale' : undefined}>{props.children(load.data)}</div>;
}

export function Spinner(props: { label?: string }) {
  return (
    <div className="state loading" role="status" aria-live="polite">
      <span className="spin" aria-hidden="true" /> {props.label ?? t('common.loading')}
    </div>
  );
}

export function ErrorBox(props: { error: Error; retry?: () => void }) {
  const code = props.error instanceof ApiError ? props.error.code : undefined;
  // A Polish answer says what failed, with its names and values, apart from the message (`details.detail`).
  const detail = props.error instanceof ApiError ? props.error.details?.detail : undefined;
  return (
    <div className="state error" role="alert">
      <strong>{t('common.error')}</strong> {props.error.message}
      {typeof detail === 'string' && detail !== props.error.message && <> {detail}.</>}
      {code && <span className="code"> ({code})</span>}
      {props.retry && (
        <button type="button" className="link" onClick={props.retry}>
          {t('common.retry')}
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

/**
 * A card whose body folds away under its title (a `<details>`), open or folded as the page first draws it:
 * reference figures and long lists a phone need not scroll past (issue 14).
 */
export function Fold(props: { title: string; open: boolean; testId?: string; children: ReactNode }) {
  // Only the first draw's: a later `open` (the window resized across the phone breakpoint) would make React
  // fold what the reader opened, or open what they folded.
  const [open] = useState(props.open);
  return (
    <details className="card fold" open={open} data-testid={props.testId}>
      <summary>
        <h2>{props.title}</h2>
      </summary>
      {props.children}
    </details>
  );
}

/**
 * A long list a few rows at a time: `first` rows, then `step` more a click (issue 14: a phone shows a page,
 * with a way to the rest). `more` is the line saying how many are left (`left`, a plural message) and the
 * button, or null once everything shows.
 */
export function usePaged<T>(
  rows: readonly T[],
  first: number,
  step: number,
  testId: string,
  left: MessageKey = 'common.moreRows',
): { rows: readonly T[]; more: ReactNode } {
  const [shown, setShown] = useState(first);
  const more = Math.min(step, rows.length - shown);
  return {
    rows: rows.slice(0, shown),
    more:
      more > 0 ? (
        <p className="paged-more">
          <span className="muted small">{tn(left, rows.length - shown)}</span>{' '}
          <button type="button" onClick={() => setShown(shown + step)} data-testid={testId}>
            {tn('common.more', more)}
          </button>
        </p>
      ) : null,
  };
}

/** A table that scrolls inside its own box on narrow screens. */
export function Table(props: {
  head: ReactNode[];
  rows: ReactNode[][];
  testId?: string;
  numeric?: number[];
  /** At phone width, each row becomes a small card of label–value lines instead of a wide row. */
  stack?: boolean;
  /**
   * Columns holding sentences, not values: in a card (stack) each takes the card's full width under its
   * label, and a sentence in the first column is the card's heading, with no label.
   */
  prose?: number[];
}) {
  const numeric = new Set(props.numeric ?? []);
  const prose = new Set(props.prose ?? []);
  const labels = props.head.map((h) => (typeof h === 'string' ? h : ''));
  return (
    <div className={props.stack ? 'table-wrap stack' : 'table-wrap'} data-testid={props.testId}>
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
                <td
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional.
                  key={j}
                  className={numeric.has(j) ? 'num' : prose.has(j) ? 'prose' : undefined}
                  data-label={props.stack ? labels[j] : undefined}
                >
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

export { fmt, show } from './format';

/**
 * A message whose `quoted` parts (commands, file names) are shown as code rather than with backticks. With
 * `raw`, the quoted parts are what to type in a text form (a rule, a template's braces): marked `.raw`, as
 * written on purpose, for the dump scan (test/web/browser.ts).
 */
export function Ticked(props: { text: string; raw?: boolean }) {
  return (
    <>
      {props.text.split('`').map((part, i) =>
        i % 2 === 1 ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed message, in order.
          <code key={i} className={props.raw ? 'raw' : undefined}>
            {part}
          </code>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed message, in order.
          <span key={i}>{part}</span>
        ),
      )}
    </>
  );
}

// The layout's phone breakpoint (styles.css: max-width 760px).
const PHONE = '(max-width: 760px)';

/** Whether the window is phone-wide (the layout's breakpoint). */
export function usePhone(): boolean {
  const [phone, setPhone] = useState(() => window.matchMedia(PHONE).matches);
  useEffect(() => {
    const m = window.matchMedia(PHONE);
    const on = () => setPhone(m.matches);
    m.addEventListener('change', on);
    return () => m.removeEventListener('change', on);
  }, []);
  return phone;
}
