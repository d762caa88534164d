/**
 * Migration 21: two stores that make slow reads fast (issue 13).
 * - `profile_rows`: where each profile's records are, sorted by profile (src/profiles/rows.ts). One person's
 *   rows are then found by reading one row group of this table and fetching the records by row id, instead
 *   of scanning record_profiles and every record table (tens of millions of rows at a million customers).
 * - `persona_cache`: generated personas (before people's edits) by the state they were computed from
 *   (src/portraits/personas/cache.ts), so a second request for the same data and segments is a lookup.
 */
export const version = 21;
export const name = 'fast_paths';

export const sql = `
  CREATE TABLE profile_rows (
    profile_id BIGINT NOT NULL,
    record_table VARCHAR NOT NULL,
    rid BIGINT NOT NULL,
    row_key VARCHAR NOT NULL
  );
  CREATE TABLE persona_cache (
    key VARCHAR PRIMARY KEY,
    personas VARCHAR NOT NULL,
    computed_at TIMESTAMPTZ NOT NULL
  );
`;
