/**
 * Migration 22: journeys (issue 16). A journey's definition and state; each person's position in each
 * journey (the step they are at and when it is due); the log of every step taken; the people a score
 * trigger last saw past its threshold (so a crossing is told from a stay); tags that journeys add and remove;
 * and the settings every journey obeys (the global frequency cap, quiet hours).
 */
export const version = 22;
export const name = 'journeys';

export const sql = `
  CREATE TABLE journeys (
    name VARCHAR PRIMARY KEY,
    definition JSON NOT NULL,
    state VARCHAR NOT NULL DEFAULT 'active',
    watermark TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    run_at TIMESTAMPTZ
  );
  CREATE TABLE journey_positions (
    journey VARCHAR NOT NULL,
    profile_id BIGINT NOT NULL,
    step VARCHAR,
    status VARCHAR NOT NULL,
    due_at TIMESTAMPTZ,
    entered_at TIMESTAMPTZ NOT NULL,
    exited_at TIMESTAMPTZ,
    entries INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (journey, profile_id)
  );
  CREATE TABLE journey_steps (
    journey VARCHAR NOT NULL,
    profile_id BIGINT NOT NULL,
    step VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    outcome VARCHAR NOT NULL,
    detail VARCHAR,
    taken_at TIMESTAMPTZ NOT NULL
  );
  CREATE TABLE journey_marks (
    journey VARCHAR NOT NULL,
    profile_id BIGINT NOT NULL,
    PRIMARY KEY (journey, profile_id)
  );
  CREATE TABLE profile_tags (
    profile_id BIGINT NOT NULL,
    tag VARCHAR NOT NULL,
    added_at TIMESTAMPTZ NOT NULL,
    source VARCHAR,
    PRIMARY KEY (profile_id, tag)
  );
  CREATE TABLE journey_settings (
    key VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
  );
`;
