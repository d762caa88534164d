import { fmt, show, Table } from './ui';

type Json = unknown;

function isRowList(v: Json): v is Record<string, unknown>[] {
  return (
    Array.isArray(v) &&
    v.length > 0 &&
    v.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x))
  );
}

function cell(v: unknown): string {
  if (typeof v === 'number') return fmt.num(v, Math.abs(v) < 10 ? 3 : 1);
  return show(v);
}

/**
 * Any API answer laid out without knowing its shape: scalars as a list of figures, lists of records as
 * tables (the first `rows` of each), nested objects as their own sections. Everything is text.
 */
export function ResultView(props: { value: Json; rows?: number; depth?: number; title?: string }) {
  const limit = props.rows ?? 50;
  const depth = props.depth ?? 0;
  const v = props.value;
  if (isRowList(v)) {
    const cols = [...new Set(v.slice(0, 20).flatMap((r) => Object.keys(r)))].slice(0, 10);
    return (
      <div className="result-table">
        {props.title && <h3>{props.title}</h3>}
        <Table
          head={cols}
          numeric={cols.flatMap((c, i) => (v.some((r) => typeof r[c] === 'number') ? [i] : []))}
          rows={v.slice(0, limit).map((r) => cols.map((c) => cell(r[c])))}
        />
        {v.length > limit && <p className="muted small">{fmt.int(v.length - limit)} more rows not shown.</p>}
      </div>
    );
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    return (
      <p>
        {props.title && <strong>{props.title}: </strong>}
        {cell(v)}
      </p>
    );
  }
  const entries = Object.entries(v as Record<string, unknown>);
  const scalars = entries.filter(
    ([, x]) => x === null || typeof x !== 'object' || (Array.isArray(x) && !isRowList(x) && x.length <= 12),
  );
  const nested = entries.filter(([k]) => !scalars.some(([s]) => s === k));
  return (
    <div className={`result depth-${depth}`}>
      {props.title && <h3>{props.title}</h3>}
      {scalars.length > 0 && (
        <dl className="figures">
          {scalars.map(([k, x]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{cell(x)}</dd>
            </div>
          ))}
        </dl>
      )}
      {depth < 3 &&
        nested.map(([k, x]) => <ResultView key={k} value={x} title={k} rows={limit} depth={depth + 1} />)}
    </div>
  );
}
