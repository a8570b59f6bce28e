/**
 * Helpers for row rules (RowRule.guard and .breaks): SQL over the staged row `s`, where
 * the validating statement has computed `s.ok_<column>` for every column whose kind
 * `parses` (dates and amounts).
 */

/** Whether a date cell parses: a flag the validating statement computes once per row. */
export const dateOk = (c: string) => `s.ok_${c}`;
/** Whether an amount cell parses: a flag the validating statement computes once per row. */
export const amountOk = (c: string) => `s.ok_${c}`;
/**
 * `a` is an earlier date than `b`, for cells the guard has found valid (YYYY-MM-DD, year
 * 0001 to 9999): byte order of such texts is date order, and comparing them is cheaper
 * than two casts to date.
 */
export const dateBefore = (a: string, b: string) => `s.${a} COLLATE "C" < s.${b} COLLATE "C"`;
