/**
 * Migration 20: housekeeping (issue 17). Owners of sources, the audit's history, dedupe decisions (an accepted
 * pair is a manual identity link until undone), schedules and their runs, and the distributions each model run
 * saw, against which drift is measured.
 */
export const version = 20;
export const name = 'housekeeping';

export const sql = `
  CREATE TABLE source_owners (
    source VARCHAR PRIMARY KEY,
    owner VARCHAR NOT NULL,
    set_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
  );
  CREATE TABLE audit_runs (
    audited_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    result JSON NOT NULL
  );
  CREATE TABLE dedupe_decisions (
    a VARCHAR NOT NULL,
    b VARCHAR NOT NULL,
    decision VARCHAR NOT NULL,
    probability DOUBLE PRECISION,
    agreements JSON,
    decided_by VARCHAR NOT NULL,
    decided_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    undone_at TIMESTAMPTZ
  );
  CREATE TABLE schedules (
    task VARCHAR PRIMARY KEY,
    every_seconds BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    last_run_at TIMESTAMPTZ
  );
  CREATE TABLE schedule_runs (
    task VARCHAR NOT NULL,
    started_at TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ NOT NULL,
    ok BOOLEAN NOT NULL,
    detail JSON
  );
  CREATE TABLE model_distributions (
    run_id BIGINT NOT NULL,
    model VARCHAR NOT NULL,
    role VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    sample DOUBLE PRECISION[] NOT NULL,
    mean DOUBLE PRECISION
  );
`;
