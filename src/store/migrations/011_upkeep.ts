/**
 * Migration 11: small named facts the upkeep keeps about the database, such as the state of the data that
 * profiles were last resolved from (src/identity/current.ts), so that a read can tell in one query whether
 * profiles are current.
 */
export const version = 11;
export const name = 'upkeep';

export const sql = `
  CREATE TABLE upkeep_state (
    name VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
  );
`;
