/**
 * Migration 19: the voice of the customer (issue 15). `social` holds imported social activity (posts,
 * comments, mentions, likes, shares, follows); `text_analysis` holds each document's language and sentiment
 * as the text pipeline (src/text) found them, keyed by the document's table and row key, with the hash of the
 * text it read so that a changed text is analysed again; `swot_drafts` keeps SWOT-TOWS drafts and their edits.
 */
export const version = 19;
export const name = 'social';

export const sql = `
  CREATE TABLE social (
    "post_id" VARCHAR,
    "platform" VARCHAR,
    "handle" VARCHAR,
    "customer_id" VARCHAR,
    "email" VARCHAR,
    "phone" VARCHAR,
    "anonymous_id" VARCHAR,
    "kind" VARCHAR,
    "text" VARCHAR,
    "target" VARCHAR,
    "url" VARCHAR,
    "posted_at" TIMESTAMPTZ,
    row_key VARCHAR NOT NULL,
    row_hash VARCHAR NOT NULL,
    import_id BIGINT NOT NULL,
    source_row BIGINT,
    extra JSON,
    imported_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
  );
  CREATE TABLE text_analysis (
    record_table VARCHAR NOT NULL,
    row_key VARCHAR NOT NULL,
    text_hash VARCHAR NOT NULL,
    language VARCHAR NOT NULL,
    sentiment DOUBLE PRECISION NOT NULL,
    analysed_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (record_table, row_key)
  );
  CREATE TABLE swot_drafts (
    name VARCHAR PRIMARY KEY,
    segment VARCHAR,
    draft JSON NOT NULL,
    edited BOOLEAN NOT NULL DEFAULT false,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
  );
`;
