import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { findConflicts } from './conflicts.js';
import type { FinancialYearEnd, NoticePolicy } from './notice.js';
import type { IdentifiedTerms } from './terms.js';
import { planTermination, type WithdrawalScope } from './termination.js';
import { SOCIETIES, SOME_CATEGORIES, SOME_WORK_TYPES, arbFyEnd, arbPolicy, arbTerms, arbTerritorySet, day } from './test-support/arbitraries.js';
import { boundaryDays, cellsOfOn, explainNoticeRuleBreach } from './test-support/brute-force.js';

/**
 * One rights holder's mandates under any sequence of create / terminate / withdraw, with
 * the rules applied the way MandatesService and TerminationsService apply them: a create
 * is refused when findConflicts finds any; a termination records the planned end and,
 * for a partial withdrawal, the remainder as a new mandate.
 */
type Op =
  | { kind: 'create'; terms: Omit<IdentifiedTerms, 'mandateId'> }
  | { kind: 'terminate'; pick: number; scope: WithdrawalScope; requestedOn: string };

const arbScope: fc.Arbitrary<WithdrawalScope> = fc.oneof(
  fc.constant({}),
  fc.record({ territories: arbTerritorySet }),
  fc.record({ categories: fc.subarray(SOME_CATEGORIES, { minLength: 1 }), workTypes: fc.subarray(SOME_WORK_TYPES, { minLength: 1 }) }, { requiredKeys: [] }),
);

const arbOp: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: arbTerms.map((terms) => ({ kind: 'create' as const, terms })) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('terminate' as const), pick: fc.nat(), scope: arbScope, requestedOn: fc.integer({ min: 0, max: 500 }).map(day) }) },
);

const arbSocietyRules = fc.record(Object.fromEntries(SOCIETIES.map((s) => [s, fc.record({ policy: arbPolicy, fy: arbFyEnd })]))) as fc.Arbitrary<
  Record<string, { policy: NoticePolicy; fy: FinancialYearEnd }>
>;

/** Brute force: the cells two exclusive mandates of different societies both cover. */
function exclusiveCollisions(book: IdentifiedTerms[]): string[] {
  const days = boundaryDays(book.map((m) => m.period));
  const owner = new Map<string, string>();
  const collisions: string[] = [];
  for (const m of book.filter((x) => x.exclusive)) {
    for (const cell of cellsOfOn(m, days)) {
      const held = owner.get(cell);
      if (held !== undefined && held !== m.societyId) collisions.push(`${cell}: ${held} and ${m.societyId} (${m.mandateId})`);
      owner.set(cell, m.societyId);
    }
  }
  return collisions;
}

describe('a holder\'s mandates under any sequence of create, terminate and withdraw (property)', () => {
  it('never lets two exclusive mandates at two societies overlap, and every effective date obeys the notice rule', () => {
    fc.assert(
      fc.property(arbSocietyRules, fc.array(arbOp, { minLength: 1, maxLength: 14 }), (rules, ops) => {
        const book: IdentifiedTerms[] = [];
        let next = 0;
        for (const op of ops) {
          if (op.kind === 'create') {
            const conflicts = findConflicts(op.terms, book);
            // A refusal must point at real overlaps with exclusive mandates of other societies.
            for (const c of conflicts) {
              expect(c.mandate.exclusive && op.terms.exclusive && c.mandate.societyId !== op.terms.societyId).toBe(true);
              const days = boundaryDays([op.terms.period, c.mandate.period]);
              const mine = cellsOfOn(op.terms, days);
              expect([...cellsOfOn(c.mandate, days)].some((cell) => mine.has(cell))).toBe(true);
            }
            if (conflicts.length === 0) book.push({ ...op.terms, mandateId: `m${next++}` });
          } else if (book.length > 0) {
            const index = op.pick % book.length;
            const m = book[index];
            const { policy, fy } = rules[m.societyId];
            const plan = planTermination(m, op.scope, op.requestedOn, policy, fy);
            if (plan.kind === 'refused') continue;
            expect(explainNoticeRuleBreach(plan.effective, policy, fy)).toBeNull();
            book[index] = { ...plan.ended, mandateId: m.mandateId };
            if (plan.kind === 'partial') book.push({ ...plan.remainder, mandateId: `m${next++}` });
          }
          expect(exclusiveCollisions(book)).toEqual([]);
        }
      }),
      { numRuns: 150 },
    );
  });
});
