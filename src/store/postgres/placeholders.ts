/**
 * Our SQL binds values with `?` (DuckDB's positional placeholder) or `$1 … $n`; PostgreSQL knows only the
 * second. `?` outside string literals, quoted names and comments becomes `$n`, numbered left to right.
 */
export function numberPlaceholders(sql: string): string {
  if (!sql.includes('?')) return sql;
  let out = '';
  let n = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] as string;
    const next = sql[i + 1];
    if (c === "'" || c === '"') {
      // A literal or a quoted name runs to its closing quote; a doubled quote is an escaped one.
      let j = i + 1;
      for (;;) {
        const k = sql.indexOf(c, j);
        if (k < 0) {
          j = sql.length;
          break;
        }
        if (sql[k + 1] === c) {
          j = k + 2;
          continue;
        }
        j = k + 1;
        break;
      }
      out += sql.slice(i, j);
      i = j;
    } else if (c === '-' && next === '-') {
      const k = sql.indexOf('\n', i);
      const j = k < 0 ? sql.length : k;
      out += sql.slice(i, j);
      i = j;
    } else if (c === '/' && next === '*') {
      const k = sql.indexOf('*/', i + 2);
      const j = k < 0 ? sql.length : k + 2;
      out += sql.slice(i, j);
      i = j;
    } else if (c === '?') {
      out += `$${++n}`;
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
