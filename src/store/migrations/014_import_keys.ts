/**
 * Migration 14: what real exports carry beside the first schema. Order lines keep their own shipping
 * (a marketplace's `freight_value`) apart from their price; feedback may name the order it is about;
 * and columns a person declared an identifier of the person (`clientele import --identifier`) are kept,
 * so that every later identity resolution joins records by them too.
 */
export const version = 14;
export const name = 'import_keys';

export const sql = `
  ALTER TABLE order_items ADD COLUMN "shipping_cost" DOUBLE PRECISION;
  ALTER TABLE feedback ADD COLUMN "order_id" VARCHAR;
  CREATE TABLE identity_keys (
    record_table VARCHAR NOT NULL,
    source_column VARCHAR NOT NULL,
    field VARCHAR,
    key_name VARCHAR NOT NULL,
    -- False until an identity resolution has joined every record by it (then a full rebuild runs once).
    applied BOOLEAN NOT NULL DEFAULT false,
    declared_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (record_table, source_column)
  );
`;
