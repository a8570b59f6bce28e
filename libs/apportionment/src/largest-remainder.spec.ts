import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { solveMultiplier } from './largest-remainder.js';

/** Σ clamp(μ × v, min, max) as an exact fraction, compared with the target. */
function clampedSumEquals(mu: { n: bigint; d: bigint }, votes: bigint[], min: bigint, max: bigint | null, target: bigint): boolean {
  let sum = 0n;
  for (const v of votes) {
    let x = mu.n * v;
    if (x < min * mu.d) x = min * mu.d;
    if (max !== null && x > max * mu.d) x = max * mu.d;
    sum += x;
  }
  return sum === target * mu.d;
}

describe('solveMultiplier', () => {
  it('is S / V without bounds', () => {
    const mu = solveMultiplier([6n, 6n, 2n], { min: 0n, max: null }, 10n);
    expect(mu.n * 14n).toBe(10n * mu.d);
  });

  it('holds capped parties at max and scales the rest', () => {
    // 6 and 6 capped at 4: the 2-vote party must carry 3 of 11 seats, so μ = 3/2.
    const mu = solveMultiplier([6n, 6n, 2n], { min: 0n, max: 4n }, 11n);
    expect(mu.n * 2n).toBe(3n * mu.d);
  });

  it('finds a multiplier meeting any feasible target exactly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 1n, max: 1000n }), { minLength: 1, maxLength: 7 }),
        fc.integer({ min: 0, max: 3 }),
        fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
        fc.nat(),
        (votes, minSeats, spread, pick) => {
          const min = BigInt(minSeats);
          const max = spread === undefined ? null : min + BigInt(spread);
          const lowest = min * BigInt(votes.length);
          const highest = max === null ? lowest + 50n : max * BigInt(votes.length);
          const target = lowest + (BigInt(pick) % (highest - lowest + 1n));
          const mu = solveMultiplier(votes, { min, max }, target);
          expect(mu.d > 0n && mu.n >= 0n).toBe(true);
          expect(clampedSumEquals(mu, votes, min, max, target)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
