/**
 * Migration 16: the settings of the business definitions (src/semantics, docs/definitions.md) and a line
 * discount on order lines, which an order line's value subtracts. The views the definitions compile to
 * are recreated on every open (src/semantics/compile.ts), so they follow the code and the settings.
 */
export const version = 16;
export const name = 'definitions';

export const sql = `
  CREATE TABLE definition_settings (
    key VARCHAR PRIMARY KEY,
    value JSON NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
  );
  ALTER TABLE order_items ADD COLUMN "discount" DOUBLE PRECISION;
`;
