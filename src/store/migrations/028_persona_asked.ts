/**
 * Migration 28: personas kept by what was asked as well as by the state (issue 14). `asked` is a signature of
 * the options alone (the segments selected, by stage, the time zone), the same across data states: while the
 * personas of a new state are computed, the newest ones kept for the same question are shown, labelled with
 * the time they were computed (src/portraits/personas/cache.ts `readLatestPersonas`).
 */
export const version = 28;
export const name = 'persona_asked';

export const sql = `ALTER TABLE persona_cache ADD COLUMN asked VARCHAR`;
