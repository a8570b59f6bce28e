import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { type Contender, seatCapacity } from './contender.js';
import { DIVISOR_RULES, type DivisorMethod, allocateByDivisors } from './divisor-methods.js';

const methods = Object.keys(DIVISOR_RULES) as DivisorMethod[];

describe('allocateByDivisors jump start', () => {
  it('gives the same seats and ties as starting every party from minSeats', () => {
    const caseArb = fc
      .record({
        method: fc.constantFrom(...methods),
        votes: fc.array(fc.oneof(fc.bigInt({ min: 0n, max: 9n }), fc.bigInt({ min: 0n, max: 10n ** 12n })), { minLength: 1, maxLength: 12 }),
        min: fc.integer({ min: 0, max: 4 }),
        spread: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
        pick: fc.nat(),
      })
      .filter(({ votes }) => votes.some((v) => v > 0n));
    fc.assert(
      fc.property(caseArb, ({ method, votes, min, spread, pick }) => {
        const contenders: Contender[] = votes.map((v, index) => ({ index, name: `p${index}`, votes: v }));
        const bounds = { min: BigInt(min), max: spread === undefined ? null : BigInt(min + spread) };
        const lowest = Math.max(1, votes.length * min);
        const capacity = seatCapacity(contenders, bounds);
        const highest = Math.min(capacity === null ? 400 : Number(capacity), 400);
        fc.pre(lowest <= highest);
        const seats = lowest + (pick % (highest - lowest + 1));
        const rule = DIVISOR_RULES[method];
        const fast = allocateByDivisors(rule, contenders, seats, bounds);
        const slow = allocateByDivisors(rule, contenders, seats, bounds, { jumpStart: false });
        expect(fast).toEqual(slow);
      }),
      { numRuns: 300 },
    );
  });
});
