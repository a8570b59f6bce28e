import { describe, expect, it } from '@jest/globals';
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { convertToMinorUnits, divideHalfEven, formatMinorUnits, scaledFromText } from './conversion.js';

/** A reference conversion with 80 significant digits and one half-even rounding. */
const Exact = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_HALF_EVEN });
function reference(amount: string, from: string, to: string, places: number): string {
  return new Exact(amount).times(from).dividedBy(to).toDecimalPlaces(places, Decimal.ROUND_HALF_EVEN).toFixed(places);
}

describe('scaledFromText', () => {
  it('reads plain decimals exactly, with their scale', () => {
    expect(scaledFromText('1000.00000000')).toEqual({ units: 100000000000n, scale: 8 });
    expect(scaledFromText('-3')).toEqual({ units: -3n, scale: 0 });
    expect(scaledFromText('0.0105')).toEqual({ units: 105n, scale: 4 });
  });

  it('refuses anything else', () => {
    for (const bad of ['', '1e5', '1,5', ' 1', '.5', '1.', '+1', 'NaN']) expect(() => scaledFromText(bad)).toThrow(RangeError);
  });
});

describe('divideHalfEven', () => {
  it('rounds ties to the even neighbour, both signs', () => {
    expect([5n, 15n, 25n, 35n, -5n, -15n, -25n].map((n) => divideHalfEven(n, 10n))).toEqual([0n, 2n, 2n, 4n, 0n, -2n, -2n]);
    expect([14n, 16n, -14n, -16n].map((n) => divideHalfEven(n, 10n))).toEqual([1n, 2n, -1n, -2n]);
    expect(divideHalfEven(7n, 1n)).toBe(7n);
  });

  it('agrees with decimal.js half-even division', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.bigInt({ min: 1n, max: 10n ** 20n }), (n, d) => {
        const expected = new Exact(n.toString()).dividedBy(d.toString()).toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN).toFixed(0);
        expect(divideHalfEven(n, d).toString()).toBe(expected === '-0' ? '0' : expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('convertToMinorUnits', () => {
  it('converts through the euro and rounds once, half-even, to the target minor units', () => {
    // 1000 RUB × 0.0105 EUR/RUB = 10.50 EUR
    expect(convertToMinorUnits('1000.00000000', 'EUR', { fromRateToEur: '0.0105', toRateToEur: '1' })).toBe(1050n);
    // 100 SEK → RUB at SEK 0.09 / RUB 0.0105: 857.142857… → 857.14
    expect(convertToMinorUnits('100', 'RUB', { fromRateToEur: '0.09', toRateToEur: '0.0105' })).toBe(85714n);
    // an exact tie: 0.125 EUR → 0.12 (even), 0.135 → 0.14
    expect(convertToMinorUnits('0.125', 'EUR', { fromRateToEur: '1', toRateToEur: '1' })).toBe(12n);
    expect(convertToMinorUnits('0.135', 'EUR', { fromRateToEur: '1', toRateToEur: '1' })).toBe(14n);
  });

  it('rounds to the target currency’s minor units (JPY 0, KWD 3)', () => {
    expect(convertToMinorUnits('10', 'JPY', { fromRateToEur: '1', toRateToEur: '0.0061' })).toBe(1639n); // 1639.34…
    expect(convertToMinorUnits('10', 'KWD', { fromRateToEur: '1', toRateToEur: '2.95' })).toBe(3390n); // 3.38983… → 3.390
  });

  it('only rounds an amount already in the target currency', () => {
    expect(convertToMinorUnits('12.34000000', 'EUR', null)).toBe(1234n);
    expect(convertToMinorUnits('12.345', 'EUR', null)).toBe(1234n);
    expect(convertToMinorUnits('-12.355', 'EUR', null)).toBe(-1236n);
  });

  it('matches an 80-digit reference for any amount and rates', () => {
    const amount = fc
      .tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.integer({ min: 0, max: 8 }))
      .map(([units, scale]) => formatScaled(units, scale));
    const rate = fc.tuple(fc.bigInt({ min: 1n, max: 10n ** 14n }), fc.integer({ min: 0, max: 10 })).map(([units, scale]) => formatScaled(units, scale));
    const target = fc.constantFrom(['EUR', 2], ['JPY', 0], ['KWD', 3], ['RUB', 2]) as fc.Arbitrary<[string, number]>;
    fc.assert(
      fc.property(amount, rate, rate, target, (a, from, to, [currency, places]) => {
        const got = convertToMinorUnits(a, currency, { fromRateToEur: from, toRateToEur: to });
        expect(formatMinorUnits(got, currency)).toBe(normalizeZero(reference(a, from, to, places)));
      }),
      { numRuns: 400 },
    );
  });

  it('refuses a rate that is not positive', () => {
    expect(() => convertToMinorUnits('1', 'EUR', { fromRateToEur: '0', toRateToEur: '1' })).toThrow(RangeError);
  });
});

describe('formatMinorUnits', () => {
  it('writes exactly the minor-unit digits', () => {
    expect(formatMinorUnits(1234n, 'EUR')).toBe('12.34');
    expect(formatMinorUnits(-5n, 'EUR')).toBe('-0.05');
    expect(formatMinorUnits(0n, 'EUR')).toBe('0.00');
    expect(formatMinorUnits(1234n, 'JPY')).toBe('1234');
    expect(formatMinorUnits(1234n, 'KWD')).toBe('1.234');
  });
});

function formatScaled(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

function normalizeZero(text: string): string {
  return /^-0(\.0+)?$/.test(text) ? text.slice(1) : text;
}
