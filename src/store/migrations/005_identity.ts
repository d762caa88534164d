/**
 * Migration 5: the identity graph. Each normalized identifier is a node on one profile; each record
 * of an imported kind belongs to one profile; merges the rules refused are kept for review.
 */
export const version = 5;
export const name = 'identity';

export const sql = `
  CREATE TABLE identity_nodes (
    node_id BIGINT NOT NULL,
    id_type VARCHAR NOT NULL,
    value VARCHAR NOT NULL,
    profile_id BIGINT
  );
  CREATE TABLE record_profiles (
    record_table VARCHAR NOT NULL,
    row_key VARCHAR NOT NULL,
    profile_id BIGINT NOT NULL,
    seq BIGINT NOT NULL
  );
  CREATE TABLE identity_conflicts (
    record_table VARCHAR NOT NULL,
    row_key VARCHAR NOT NULL,
    id_type VARCHAR NOT NULL,
    value VARCHAR NOT NULL,
    profile_id BIGINT NOT NULL,
    other_profile_id BIGINT,
    detected_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
  );
  CREATE TABLE identity_blocked (
    value VARCHAR PRIMARY KEY,
    reason VARCHAR,
    blocked_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
  );
`;
