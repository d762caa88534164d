/**
 * Migration 7: saved segments and their membership history (who entered and left, and when).
 */
export const version = 7;
export const name = 'segments';

export const sql = `
  CREATE TABLE segments (
    name VARCHAR PRIMARY KEY,
    expression VARCHAR NOT NULL,
    tree JSON NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    refreshed_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    size BIGINT NOT NULL DEFAULT 0
  );
  CREATE TABLE segment_membership (
    segment VARCHAR NOT NULL,
    profile_id BIGINT NOT NULL,
    entered_at TIMESTAMPTZ NOT NULL,
    exited_at TIMESTAMPTZ
  );
`;
