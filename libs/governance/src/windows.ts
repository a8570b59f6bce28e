import { DomainError } from '../../errors/src/index.js';
import {
  type DateWindow,
  type FinancialYearEnd,
  financialYearEndDate,
  lastCompleteFinancialYear,
  lookbackWindow,
} from './financial-years.js';

/** Today's date in UTC, `YYYY-MM-DD`. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * The window money is counted over. By default the last `lookbackYears` complete
 * financial years before today; `to` alone moves its end (the window still spans
 * `lookbackYears` years); `from` alone moves its start.
 */
export function resolveWindow(
  q: { from?: string; to?: string },
  lookbackYears: number,
  end: FinancialYearEnd,
  today: string,
): DateWindow {
  const to = q.to ?? financialYearEndDate(lastCompleteFinancialYear(today, end), end);
  const from = q.from ?? lookbackWindow(to, lookbackYears, end).from;
  if (from > to) {
    const problem =
      q.to !== undefined
        ? { field: 'to', message: `must not be before from (${from})` }
        : { field: 'from', message: `must not be after the end of the window, ${to} (the end of the last complete financial year; give to)` };
    throw DomainError.validation('The window ends before it starts', [problem]);
  }
  return { from, to };
}
