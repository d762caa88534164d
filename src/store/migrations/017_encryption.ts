/**
 * Migration 17: field encryption (issue 19). With personal fields encrypted, an identity node's value is
 * ciphertext (a fresh IV each time, so never equal to itself); `value_index` holds the keyed blind index of
 * its normalized value, by which the graph, profile lookups and suppressions find it. Null in a database
 * stored in clear.
 */
export const version = 17;
export const name = 'encryption';

export const sql = `
  ALTER TABLE identity_nodes ADD COLUMN value_index VARCHAR;
`;
