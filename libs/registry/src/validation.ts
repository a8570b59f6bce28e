import { DomainError } from '../../errors/src/index.js';

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A financial year ends on a real calendar day (29 February is allowed: leap years). */
export function validateFinancialYearEnd(month: number, day: number): void {
  if (day > DAYS_IN_MONTH[month - 1]) {
    throw DomainError.validation('Invalid financial-year end', [{ field: 'fyEndDay', message: `month ${month} has no day ${day}` }]);
  }
}

/** `from` ≤ `to` for ISO dates (strings compare in date order). */
export function validatePeriod(from: string, to: string | null | undefined, fromField: string, toField: string): void {
  if (to != null && to < from) {
    throw DomainError.validation('The period ends before it starts', [{ field: toField, message: `must not be before ${fromField} (${from})` }]);
  }
}
