/**
 * Migration 4: write keys for the Event API. Each key is a source: the events it sends land in
 * `events` under the `imports` row named `api:<name>`, so that imported and live events share one shape.
 */
export const version = 4;
export const name = 'event_api';

// Only the SHA-256 of a key is stored; the key itself is shown once, by `clientele keys create`.
export const sql = `
  CREATE TABLE api_keys (
    name VARCHAR PRIMARY KEY,
    key_sha256 VARCHAR NOT NULL UNIQUE,
    key_prefix VARCHAR NOT NULL,
    import_id BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    revoked_at TIMESTAMPTZ
  );
`;
