import type { Period } from '../period.js';
import type { MandateTerms } from '../terms.js';
import type { TerritorySet } from '../territory-set.js';
import { FAR_DAY, SOME_CATEGORIES, SOME_WORK_TYPES, UNIVERSE_COUNTRIES, WINDOW_DAYS, day } from './arbitraries.js';

/**
 * Reference definitions by enumeration, independent of the set algebra under test: a
 * mandate is the set of cells (category, work type, country, day) it covers.
 */

export function countriesOf(t: TerritorySet, universe: readonly string[] = UNIVERSE_COUNTRIES): string[] {
  const listed = t.kind === 'countries' ? t.codes : t.excluded;
  return universe.filter((c) => (t.kind === 'countries' ? listed.includes(c) : !listed.includes(c)));
}

/** Every day of the test window, one day before it and a far-future day. */
export const ALL_DAYS: string[] = [day(-1), ...Array.from({ length: WINDOW_DAYS + 2 }, (_, i) => day(i)), FAR_DAY];

export function daysOf(p: Period, days: readonly string[] = ALL_DAYS): string[] {
  return days.filter((d) => d >= p.from && (p.to === null || d <= p.to));
}

export const cellKey = (category: string, workType: string, country: string, d: string) => `${category}|${workType}|${country}|${d}`;

export function cellsOf(m: MandateTerms): Set<string> {
  const cells = new Set<string>();
  if (!SOME_CATEGORIES.includes(m.category) || !SOME_WORK_TYPES.includes(m.workType)) throw new Error('outside the test universe');
  for (const country of countriesOf(m.territories)) for (const d of daysOf(m.period)) cells.add(cellKey(m.category, m.workType, country, d));
  return cells;
}

/**
 * The days where coverage can change: each period's first and last day and the days
 * next to them, and a far-future day. Between two consecutive such days every mandate
 * either covers all days or none, so checking these is as good as checking every day.
 */
export function boundaryDays(periods: readonly Period[]): string[] {
  const days = new Set<string>([FAR_DAY]);
  for (const p of periods) {
    days.add(p.from).add(shift(p.from, -1));
    if (p.to !== null) days.add(p.to).add(shift(p.to, 1));
  }
  return [...days].sort();
}

function shift(d: string, n: number): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

export function cellsOfOn(m: MandateTerms, days: readonly string[]): Set<string> {
  const cells = new Set<string>();
  for (const country of countriesOf(m.territories)) for (const d of daysOf(m.period, days)) cells.add(cellKey(m.category, m.workType, country, d));
  return cells;
}

/** Reference: is `date` the last day of a financial year ending on month/day (29 Feb → 28 Feb in common years)? */
export function isFinancialYearEnd(date: string, fy: { month: number; day: number }): boolean {
  const [y, m, d] = date.split('-').map(Number);
  if (m !== fy.month) return false;
  const leap = new Date(Date.UTC(y, 1, 29)).getUTCMonth() === 1;
  return d === (fy.month === 2 && fy.day === 29 && !leap ? 28 : fy.day);
}

/** Reference: whole calendar months from one date to another, and whether the day is the same (or clamped to month end). */
export function monthsBetween(from: string, to: string): { months: number; dayOk: boolean } {
  const [y1, m1, d1] = from.split('-').map(Number);
  const [y2, m2, d2] = to.split('-').map(Number);
  const last = new Date(Date.UTC(y2, m2, 0)).getUTCDate();
  return { months: y2 * 12 + m2 - (y1 * 12 + m1), dayOk: d2 === Math.min(d1, last) };
}

/**
 * Reference for the notice rule (Directive Art. 5(4)): the notice expires exactly
 * `noticeMonths` months after the request, and the effective day is that day, or — when
 * the society aligns to its financial year — the first financial-year end on or after
 * it (found by walking day by day). Returns what is wrong, or null.
 */
export function explainNoticeRuleBreach(
  e: { requestedOn: string; noticeExpiresOn: string; effectiveOn: string },
  policy: { noticeMonths: number; terminateAtFinancialYearEnd: boolean },
  fy: { month: number; day: number },
): string | null {
  if (policy.noticeMonths > 6) return 'notice over six months';
  const m = monthsBetween(e.requestedOn, e.noticeExpiresOn);
  if (m.months !== policy.noticeMonths || !m.dayOk) return `notice expiry ${e.noticeExpiresOn} is not ${policy.noticeMonths} months after ${e.requestedOn}`;
  if (!policy.terminateAtFinancialYearEnd) return e.effectiveOn === e.noticeExpiresOn ? null : `effective ${e.effectiveOn} is not the notice expiry`;
  if (!isFinancialYearEnd(e.effectiveOn, fy)) return `effective ${e.effectiveOn} is not a financial-year end`;
  if (e.effectiveOn < e.noticeExpiresOn) return `effective ${e.effectiveOn} is before the notice expires`;
  for (let d = e.noticeExpiresOn; d < e.effectiveOn; d = shift(d, 1)) if (isFinancialYearEnd(d, fy)) return `an earlier financial-year end ${d} was skipped`;
  return null;
}
