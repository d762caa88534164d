/**
 * Migration 2: the log of model runs, with each run's model card, and the per-customer scores the
 * runs write back (RFM tier, CLV, probability alive, churn probability, lookalike score…).
 */
export const version = 2;
export const name = 'models';

// customer_scores is long (one row per customer, run and score) so that a new model needs no new
// column; text scores (an RFM tier) go in `label` beside a numeric `value`.
export const sql = `
  CREATE SEQUENCE model_run_ids START 1;
  CREATE TABLE model_runs (
    run_id BIGINT PRIMARY KEY,
    model VARCHAR NOT NULL,
    parameters JSON,
    window_start TIMESTAMPTZ,
    window_end TIMESTAMPTZ,
    rows_read BIGINT NOT NULL,
    rows_used BIGINT NOT NULL,
    customers_scored BIGINT NOT NULL,
    metrics JSON,
    started_at TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ NOT NULL,
    seconds DOUBLE PRECISION NOT NULL,
    card JSON
  );
  CREATE TABLE customer_scores (
    customer_key VARCHAR NOT NULL,
    run_id BIGINT NOT NULL,
    score VARCHAR NOT NULL,
    value DOUBLE PRECISION,
    label VARCHAR
  );
`;
