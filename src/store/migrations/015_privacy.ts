/**
 * Migration 15: what privacy needs. People who asked to be forgotten, as keyed blind indexes of their
 * identifiers (never the identifiers); each profile's consent per purpose with its source and time; and the
 * database's privacy settings (the key check, whether personal fields are encrypted).
 */
export const version = 15;
export const name = 'privacy';

export const sql = `
  CREATE TABLE suppressions (
    blind_index VARCHAR PRIMARY KEY,
    id_type VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    suppressed_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
  );
  CREATE TABLE consents (
    profile_id BIGINT NOT NULL,
    purpose VARCHAR NOT NULL,
    granted BOOLEAN NOT NULL,
    source VARCHAR NOT NULL,
    recorded_at TIMESTAMPTZ
  );
  CREATE TABLE privacy_settings (
    name VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
  );
`;
