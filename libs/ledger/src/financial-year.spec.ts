import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { financialYear, financialYearEnd } from './financial-year.js';

const nextDay = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

describe('financialYear', () => {
  it('is the calendar year for a year ending on 31 December', () => {
    expect(financialYear(2025, 12, 31)).toEqual({ year: 2025, from: '2025-01-01', to: '2025-12-31' });
  });

  it('starts in the previous calendar year for a year ending on 30 June', () => {
    expect(financialYear(2025, 6, 30)).toEqual({ year: 2025, from: '2024-07-01', to: '2025-06-30' });
  });

  it('ends on 28 February in a common year when declared to end on 29 February', () => {
    expect(financialYear(2025, 2, 29)).toEqual({ year: 2025, from: '2024-03-01', to: '2025-02-28' });
    expect(financialYear(2024, 2, 29)).toEqual({ year: 2024, from: '2023-03-01', to: '2024-02-29' });
  });

  it('tiles time: each year starts the day after the previous one ends', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1901, max: 2999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (year, month, day) => {
        const fy = financialYear(year, month, day);
        expect(fy.from).toBe(nextDay(financialYear(year - 1, month, day).to));
        expect(fy.to.slice(0, 4)).toBe(String(year));
        expect(fy.from < fy.to).toBe(true);
        expect(financialYearEnd(year, month, day)).toBe(fy.to);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses what is not a year or a financial-year end', () => {
    expect(() => financialYear(2025, 13, 1)).toThrow(/financial-year end/);
    expect(() => financialYear(2025.5, 12, 31)).toThrow(/not a financial year/);
  });
});
