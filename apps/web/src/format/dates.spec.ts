import { describe, expect, it } from '@jest/globals';
import type { Accreditation } from '../api/types';
import { accreditationState, daysBetween, financialYearEnd, financialYearEndDate, lastCompleteFinancialYear, todayIso } from './dates';
import { explainPeriod, previousQuarter, quarterOf } from './periods';

const acc = (validFrom: string, validTo: string): Accreditation => ({ id: `${validFrom}`, societyId: 's', authority: 'A', scope: 'S', categories: null, validFrom, validTo, recordedAt: '2020-01-01T00:00:00Z' });

describe('accreditationState', () => {
  const history = [acc('2008-08-15', '2018-08-14'), acc('2018-08-15', '2028-08-14')];

  it('finds the accreditation covering today, with the days left, bounds included', () => {
    expect(accreditationState(history, '2025-01-01')).toMatchObject({ state: 'valid', current: { validFrom: '2018-08-15' }, daysLeft: daysBetween('2025-01-01', '2028-08-14') });
    expect(accreditationState(history, '2028-08-14')).toMatchObject({ state: 'valid', daysLeft: 0 });
    expect(accreditationState(history, '2018-08-14')).toMatchObject({ state: 'valid', current: { validFrom: '2008-08-15' } });
  });

  it('says expired since the last one ended, not yet, or never accredited', () => {
    expect(accreditationState(history, '2028-08-16')).toMatchObject({ state: 'expired', last: { validTo: '2028-08-14' }, daysAgo: 2 });
    expect(accreditationState(history, '2008-08-01')).toMatchObject({ state: 'not-yet', next: { validFrom: '2008-08-15' }, daysUntil: 14 });
    expect(accreditationState([], '2025-01-01')).toEqual({ state: 'none' });
  });
});

describe('dates', () => {
  it('counts days across a leap day and formats a financial-year end', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2024-03-01', '2024-02-28')).toBe(-2);
    expect(financialYearEnd(6, 30)).toBe('30 June');
    expect(todayIso(new Date('2025-03-31T23:59:59Z'))).toBe('2025-03-31');
  });
});

describe('financial years', () => {
  it('ends a year on its day, on the 28th for a 29 February end in a common year', () => {
    expect(financialYearEndDate(2025, 12, 31)).toBe('2025-12-31');
    expect(financialYearEndDate(2025, 6, 30)).toBe('2025-06-30');
    expect(financialYearEndDate(2024, 2, 29)).toBe('2024-02-29');
    expect(financialYearEndDate(2025, 2, 29)).toBe('2025-02-28');
  });

  it('names the last complete financial year; one ending today is not complete', () => {
    expect(lastCompleteFinancialYear('2026-11-28', 12, 31)).toBe(2025);
    expect(lastCompleteFinancialYear('2026-12-31', 12, 31)).toBe(2025);
    expect(lastCompleteFinancialYear('2027-01-01', 12, 31)).toBe(2026);
    expect(lastCompleteFinancialYear('2026-07-01', 6, 30)).toBe(2026);
    expect(lastCompleteFinancialYear('2026-06-30', 6, 30)).toBe(2025);
    expect(lastCompleteFinancialYear('2025-03-01', 2, 29)).toBe(2025);
    expect(lastCompleteFinancialYear('2025-02-28', 2, 29)).toBe(2024);
  });
});

describe('periods', () => {
  it('reads and steps quarters', () => {
    expect(explainPeriod('2025Q1')).toBeNull();
    expect(explainPeriod('2025Q5')).toMatch(/YYYYQn/);
    expect(explainPeriod('0000Q1')).toMatch(/YYYYQn/);
    expect(quarterOf('2025-03-31')).toBe('2025Q1');
    expect(quarterOf('2025-04-01')).toBe('2025Q2');
    expect(quarterOf('2025-12-31')).toBe('2025Q4');
    expect(previousQuarter('2025Q1')).toBe('2024Q4');
    expect(previousQuarter('2025Q3')).toBe('2025Q2');
  });
});
