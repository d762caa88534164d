/** The orders a segment's members can be listed in, each with its direction (the largest or newest first). */
export const MEMBER_SORTS = ['revenue', 'orders', 'entered'] as const;

/** One of {@link MEMBER_SORTS}. */
export type MemberSort = (typeof MEMBER_SORTS)[number];
