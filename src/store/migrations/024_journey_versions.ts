/**
 * Migration 24: journey versions (issue 16, editing a journey). A journey's definition may be replaced
 * (`PUT /v1/journeys/:name`, `clientele journeys update`): `journeys.version` counts the definitions, and each
 * position records the version of the definition its step belongs to.
 */
export const version = 24;
export const name = 'journey_versions';

export const sql = `
  ALTER TABLE journeys ADD COLUMN version INTEGER DEFAULT 1;
  ALTER TABLE journey_positions ADD COLUMN version INTEGER DEFAULT 1;
`;
