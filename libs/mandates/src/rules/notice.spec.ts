import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { addDays } from './dates.js';
import { effectiveEndDate, explainNoticePolicy } from './notice.js';
import { arbDate, arbFyEnd, arbPolicy } from './test-support/arbitraries.js';
import { explainNoticeRuleBreach, isFinancialYearEnd, monthsBetween } from './test-support/brute-force.js';

describe('effective date of a termination (Directive Art. 5(4))', () => {
  const dec31 = { month: 12, day: 31 };

  it('follows the notice, then the end of the financial year', () => {
    expect(effectiveEndDate('2025-03-10', { noticeMonths: 6, terminateAtFinancialYearEnd: false }, dec31)).toEqual({
      requestedOn: '2025-03-10',
      noticeExpiresOn: '2025-09-10',
      effectiveOn: '2025-09-10',
      alignedToFinancialYearEnd: false,
    });
    expect(effectiveEndDate('2025-03-10', { noticeMonths: 6, terminateAtFinancialYearEnd: true }, dec31).effectiveOn).toBe('2025-12-31');
    // Notice running past the year end moves the end to the next year's end.
    expect(effectiveEndDate('2025-08-01', { noticeMonths: 6, terminateAtFinancialYearEnd: true }, dec31).effectiveOn).toBe('2026-12-31');
    expect(effectiveEndDate('2025-06-30', { noticeMonths: 6, terminateAtFinancialYearEnd: true }, dec31)).toMatchObject({ effectiveOn: '2025-12-31', alignedToFinancialYearEnd: true });
    expect(effectiveEndDate('2025-07-01', { noticeMonths: 0, terminateAtFinancialYearEnd: false }, dec31).effectiveOn).toBe('2025-07-01');
    expect(effectiveEndDate('2025-08-31', { noticeMonths: 6, terminateAtFinancialYearEnd: false }, dec31).effectiveOn).toBe('2026-02-28');
  });

  it('treats a 29-February financial-year end as 28 February in common years', () => {
    const feb29 = { month: 2, day: 29 };
    expect(effectiveEndDate('2025-01-15', { noticeMonths: 1, terminateAtFinancialYearEnd: true }, feb29).effectiveOn).toBe('2025-02-28');
    expect(effectiveEndDate('2027-06-01', { noticeMonths: 3, terminateAtFinancialYearEnd: true }, feb29).effectiveOn).toBe('2028-02-29');
  });

  it('refuses a notice period the Directive does not allow', () => {
    expect(() => effectiveEndDate('2025-01-01', { noticeMonths: 7, terminateAtFinancialYearEnd: false }, dec31)).toThrow(RangeError);
    expect(explainNoticePolicy({ noticeMonths: 7, terminateAtFinancialYearEnd: true })).toEqual([{ field: 'noticeMonths', message: expect.stringContaining('must not exceed 6') }]);
    expect(explainNoticePolicy({ noticeMonths: 1.5, terminateAtFinancialYearEnd: 'yes' }).map((p) => p.field)).toEqual(['noticeMonths', 'terminateAtFinancialYearEnd']);
    expect(explainNoticePolicy({ noticeMonths: 0, terminateAtFinancialYearEnd: false })).toEqual([]);
  });

  it('always obeys the notice rule (property, against a day-by-day reference)', () => {
    fc.assert(
      fc.property(arbDate, arbPolicy, arbFyEnd, (requestedOn, policy, fy) => {
        const e = effectiveEndDate(requestedOn, policy, fy);
        // The notice expires exactly noticeMonths calendar months after the request (at most six).
        const m = monthsBetween(requestedOn, e.noticeExpiresOn);
        expect(m.months).toBe(policy.noticeMonths);
        expect(m.dayOk).toBe(true);
        expect(e.effectiveOn >= e.noticeExpiresOn).toBe(true);
        if (!policy.terminateAtFinancialYearEnd) {
          expect(e.effectiveOn).toBe(e.noticeExpiresOn);
        } else {
          // The first financial-year end on or after the notice's expiry: walk day by day.
          expect(isFinancialYearEnd(e.effectiveOn, fy)).toBe(true);
          for (let d = e.noticeExpiresOn; d < e.effectiveOn; d = addDays(d, 1)) expect(isFinancialYearEnd(d, fy)).toBe(false);
        }
        expect(e.alignedToFinancialYearEnd).toBe(e.effectiveOn !== e.noticeExpiresOn);
        expect(explainNoticeRuleBreach(e, policy, fy)).toBeNull();
      }),
      { numRuns: 200 },
    );
  });
});
