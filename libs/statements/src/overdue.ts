/**
 * Money overdue to a rights holder (Directive 2014/26/EU Art. 13(1)): a society
 * distributes what it collected no later than nine months after the end of the financial
 * year of collection. A line's year of collection is read as the society's financial year
 * in which the use ended (the ledger does not record the day the money came in; the
 * audit's distribution-deadline rule reads it the same way). Pure TypeScript.
 */
import { addMonths, financialYearEndOnOrAfter, toDayNumber } from '../../mandates/src/index.js';

/** Art. 13(1): months after the end of the financial year of collection. */
export const ART13_MONTHS = 9;

/** The day a line must be paid by: nine months after the end of the society's financial year in which its use ended. */
export function art13Deadline(useTo: string, fyEnd: { month: number; day: number }): string {
  return addMonths(financialYearEndOnOrAfter(useTo, fyEnd.month, fyEnd.day), ART13_MONTHS);
}

/** Days past the deadline on `today`; null when the line is paid (or not the holder's to be paid) or not yet due. */
export function overdueDays(line: { status: string }, deadline: string, today: string): number | null {
  if (line.status !== 'unpaid') return null;
  if (today <= deadline) return null;
  return toDayNumber(today) - toDayNumber(deadline);
}
