import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { isEmptyPeriod } from './period.js';
import type { MandateTerms } from './terms.js';
import { planTermination, type WithdrawalScope } from './termination.js';
import { countries, worldExcept } from './territory-set.js';
import { SOME_CATEGORIES, SOME_WORK_TYPES, arbFyEnd, arbPolicy, arbTerms, arbTerritorySet, day } from './test-support/arbitraries.js';
import { boundaryDays, cellsOfOn } from './test-support/brute-force.js';

const dec31 = { month: 12, day: 31 };
const sixAtYearEnd = { noticeMonths: 6, terminateAtFinancialYearEnd: true };
const mandate: MandateTerms = {
  societyId: 's1',
  category: 'performing',
  workType: 'musical',
  territories: worldExcept(['RU']),
  period: { from: '2020-01-01', to: null },
  basis: 'contractual',
  exclusive: true,
};

describe('termination and withdrawal', () => {
  it('ends the whole mandate at the end of the financial year after six months', () => {
    const plan = planTermination(mandate, {}, '2025-03-10', sixAtYearEnd, dec31);
    expect(plan).toMatchObject({ kind: 'whole', effective: { effectiveOn: '2025-12-31', noticeExpiresOn: '2025-09-10' }, ended: { ...mandate, period: { from: '2020-01-01', to: '2025-12-31' } } });
  });

  it('splits the mandate on a partial withdrawal of territories', () => {
    const plan = planTermination(mandate, { territories: countries(['SE', 'RU', 'NO']) }, '2025-03-10', { noticeMonths: 3, terminateAtFinancialYearEnd: false }, dec31);
    expect(plan).toMatchObject({
      kind: 'partial',
      effective: { effectiveOn: '2025-06-10' },
      withdrawn: countries(['NO', 'SE']),
      ended: { period: { from: '2020-01-01', to: '2025-06-10' }, territories: worldExcept(['RU']) },
      remainder: { period: { from: '2025-06-11', to: null }, territories: worldExcept(['NO', 'RU', 'SE']), exclusive: true, societyId: 's1' },
    });
  });

  it('withdraws the whole mandate when its category and work type are named', () => {
    expect(planTermination(mandate, { categories: ['performing', 'mechanical'], workTypes: ['musical'] }, '2025-03-10', sixAtYearEnd, dec31).kind).toBe('whole');
  });

  it('refuses what the mandate does not cover, or what ends anyway, naming why', () => {
    expect(planTermination(mandate, { categories: ['mechanical'] }, '2025-03-10', sixAtYearEnd, dec31)).toMatchObject({ kind: 'refused', reason: 'not-covered', field: 'categories' });
    expect(planTermination(mandate, { workTypes: ['literary'] }, '2025-03-10', sixAtYearEnd, dec31)).toMatchObject({ kind: 'refused', field: 'workTypes' });
    expect(planTermination(mandate, { territories: countries(['RU']) }, '2025-03-10', sixAtYearEnd, dec31)).toMatchObject({ kind: 'refused', field: 'territories' });
    const fixed = { ...mandate, period: { from: '2020-01-01', to: '2025-06-30' } };
    expect(planTermination(fixed, {}, '2025-07-01', sixAtYearEnd, dec31)).toMatchObject({ kind: 'refused', reason: 'already-ended' });
    expect(planTermination(fixed, {}, '2025-03-01', sixAtYearEnd, dec31)).toMatchObject({ kind: 'refused', reason: 'already-ending' });
  });

  it('ends a mandate that has not begun before it begins', () => {
    const future = { ...mandate, period: { from: '2027-01-01', to: null } };
    const plan = planTermination(future, { territories: countries(['FR']) }, '2025-03-10', sixAtYearEnd, dec31);
    expect(plan).toMatchObject({ kind: 'partial', ended: { period: { from: '2027-01-01', to: '2026-12-31' } }, remainder: { period: { from: '2027-01-01', to: null } } });
  });

  it('keeps every use up to the effective date covered, and afterwards only what was not withdrawn (property, brute force)', () => {
    const scope: fc.Arbitrary<WithdrawalScope> = fc.record(
      {
        categories: fc.subarray(SOME_CATEGORIES, { minLength: 1 }),
        workTypes: fc.subarray(SOME_WORK_TYPES, { minLength: 1 }),
        territories: arbTerritorySet,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(arbTerms, scope, fc.integer({ min: 0, max: 520 }).map(day), arbPolicy, arbFyEnd, (m, s, requestedOn, policy, fy) => {
        const plan = planTermination(m, s, requestedOn, policy, fy);
        if (plan.kind === 'refused') return;
        const e = plan.effective.effectiveOn;
        const parts = plan.kind === 'partial' ? [plan.ended, plan.remainder] : [plan.ended];
        const days = boundaryDays([m.period, ...parts.map((p) => p.period), { from: e, to: e }]);
        const before = cellsOfOn(m, days);
        const after = new Set(parts.flatMap((p) => [...cellsOfOn(p, days)]));
        const withdrawnCountries = plan.kind === 'partial' ? plan.withdrawn : m.territories;
        for (const cell of before) {
          const d = cell.split('|')[3];
          const gone = d > e && cellsOfOn({ ...m, territories: withdrawnCountries }, [d]).has(cell);
          expect(after.has(cell)).toBe(!gone);
        }
        for (const cell of after) expect(before.has(cell)).toBe(true);
        // Termination only ever shortens: the ended mandate stops on or before the effective day
        // (or never applies, when the effective day comes before it begins).
        expect(isEmptyPeriod(plan.ended.period) || plan.ended.period.to! <= e).toBe(true);
        expect(plan.ended.period.from).toBe(m.period.from);
        if (plan.kind === 'partial') expect(plan.remainder.period.from > e).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
