import { describe, expect, it } from '@jest/globals';
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { METHODS, apportion } from '../../apportionment/src/index.js';
import { disproportionality, formatUnits, integerSquareRoot, percentOf, toUnits } from './exact.js';

const D = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_HALF_UP });

describe('money units', () => {
  it('reads numeric text into 10^-8 units and writes it back', () => {
    expect(toUnits('1234.5')).toBe(123450000000n);
    expect(toUnits('0.00000001')).toBe(1n);
    expect(toUnits('7')).toBe(700000000n);
    expect(formatUnits(123450000000n, 2)).toBe('1234.50');
    expect(formatUnits(123450000000n, 0)).toBe('1234.5');
    expect(formatUnits(700000000n, 0)).toBe('7');
    expect(formatUnits(1n, 2)).toBe('0.00000001');
    expect(formatUnits(0n, 2)).toBe('0.00');
  });

  it('refuses what is not a non-negative decimal of at most 8 places', () => {
    for (const bad of ['-1', '1.123456789', '1e5', '', ' 1', '1.']) expect(() => toUnits(bad)).toThrow(RangeError);
  });

  it('round-trips any amount', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 26n }), fc.integer({ min: 0, max: 8 }), (units, places) => {
        const text = formatUnits(units, places);
        expect(toUnits(text)).toBe(units);
        expect(new D(text).toFixed(8)).toBe(new D(units.toString()).div(1e8).toFixed(8));
      }),
      { numRuns: 200 },
    );
  });
});

describe('percentOf', () => {
  it('rounds half up to 6 places and is null for nothing', () => {
    expect(percentOf(1n, 3n)).toBe('33.333333');
    expect(percentOf(2n, 3n)).toBe('66.666667');
    expect(percentOf(1n, 16_000_000n)).toBe('0.000006'); // 0.00000625 → half up
    expect(percentOf(5n, 5n)).toBe('100.000000');
    expect(percentOf(0n, 0n)).toBeNull();
  });

  it('agrees with 80-digit decimals', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 24n }), fc.bigInt({ min: 1n, max: 10n ** 24n }), (a, b) => {
        const part = a % (b + 1n);
        expect(percentOf(part, b)).toBe(new D(part.toString()).times(100).div(b.toString()).toFixed(6));
      }),
      { numRuns: 200 },
    );
  });
});

describe('disproportionality of any board against money shares', () => {
  it('is null without money or without seats', () => {
    expect(disproportionality([0n, 0n], [1n, 2n])).toBeNull();
    expect(disproportionality([5n, 2n], [0n, 0n])).toBeNull();
  });

  it('matches the textbook formulas: 75/25 shares against a 2–2 board', () => {
    // Gaps ±25 points: LH = 25, Gallagher = √(½·1250) = 25.
    expect(disproportionality([75n, 25n], [2n, 2n])).toEqual({ gallagher: '25.000000', loosemoreHanby: '25.000000' });
  });

  it("gives exactly the apportionment library's indices for the library's own seats", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...METHODS),
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 15n }), { minLength: 1, maxLength: 7 }),
        (method, seats, units) => {
          fc.pre(units.some((u) => u > 0n));
          const result = apportion({ method, seats, parties: units.map((u, i) => ({ name: `p${i}`, votes: formatUnits(u, 0) })) });
          expect(disproportionality(units, result.seats.map((s) => BigInt(s.seats)))).toEqual(result.indices);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('agrees with 80-digit decimals for arbitrary boards', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.bigInt({ min: 0n, max: 60n })), { minLength: 1, maxLength: 8 }), (pairs) => {
        const votes = pairs.map(([v]) => v);
        const seats = pairs.map(([, s]) => s);
        fc.pre(votes.some((v) => v > 0n) && seats.some((s) => s > 0n));
        const T = new D(votes.reduce((a, b) => a + b, 0n).toString());
        const S = new D(seats.reduce((a, b) => a + b, 0n).toString());
        let abs = new D(0);
        let sq = new D(0);
        votes.forEach((v, i) => {
          const gap = new D(v.toString()).div(T).minus(new D(seats[i]!.toString()).div(S)).times(100);
          abs = abs.plus(gap.abs());
          sq = sq.plus(gap.pow(2));
        });
        expect(disproportionality(votes, seats)).toEqual({ gallagher: sq.div(2).sqrt().toFixed(6), loosemoreHanby: abs.div(2).toFixed(6) });
      }),
      { numRuns: 200 },
    );
  });

  it('takes integer square roots of small and huge numbers', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 1200n }), (n) => {
        const r = integerSquareRoot(n);
        expect(r * r <= n && (r + 1n) * (r + 1n) > n).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
