/**
 * User text inside LIKE patterns: `%` and `_` are wildcards and would make `q=%` match everyone, so they are
 * escaped with a backslash, named by an `ESCAPE` clause (the same in DuckDB and PostgreSQL).
 */

/** Write after a `LIKE ?` / `ILIKE ?` whose pattern came from `likeEscape`. */
export const LIKE_ESCAPE = "ESCAPE '\\'";

/** `text` with LIKE's wildcards and the escape character taken literally. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
