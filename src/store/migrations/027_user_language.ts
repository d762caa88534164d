/**
 * Migration 27: each user's language (issue 14). `en` or `pl`, or NULL for "as the browser asks": the
 * server answers a signed-in user in it unless `?lang=` says otherwise (src/server/locale.ts).
 */
export const version = 27;
export const name = 'user_language';

export const sql = `ALTER TABLE users ADD COLUMN language VARCHAR`;
