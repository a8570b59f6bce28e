import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { addDays, addMonths, daysInMonth, explainKnownAt, financialYearEndIn, financialYearEndOnOrAfter, fromDayNumber, isIsoDate, knownAtMoment, toDayNumber } from './dates.js';
import { arbDate } from './test-support/arbitraries.js';

describe('calendar dates', () => {
  it('knows real dates from impossible ones', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-04-31')).toBe(false);
    expect(isIsoDate('2025-4-30')).toBe(false);
    expect(isIsoDate(20250430)).toBe(false);
  });

  it('adds months, clamping to the end of a shorter month', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonths('2025-09-15', 6)).toBe('2026-03-15');
    expect(addMonths('2025-12-31', 0)).toBe('2025-12-31');
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
  });

  it('ends a 29-February financial year on 28 February in a common year', () => {
    expect(financialYearEndIn(2024, 2, 29)).toBe('2024-02-29');
    expect(financialYearEndIn(2025, 2, 29)).toBe('2025-02-28');
    expect(financialYearEndOnOrAfter('2025-02-28', 2, 29)).toBe('2025-02-28');
    expect(financialYearEndOnOrAfter('2025-03-01', 2, 29)).toBe('2026-02-28');
    expect(financialYearEndOnOrAfter('2027-03-01', 2, 29)).toBe('2028-02-29');
    expect(financialYearEndOnOrAfter('2025-12-31', 12, 31)).toBe('2025-12-31');
    expect(financialYearEndOnOrAfter('2025-07-01', 6, 30)).toBe('2026-06-30');
  });

  it('reads "as known at" moments: a timestamp with a zone, or a date meaning its end (UTC)', () => {
    for (const ok of ['2025-03-31T12:00:00Z', '2025-03-31T12:00Z', '2025-03-31T12:00:00.123+03:00', '2025-03-31T12:00:00.123456Z', '2025-03-31']) expect(explainKnownAt(ok)).toBeNull();
    for (const bad of ['2025-03-31T12:00:00', '2025-02-30T00:00:00Z', '2025-03-31T25:00:00Z', 'yesterday', '', 20250331]) expect(explainKnownAt(bad)).not.toBeNull();
    expect(knownAtMoment('2025-03-31')).toBe('2025-03-31T23:59:59.999Z');
    expect(knownAtMoment('2025-03-31T12:00:00Z')).toBe('2025-03-31T12:00:00Z');
  });

  it('counts days like the calendar does (against Date, day by day)', () => {
    fc.assert(
      fc.property(arbDate, fc.integer({ min: -800, max: 800 }), (date, n) => {
        const t = new Date(`${date}T00:00:00Z`);
        t.setUTCDate(t.getUTCDate() + n);
        expect(addDays(date, n)).toBe(t.toISOString().slice(0, 10));
        expect(fromDayNumber(toDayNumber(date))).toBe(date);
        expect(toDayNumber(addDays(date, n)) - toDayNumber(date)).toBe(n);
      }),
      { numRuns: 300 },
    );
  });

  it('adds months to land in the right month, on the same day or the last one', () => {
    fc.assert(
      fc.property(arbDate, fc.integer({ min: 0, max: 24 }), (date, n) => {
        const result = addMonths(date, n);
        const [y, m, d] = date.split('-').map(Number);
        const [ry, rm, rd] = result.split('-').map(Number);
        expect(ry * 12 + rm - (y * 12 + m)).toBe(n);
        expect(rd).toBe(Math.min(d, daysInMonth(ry, rm)));
        expect(isIsoDate(result)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
