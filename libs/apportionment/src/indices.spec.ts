import { describe, expect, it } from '@jest/globals';
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { disproportionality, integerSquareRoot } from './indices.js';

/** The textbook formulas in 80-digit decimal arithmetic, rounded half up to 6 places. */
function reference(votes: bigint[], seats: bigint[]): { gallagher: string; loosemoreHanby: string } {
  const D = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_HALF_UP });
  const T = new D(votes.reduce((a, b) => a + b, 0n).toString());
  const S = new D(seats.reduce((a, b) => a + b, 0n).toString());
  let abs = new D(0);
  let sq = new D(0);
  votes.forEach((v, i) => {
    const gap = new D(v.toString()).div(T).minus(new D(seats[i]!.toString()).div(S)).times(100);
    abs = abs.plus(gap.abs());
    sq = sq.plus(gap.pow(2));
  });
  return { gallagher: sq.div(2).sqrt().toFixed(6), loosemoreHanby: abs.div(2).toFixed(6) };
}

describe('disproportionality', () => {
  it('is zero for a perfectly proportional result', () => {
    expect(disproportionality([3n, 1n], [6n, 2n])).toEqual({ gallagher: '0.000000', loosemoreHanby: '0.000000' });
  });

  it('is 100 points when all seats go to a party with no votes', () => {
    // Gaps +100 and −100: LH = ½·200 = 100, Gallagher = √(½·20000) = 100.
    expect(disproportionality([1n, 0n], [0n, 5n])).toEqual({ gallagher: '100.000000', loosemoreHanby: '100.000000' });
  });

  it('rounds half up: a gap of exactly 1/16 point', () => {
    // Votes 50.0625 % / 49.9375 %, seats 50/50: gaps ±0.0625, LH 0.0625 → "0.062500".
    expect(disproportionality([500625n, 499375n], [1n, 1n]).loosemoreHanby).toBe('0.062500');
    // One party's gap of 1/3 point: LH = 0.333333…
    expect(disproportionality([1n, 299n], [0n, 1n]).loosemoreHanby).toBe('0.333333');
  });

  it('agrees with the textbook formulas in high-precision decimals', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.bigInt({ min: 0n, max: 500n })), { minLength: 1, maxLength: 10 }),
        (pairs) => {
          const votes = pairs.map(([v]) => v);
          const seats = pairs.map(([, s]) => s);
          fc.pre(votes.some((v) => v > 0n) && seats.some((s) => s > 0n));
          expect(disproportionality(votes, seats)).toEqual(reference(votes, seats));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('integerSquareRoot', () => {
  it('is the floor of the square root, for small and huge numbers', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 2100n }), (n) => {
        const r = integerSquareRoot(n);
        expect(r * r <= n && (r + 1n) * (r + 1n) > n).toBe(true);
      }),
      { numRuns: 300 },
    );
    expect([0n, 1n, 2n, 3n, 4n, 99n, 100n].map(integerSquareRoot)).toEqual([0n, 1n, 1n, 1n, 2n, 9n, 10n]);
  });
});
