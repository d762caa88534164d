/**
 * The version of every migration of index.ts, apart from their text: opening a database that has them all
 * (every open but the first) loads none of the migrations' modules (issue 13). migrate.test.ts checks that
 * the two lists agree.
 */
export const MIGRATION_VERSIONS: readonly number[] = [
  1, 2, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28,
];
