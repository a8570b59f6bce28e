/**
 * Calendar arithmetic on ISO dates (`YYYY-MM-DD`), in whole days and UTC, with no time
 * of day and no time zone. ISO dates compare correctly as strings.
 */

const MS_PER_DAY = 86_400_000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True for a real calendar date written YYYY-MM-DD (years 0001-9999). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = parts(value);
  return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function parts(date: string): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

function format(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days since 1970-01-01 (negative before). */
export function toDayNumber(date: string): number {
  const [y, m, d] = parts(date);
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return Math.round(t.getTime() / MS_PER_DAY);
}

export function fromDayNumber(day: number): string {
  const t = new Date(day * MS_PER_DAY);
  return format(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * The same day `months` calendar months later; when that month is shorter, its last day
 * (31 August + 6 months = 28 or 29 February).
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return format(year, month, Math.min(d, daysInMonth(year, month)));
}

export function minDate(a: string, b: string): string {
  return a <= b ? a : b;
}

export function maxDate(a: string, b: string): string {
  return a >= b ? a : b;
}

/**
 * The financial year's last day in `year`. A financial year declared to end on 29
 * February ends on 28 February in a common year.
 */
export function financialYearEndIn(year: number, month: number, day: number): string {
  return format(year, month, Math.min(day, daysInMonth(year, month)));
}

/** The first financial-year end on or after `date`. */
export function financialYearEndOnOrAfter(date: string, month: number, day: number): string {
  const year = Number(date.slice(0, 4));
  const thisYear = financialYearEndIn(year, month, day);
  return thisYear >= date ? thisYear : financialYearEndIn(year + 1, month, day);
}

/** The current date in UTC. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Why `value` is not a moment the ledger can be asked about ("as known at"), or null: an
 * ISO 8601 timestamp with a time zone (`2025-03-31T12:00:00Z`, `…+03:00`), or a date,
 * which means the end of that day in UTC.
 */
export function explainKnownAt(value: unknown): string | null {
  if (typeof value !== 'string') return 'must be an ISO 8601 timestamp or date';
  if (isIsoDate(value)) return null;
  const m = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/.exec(value);
  if (!m || !isIsoDate(m[1]) || Number.isNaN(Date.parse(value))) {
    return 'must be an ISO 8601 timestamp with a time zone (e.g. 2025-03-31T12:00:00Z) or a date (the end of that day, UTC)';
  }
  return null;
}

/** The moment `value` names (see {@link explainKnownAt}) as an ISO timestamp; a date is the end of that day (UTC). */
export function knownAtMoment(value: string): string {
  return isIsoDate(value) ? `${value}T23:59:59.999Z` : value;
}
