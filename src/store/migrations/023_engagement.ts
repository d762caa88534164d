/**
 * Migration 23: e-mail engagement (issues 15 and 16).
 * - `message_engagement`: every open (the tracking pixel), click (a signed link) and reply of a message, one
 *   row each, with the profile it reached; `messages.opened_at`/`clicked_at` keep the first of each.
 * - `campaigns.track` (default on): whether sends get the pixel and rewritten links; `campaigns.tracking_url`:
 *   the server's public address those point to.
 */
export const version = 23;
export const name = 'engagement';

export const sql = `
  CREATE TABLE message_engagement (
    message_id VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    url VARCHAR,
    engaged_at TIMESTAMPTZ NOT NULL,
    profile_id BIGINT
  );
  ALTER TABLE campaigns ADD COLUMN track BOOLEAN DEFAULT true;
  ALTER TABLE campaigns ADD COLUMN tracking_url VARCHAR;
`;
