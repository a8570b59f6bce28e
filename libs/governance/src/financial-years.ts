/**
 * Financial years and look-back windows, on ISO dates (`YYYY-MM-DD`) in UTC.
 *
 * A society's financial year ends every year on its `fyEndMonth`/`fyEndDay`; a year
 * ending on 29 February ends on the 28th in common years. The financial year is named
 * after the calendar year it ends in: with a 30 June year end, FY 2025 runs from
 * 2024-07-01 to 2025-06-30.
 *
 * Pure: no framework, no database.
 */

export interface FinancialYearEnd {
  /** 1–12 */
  month: number;
  /** 1–31, a day the month has (29 for February: leap years) */
  day: number;
}

/** A closed range of days: both ends included. */
export interface DateWindow {
  from: string;
  to: string;
}

export interface FinancialYear extends DateWindow {
  /** The calendar year the financial year ends in. */
  year: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): [number, number, number] {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`not an ISO date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `date` moved by `days` calendar days (negative: back). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** The last day of financial year `year`. */
export function financialYearEndDate(year: number, end: FinancialYearEnd): string {
  return iso(year, end.month, Math.min(end.day, daysInMonth(year, end.month)));
}

/** Financial year `year`: from the day after the previous year's end to its own end. */
export function financialYear(year: number, end: FinancialYearEnd): FinancialYear {
  return { year, from: addDays(financialYearEndDate(year - 1, end), 1), to: financialYearEndDate(year, end) };
}

/** The financial year a date falls in. */
export function financialYearOf(date: string, end: FinancialYearEnd): number {
  const year = parts(date)[0];
  return date <= financialYearEndDate(year, end) ? year : year + 1;
}

/** The latest financial year that ends on or before `date`. */
export function latestFinancialYearEndingBy(date: string, end: FinancialYearEnd): number {
  const year = financialYearOf(date, end);
  return financialYearEndDate(year, end) === date ? year : year - 1;
}

/** The latest financial year complete before `today` (one ending today is not over yet). */
export function lastCompleteFinancialYear(today: string, end: FinancialYearEnd): number {
  return latestFinancialYearEndingBy(addDays(today, -1), end);
}

/**
 * The `years` years that end on `to`: from the day after `to`, the same day `years`
 * earlier (29 February becoming 1 March in a common year). When `to` is the end of
 * financial year Y this is exactly financial years Y − years + 1 … Y.
 */
export function lookbackWindow(to: string, years: number, end?: FinancialYearEnd): DateWindow {
  // A window ending on a financial-year end spans whole financial years (this matters
  // for a year end on 28 or 29 February, which leap years move).
  if (end && financialYearEndDate(financialYearOf(to, end), end) === to) return lookbackWindowOfYear(financialYearOf(to, end), years, end);
  const [y, m, d] = parts(addDays(to, 1));
  const year = y - years;
  const from = d > daysInMonth(year, m) ? addDays(iso(year, m, daysInMonth(year, m)), 1) : iso(year, m, d);
  return { from, to };
}

/** The look-back window ending with financial year `year`. */
export function lookbackWindowOfYear(year: number, years: number, end: FinancialYearEnd): DateWindow {
  return { from: financialYear(year - years + 1, end).from, to: financialYearEndDate(year, end) };
}
