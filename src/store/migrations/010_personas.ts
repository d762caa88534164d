/**
 * Migration 10: people's edits of generated personas, one row per segment, applied over the generated
 * values each time personas are generated again (docs/personas.md).
 */
export const version = 10;
export const name = 'personas';

export const sql = `
  CREATE TABLE persona_edits (
    segment VARCHAR PRIMARY KEY,
    name VARCHAR,
    summary VARCHAR,
    notes VARCHAR,
    overrides JSON,
    edited_at TIMESTAMPTZ NOT NULL
  );
`;
