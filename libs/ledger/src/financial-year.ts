/**
 * A society's financial year. Financial year YYYY is the one that ends in calendar
 * year YYYY on the society's financial-year end (month and day); it starts the day
 * after the previous year's end. A year declared to end on 29 February ends on
 * 28 February in a common year. Pure: dates are ISO strings (YYYY-MM-DD), in UTC.
 */

export interface FinancialYear {
  year: number;
  /** First day, inclusive. */
  from: string;
  /** Last day, inclusive. */
  to: string;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** The last day of the financial year ending in calendar year `year`. */
export function financialYearEnd(year: number, endMonth: number, endDay: number): string {
  const lastOfMonth = new Date(Date.UTC(year, endMonth, 0)).getUTCDate();
  const d = new Date(Date.UTC(2000, endMonth - 1, Math.min(endDay, lastOfMonth)));
  d.setUTCFullYear(year);
  return iso(d);
}

export function financialYear(year: number, endMonth: number, endDay: number): FinancialYear {
  if (!Number.isInteger(year) || year < 2 || year > 9999) throw new RangeError(`not a financial year: ${year}`);
  if (!Number.isInteger(endMonth) || endMonth < 1 || endMonth > 12 || !Number.isInteger(endDay) || endDay < 1 || endDay > 31) {
    throw new RangeError(`not a financial-year end: month ${endMonth}, day ${endDay}`);
  }
  const previousEnd = new Date(`${financialYearEnd(year - 1, endMonth, endDay)}T00:00:00Z`);
  previousEnd.setUTCDate(previousEnd.getUTCDate() + 1);
  return { year, from: iso(previousEnd), to: financialYearEnd(year, endMonth, endDay) };
}
