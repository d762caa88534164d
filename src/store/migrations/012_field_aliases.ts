/**
 * Migration 12: the names a file gave its columns, per kind, beside the field each was read into, so that
 * every surface accepts the file's own name (`customer_state`) as well as the canonical one (`region`).
 * Imports write one row per column; the latest import of a name wins. Earlier imports' mappings are copied in.
 */
export const version = 12;
export const name = 'field_aliases';

export const sql = `
  CREATE TABLE field_aliases (
    kind VARCHAR NOT NULL,
    alias VARCHAR NOT NULL,
    field VARCHAR NOT NULL,
    how VARCHAR NOT NULL,
    import_id BIGINT NOT NULL
  );
  INSERT INTO field_aliases
    SELECT kind, alias, field, 'earlier', import_id FROM (
      SELECT i.kind, json_extract_string(j.value, '$') AS alias, j.key AS field, i.import_id,
        row_number() OVER (PARTITION BY i.kind, json_extract_string(j.value, '$') ORDER BY i.import_id DESC) AS n
      FROM imports i, json_each(i.mapping) j
      WHERE i.mapping IS NOT NULL AND json_type(j.value) = 'VARCHAR') latest
    WHERE n = 1;
`;
