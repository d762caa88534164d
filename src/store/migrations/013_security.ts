/**
 * Migration 13: users, their API tokens, and the hash-chained audit log (docs/security.md).
 * Passwords are stored as argon2id hashes, tokens as SHA-256 (they are random, 192 bits).
 */
export const version = 13;
export const name = 'security';

// audit_head keeps the last entry's number and hash, so that deleting the newest entries shows too.
export const sql = `
  CREATE TABLE users (
    name VARCHAR PRIMARY KEY,
    role VARCHAR NOT NULL,
    password_hash VARCHAR NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    password_changed_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    disabled_at TIMESTAMPTZ,
    last_sign_in_at TIMESTAMPTZ
  );
  CREATE TABLE api_tokens (
    token_id VARCHAR PRIMARY KEY,
    user_name VARCHAR NOT NULL,
    token_sha256 VARCHAR NOT NULL UNIQUE,
    scopes VARCHAR NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    expires_at TIMESTAMPTZ,
    revoked_at TIMESTAMPTZ
  );
  CREATE TABLE audit_log (
    seq BIGINT PRIMARY KEY,
    logged_at TIMESTAMPTZ NOT NULL,
    actor VARCHAR NOT NULL,
    role VARCHAR,
    action VARCHAR NOT NULL,
    target VARCHAR,
    origin VARCHAR,
    details VARCHAR,
    prev_hash VARCHAR NOT NULL,
    hash VARCHAR NOT NULL
  );
  CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY,
    seq BIGINT NOT NULL,
    hash VARCHAR NOT NULL
  );
`;
