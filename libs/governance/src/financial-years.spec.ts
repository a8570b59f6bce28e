import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  addDays,
  daysInMonth,
  financialYear,
  financialYearEndDate,
  financialYearOf,
  lastCompleteFinancialYear,
  latestFinancialYearEndingBy,
  lookbackWindow,
  lookbackWindowOfYear,
} from './financial-years.js';

const DEC_31 = { month: 12, day: 31 };
const JUN_30 = { month: 6, day: 30 };
const FEB_29 = { month: 2, day: 29 };
const FEB_28 = { month: 2, day: 28 };

const yearEnds = fc
  .integer({ min: 1, max: 12 })
  .chain((month) => fc.record({ month: fc.constant(month), day: fc.integer({ min: 1, max: daysInMonth(2024, month) }) }));
const dates = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2060-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('financial years', () => {
  it('names a year after the calendar year it ends in', () => {
    expect(financialYear(2025, DEC_31)).toEqual({ year: 2025, from: '2025-01-01', to: '2025-12-31' });
    expect(financialYear(2025, JUN_30)).toEqual({ year: 2025, from: '2024-07-01', to: '2025-06-30' });
    expect(financialYearOf('2025-06-30', JUN_30)).toBe(2025);
    expect(financialYearOf('2025-07-01', JUN_30)).toBe(2026);
  });

  it('ends a 29 February year on the 28th in common years', () => {
    expect(financialYearEndDate(2024, FEB_29)).toBe('2024-02-29');
    expect(financialYearEndDate(2025, FEB_29)).toBe('2025-02-28');
    expect(financialYear(2025, FEB_29)).toEqual({ year: 2025, from: '2024-03-01', to: '2025-02-28' });
    expect(financialYear(2024, FEB_28)).toEqual({ year: 2024, from: '2023-03-01', to: '2024-02-28' });
  });

  it('counts a year as complete only after its last day', () => {
    expect(lastCompleteFinancialYear('2026-11-27', DEC_31)).toBe(2025);
    expect(lastCompleteFinancialYear('2026-01-01', DEC_31)).toBe(2025);
    expect(lastCompleteFinancialYear('2025-12-31', DEC_31)).toBe(2024);
    expect(lastCompleteFinancialYear('2026-07-01', JUN_30)).toBe(2026);
    expect(lastCompleteFinancialYear('2026-06-30', JUN_30)).toBe(2025);
    expect(latestFinancialYearEndingBy('2025-12-31', DEC_31)).toBe(2025);
  });

  it('rolls a look-back window back from its last day', () => {
    expect(lookbackWindow('2025-12-31', 3)).toEqual({ from: '2023-01-01', to: '2025-12-31' });
    expect(lookbackWindow('2025-08-15', 1)).toEqual({ from: '2024-08-16', to: '2025-08-15' });
    expect(lookbackWindow('2024-02-28', 1)).toEqual({ from: '2023-03-01', to: '2024-02-28' });
  });

  it('partitions time: consecutive years touch, and every day belongs to the year that contains it', () => {
    fc.assert(
      fc.property(yearEnds, dates, (end, date) => {
        const year = financialYearOf(date, end);
        const fy = financialYear(year, end);
        expect(fy.from <= date && date <= fy.to).toBe(true);
        expect(addDays(financialYear(year + 1, end).from, -1)).toBe(fy.to);
      }),
      { numRuns: 200 },
    );
  });

  it('makes the rolling window ending on a year end the union of whole financial years', () => {
    fc.assert(
      fc.property(yearEnds, fc.integer({ min: 1995, max: 2055 }), fc.integer({ min: 1, max: 10 }), (end, year, years) => {
        const rolling = lookbackWindow(financialYearEndDate(year, end), years, end);
        expect(rolling).toEqual(lookbackWindowOfYear(year, years, end));
      }),
      // The first example once failed: a 28 February year end three years after a leap year.
      { numRuns: 300, examples: [[{ month: 2, day: 28 }, 1995, 3], [{ month: 2, day: 29 }, 1997, 1]] },
    );
  });

  it('keeps the last complete year strictly before today', () => {
    fc.assert(
      fc.property(yearEnds, dates, (end, today) => {
        const year = lastCompleteFinancialYear(today, end);
        expect(financialYearEndDate(year, end) < today).toBe(true);
        expect(financialYearEndDate(year + 1, end) >= today).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
