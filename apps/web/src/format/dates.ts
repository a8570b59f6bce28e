import type { Accreditation } from '../api/types';
import { formatDayMonth } from '../i18n';

const DAY_MS = 86_400_000;

/** Today's date as ISO `YYYY-MM-DD` (UTC, as the ledger's dates are calendar dates). */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both ISO dates); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export type AccreditationState =
  | { state: 'valid'; current: Accreditation; daysLeft: number }
  | { state: 'expired'; last: Accreditation; daysAgo: number }
  | { state: 'not-yet'; next: Accreditation; daysUntil: number }
  | { state: 'none' };

/**
 * Where a society stands on `today` given its accreditation history: valid under the one
 * that covers today (the latest ending if several do), else expired since the last one
 * ended, else not yet started, else never accredited.
 */
export function accreditationState(history: readonly Accreditation[], today: string): AccreditationState {
  const covering = history.filter((a) => a.validFrom <= today && today <= a.validTo).sort((a, b) => b.validTo.localeCompare(a.validTo));
  if (covering.length > 0) return { state: 'valid', current: covering[0], daysLeft: daysBetween(today, covering[0].validTo) };
  const past = history.filter((a) => a.validTo < today).sort((a, b) => b.validTo.localeCompare(a.validTo));
  if (past.length > 0) return { state: 'expired', last: past[0], daysAgo: daysBetween(past[0].validTo, today) };
  const future = history.filter((a) => a.validFrom > today).sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  if (future.length > 0) return { state: 'not-yet', next: future[0], daysUntil: daysBetween(today, future[0].validFrom) };
  return { state: 'none' };
}

/** A society's financial-year end (`fyEndMonth`, `fyEndDay`) as "31 December" ("31 декабря"), in running text (plain spaces). */
export function financialYearEnd(month: number, day: number): string {
  return formatDayMonth(month, day).replace(/\u00a0/g, ' ');
}

/**
 * The last day of financial year `year` (named after the calendar year it ends in) for a
 * year end of `month`/`day`; a 29 February end falls on the 28th in common years.
 */
export function financialYearEndDate(year: number, month: number, day: number): string {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const d = Math.min(day, last);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The latest financial year that has ended before `today` (a year ending today is not complete). */
export function lastCompleteFinancialYear(today: string, month: number, day: number): number {
  const year = Number(today.slice(0, 4));
  return financialYearEndDate(year, month, day) < today ? year : year - 1;
}
