import { byKind, label } from './format';
import { tn } from './i18n';
import { Table } from './ui';

type Json = unknown;

function isRowList(v: Json): v is Record<string, unknown>[] {
  return (
    Array.isArray(v) &&
    v.length > 0 &&
    v.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x))
  );
}

// Internal keys, pictures and raw key lists say nothing to a reader.
const HIDDEN = /^(avatar|.*Keys|runId|id|rowKey|computedMs|cached)$/;

function scalarLike(x: unknown): boolean {
  return (
    x === null ||
    typeof x !== 'object' ||
    (Array.isArray(x) && x.every((e) => e === null || typeof e !== 'object'))
  );
}

/**
 * Any API answer laid out without knowing its shape, in words: names through the label catalogue, values
 * formatted by what their name says (money, share, count), records as tables whose cells are scalars only
 * (a nested object is its own section, never a JSON string), lists of numbers longer than a few items left
 * out (a chart shows those).
 */
export function ResultView(props: { value: Json; rows?: number; depth?: number; title?: string }) {
  const limit = props.rows ?? 50;
  const depth = props.depth ?? 0;
  const v = props.value;
  if (isRowList(v)) {
    const sample = v.slice(0, 20);
    const cols = [...new Set(sample.flatMap((r) => Object.keys(r)))]
      .filter((c) => !HIDDEN.test(c))
      .filter((c) =>
        sample.every((r) => scalarLike(r[c]) && !(Array.isArray(r[c]) && (r[c] as unknown[]).length > 6)),
      )
      .slice(0, 8);
    return (
      <div className="result-table">
        {props.title && <h3>{label(props.title)}</h3>}
        <Table
          stack
          head={cols.map(label)}
          numeric={cols.flatMap((c, i) => (v.some((r) => typeof r[c] === 'number') ? [i] : []))}
          rows={v.slice(0, limit).map((r) => cols.map((c) => byKind(c, r[c])))}
        />
        {v.length > limit && <p className="muted small">{tn('common.moreRows', v.length - limit)}</p>}
      </div>
    );
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    if (Array.isArray(v) && v.length > 12) return null;
    return (
      <p>
        {props.title && <strong>{label(props.title)}: </strong>}
        {byKind(props.title ?? '', v)}
      </p>
    );
  }
  const entries = Object.entries(v as Record<string, unknown>).filter(([k]) => !HIDDEN.test(k));
  const scalars = entries.filter(([, x]) => scalarLike(x) && !(Array.isArray(x) && x.length > 12));
  const nested = entries.filter(([, x]) => !scalarLike(x));
  return (
    <div className={`result depth-${depth}`}>
      {props.title && <h3>{label(props.title)}</h3>}
      {scalars.length > 0 && (
        <dl className="figures">
          {scalars.map(([k, x]) => (
            <div key={k}>
              <dt>{label(k)}</dt>
              <dd>{byKind(k, x)}</dd>
            </div>
          ))}
        </dl>
      )}
      {depth < 3 &&
        nested.map(([k, x]) => <ResultView key={k} value={x} title={k} rows={limit} depth={depth + 1} />)}
    </div>
  );
}
