/** Vocabularies the package types share (their `oneOf` columns). */

/** Categories of rights. */
export const CATEGORIES = ['performing', 'mechanical', 'reproduction', 'communication', 'making-available', 'private-copying', 'performers', 'producers', 'reprography', 'other'] as const;
/** Kinds of use. */
export const USE_TYPES = ['radio', 'tv', 'live', 'online', 'background', 'cinema', 'private-copying', 'physical', 'other'] as const;
/** Kinds of work (the mandates' vocabulary). */
export const WORK_TYPES = ['musical', 'audiovisual', 'literary', 'visual', 'sound-recording', 'other'] as const;
/**
 * A distribution line's mandate status, derived from the mandate register when its package
 * commits (libs/mandates mandateStatusSql, which re-exports this list; CONTRACT.md).
 */
export const LINE_MANDATE_STATUSES = ['mandated', 'entrusted-elsewhere', 'no-mandate', 'unidentified'] as const;
