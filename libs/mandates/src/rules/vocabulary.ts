/**
 * The words a mandate is delineated with (CONTRACT.md): categories of rights, types of
 * work, and the basis on which a society manages them.
 */

/** Categories of rights (the same list the submission packages use). */
export const CATEGORIES = [
  'performing',
  'mechanical',
  'reproduction',
  'communication',
  'making-available',
  'private-copying',
  'performers',
  'producers',
  'reprography',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Types of work. */
export const WORK_TYPES = ['musical', 'audiovisual', 'literary', 'visual', 'sound-recording', 'other'] as const;
export type WorkType = (typeof WORK_TYPES)[number];

/**
 * `contractual`: the rights holder authorised the society (Directive Art. 5(2)).
 * `non-contractual`: the society manages the rights under an accreditation, without the
 * holder's consent (extended or compulsory collective management).
 */
export const BASES = ['contractual', 'non-contractual'] as const;
export type Basis = (typeof BASES)[number];

export function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value);
}

export function isWorkType(value: unknown): value is WorkType {
  return typeof value === 'string' && (WORK_TYPES as readonly string[]).includes(value);
}

export function isBasis(value: unknown): value is Basis {
  return typeof value === 'string' && (BASES as readonly string[]).includes(value);
}
