import { addDays, maxDate, minDate } from './dates.js';

/**
 * A validity period in whole days: from `from` through `to`, both inclusive; `to` null
 * means open-ended. A period whose `to` is before its `from` is empty: a mandate that
 * was ended before it began has such a period (it never applied).
 */
export interface Period {
  from: string;
  to: string | null;
}

export function isEmptyPeriod(p: Period): boolean {
  return p.to !== null && p.to < p.from;
}

export function periodContains(p: Period, date: string): boolean {
  return p.from <= date && (p.to === null || date <= p.to);
}

/** The days both periods cover, or null when they share none. */
export function intersectPeriods(a: Period, b: Period): Period | null {
  if (isEmptyPeriod(a) || isEmptyPeriod(b)) return null;
  const from = maxDate(a.from, b.from);
  const to = a.to === null ? b.to : b.to === null ? a.to : minDate(a.to, b.to);
  return to !== null && to < from ? null : { from, to };
}

/** The empty period that stands for "ended before it began" at `from`. */
export function emptyPeriodAt(from: string): Period {
  return { from, to: addDays(from, -1) };
}
