/**
 * Migration 8: segments that are lists rather than rules (clusters, uploads), and each segment's size
 * over time (one row per refresh).
 */
export const version = 8;
export const name = 'segment_history';

export const sql = `
  ALTER TABLE segments ADD COLUMN kind VARCHAR DEFAULT 'rule';
  ALTER TABLE segments ADD COLUMN description VARCHAR;
  ALTER TABLE segments ADD COLUMN definition JSON;
  CREATE TABLE segment_sizes (
    segment VARCHAR NOT NULL,
    measured_at TIMESTAMPTZ NOT NULL,
    size BIGINT NOT NULL,
    entered BIGINT NOT NULL,
    exited BIGINT NOT NULL
  );
`;
