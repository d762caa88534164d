/**
 * Migration 18: acting on the data (issues 15 and 16). The durable outbox every webhook and destination
 * delivery goes through; destinations and the audiences synced to them (with who was last sent); keyword
 * and social alerts with their hits (one per alert and record); e-mail campaigns; experiments and their
 * stable assignments.
 */
export const version = 18;
export const name = 'activation';

export const sql = `
  CREATE TABLE outbox (
    id VARCHAR PRIMARY KEY,
    seq BIGINT NOT NULL,
    origin VARCHAR NOT NULL,
    ordering_key VARCHAR NOT NULL,
    url VARCHAR NOT NULL,
    headers JSON NOT NULL,
    body VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL,
    next_at TIMESTAMPTZ NOT NULL,
    last_status INTEGER,
    last_error VARCHAR,
    created_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    delivered_at TIMESTAMPTZ
  );
  CREATE TABLE destinations (
    name VARCHAR PRIMARY KEY,
    type VARCHAR NOT NULL,
    url VARCHAR,
    out_path VARCHAR,
    secret VARCHAR,
    write_key VARCHAR,
    batch_size INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
  );
  CREATE TABLE audiences (
    name VARCHAR PRIMARY KEY,
    segment VARCHAR NOT NULL,
    destination VARCHAR NOT NULL,
    fields JSON NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    synced_at TIMESTAMPTZ
  );
  CREATE TABLE audience_members (
    audience VARCHAR NOT NULL,
    profile_id BIGINT NOT NULL,
    sent_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (audience, profile_id)
  );
  CREATE TABLE alerts (
    name VARCHAR PRIMARY KEY,
    keywords JSON,
    on_kind VARCHAR,
    source VARCHAR NOT NULL,
    sentiment_below DOUBLE PRECISION,
    segment VARCHAR,
    webhook VARCHAR,
    secret VARCHAR,
    fold_diacritics BOOLEAN NOT NULL DEFAULT true,
    created_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    evaluated_to TIMESTAMPTZ NOT NULL,
    evaluated_import BIGINT NOT NULL DEFAULT 0,
    created_import BIGINT NOT NULL DEFAULT 0
  );
  CREATE TABLE alert_hits (
    alert VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    record_key VARCHAR NOT NULL,
    hit_at TIMESTAMPTZ NOT NULL,
    record_at TIMESTAMPTZ,
    profile_id BIGINT,
    customer_id VARCHAR,
    text VARCHAR,
    matched JSON NOT NULL,
    PRIMARY KEY (alert, source, record_key)
  );
  CREATE TABLE campaigns (
    name VARCHAR PRIMARY KEY,
    segment VARCHAR NOT NULL,
    subject VARCHAR NOT NULL,
    template VARCHAR NOT NULL,
    from_address VARCHAR NOT NULL,
    smtp VARCHAR,
    cap_count INTEGER,
    cap_days INTEGER,
    created_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
  );
  CREATE TABLE experiments (
    name VARCHAR PRIMARY KEY,
    segment VARCHAR NOT NULL,
    variants JSON NOT NULL,
    weights JSON NOT NULL,
    holdout DOUBLE PRECISION NOT NULL DEFAULT 0,
    start_at TIMESTAMPTZ NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
  );
  CREATE TABLE placements (
    name VARCHAR PRIMARY KEY,
    rules JSON NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
  );
  CREATE TABLE experiment_assignments (
    experiment VARCHAR NOT NULL,
    profile_id BIGINT NOT NULL,
    variant VARCHAR NOT NULL,
    assigned_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (experiment, profile_id)
  );
`;
