import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { allocate, allocateUnits, type AllocationUnit } from './allocate.js';
import { type Amount, eq, formatAmount, neg, parseAmount, parseDecimal, sum } from './amount.js';
import { convert } from './currency.js';

const digit = fc.constantFrom(...'0123456789');
const a = (text: string) => parseAmount(text);
const texts = (amounts: Amount[], scale: number) => amounts.map((x) => formatAmount(x, scale));

/** A weight as text with up to 6 integer and 4 fraction digits, and its value in units of 10^-4. */
const weight = fc
  .record({
    integer: fc.string({ unit: digit, minLength: 1, maxLength: 6 }),
    fraction: fc.string({ unit: digit, minLength: 0, maxLength: 4 }),
  })
  .map(({ integer, fraction }) => ({
    text: fraction === '' ? integer : `${integer}.${fraction}`,
    units: BigInt(integer + fraction.padEnd(4, '0')),
  }));
/** Weights, not all zero. */
const weights = fc
  .array(fc.oneof({ weight: 1, arbitrary: fc.constant({ text: '0', units: 0n }) }, { weight: 4, arbitrary: weight }), {
    minLength: 1,
    maxLength: 12,
  })
  .filter((ws) => ws.some((w) => w.units > 0n));

/** A unit to allocate in: a currency (JPY 0, EUR 2, KWD 3, CLF 4) or a scale 0..8. */
const unit = fc.oneof(
  fc.constantFrom<[AllocationUnit, number]>([{ currency: 'JPY' }, 0], [{ currency: 'EUR' }, 2], [{ currency: 'KWD' }, 3], [{ currency: 'CLF' }, 4]),
  fc.integer({ min: 0, max: 8 }).map((scale): [AllocationUnit, number] => [{ scale }, scale]),
);

/** A total at the given scale, up to 15 integer digits, either sign, with its value in units. */
const totalAt = (scale: number) =>
  fc.record({ negative: fc.boolean(), units: fc.bigInt({ min: 0n, max: 10n ** BigInt(15 + scale) - 1n }) }).map(
    ({ negative, units }) => (negative ? -units : units),
  );

const scenario = unit.chain(([allocationUnit, scale]) =>
  fc.record({
    allocationUnit: fc.constant(allocationUnit),
    scale: fc.constant(scale),
    totalUnits: totalAt(scale),
    weights,
  }),
);

/** The amount of `units` units of 10^-scale, written with BigInt string arithmetic alone. */
function amountOf(units: bigint, scale: number): Amount {
  const digits = (units < 0n ? -units : units).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return parseDecimal(units < 0n ? `-${text}` : text, { maxIntegerDigits: 40, maxFractionDigits: 40 });
}

function unitsOf(x: Amount, scale: number): bigint {
  return BigInt(formatAmount(x, scale).replace('.', ''));
}

describe('allocate', () => {
  it('splits 100.00 EUR in three as 33.34 + 33.33 + 33.33', () => {
    expect(texts(allocate(a('100.00'), ['1', '1', '1'].map(a), { currency: 'EUR' }), 2)).toEqual([
      '33.34',
      '33.33',
      '33.33',
    ]);
  });

  it('gives the leftover units to the largest remainders, ties to the lower index', () => {
    // Shares of 1.00 by 1:1:1 are 0.3333…: one leftover cent, to index 0.
    expect(texts(allocate(a('1'), ['1', '1', '1'].map(a), { currency: 'EUR' }), 2)).toEqual(['0.34', '0.33', '0.33']);
    // Shares of 0.02 are 0.00666…: two leftover cents, to indices 0 and 1.
    expect(texts(allocate(a('0.02'), ['1', '1', '1'].map(a), { currency: 'EUR' }), 2)).toEqual(['0.01', '0.01', '0.00']);
    // KWD 10.000 by 1:2: shares 3.3333…, 6.6666…; the larger remainder (index 1) gets the unit.
    expect(texts(allocate(a('10'), ['1', '2'].map(a), { currency: 'KWD' }), 3)).toEqual(['3.333', '6.667']);
    // JPY 100 by 1:1:1.
    expect(texts(allocate(a('100'), ['1', '1', '1'].map(a), { currency: 'JPY' }), 0)).toEqual(['34', '33', '33']);
    // Decimal weights 0.5 : 0.25 : 0.25 of 0.03 → 0.015, 0.0075, 0.0075 → remainders .5, .75, .75.
    expect(texts(allocate(a('0.03'), ['0.5', '0.25', '0.25'].map(a), { currency: 'EUR' }), 2)).toEqual([
      '0.01',
      '0.01',
      '0.01',
    ]);
  });

  it('splits negative totals as the mirror image', () => {
    expect(texts(allocate(a('-100'), ['1', '1', '1'].map(a), { currency: 'EUR' }), 2)).toEqual([
      '-33.34',
      '-33.33',
      '-33.33',
    ]);
  });

  it('gives zero weights nothing and zero totals zeros', () => {
    expect(texts(allocate(a('0.05'), ['0', '1', '0', '1'].map(a), { scale: 2 }), 2)).toEqual([
      '0.00',
      '0.03',
      '0.00',
      '0.02',
    ]);
    expect(texts(allocate(a('0'), ['0', '0'].map(a), { scale: 2 }), 2)).toEqual(['0.00', '0.00']);
  });

  it('refuses what cannot be split exactly', () => {
    expect(() => allocate(a('1.005'), [a('1')], { currency: 'EUR' })).toThrow(
      /total 1.005 has 3 fraction digits, more than the 2 allowed here; round it first/,
    );
    expect(() => allocate(a('1'), [], { scale: 2 })).toThrow(/at least one weight/);
    expect(() => allocate(a('1'), [a('1'), a('-1')], { scale: 2 })).toThrow(/weight 1 is negative/);
    expect(() => allocate(a('1'), [a('0'), a('0')], { scale: 2 })).toThrow(/all weights are zero/);
    expect(() => allocate(a('1'), [a('1')], { currency: 'XAU' })).toThrow(RangeError);
    expect(() => allocate(a('1'), [a('1')], { scale: -1 })).toThrow(/scale/);
  });

  it('parts sum exactly to the total', () => {
    fc.assert(
      fc.property(scenario, ({ allocationUnit, scale, totalUnits, weights: ws }) => {
        const total = amountOf(totalUnits, scale);
        const parts = allocate(total, ws.map((w) => a(w.text)), allocationUnit);
        return parts.length === ws.length && eq(sum(parts), total);
      }),
      { numRuns: 300 },
    );
  });

  it('each part is within one unit of its exact share (|part·W − T·w| < W)', () => {
    fc.assert(
      fc.property(scenario, ({ allocationUnit, scale, totalUnits, weights: ws }) => {
        const parts = allocate(amountOf(totalUnits, scale), ws.map((w) => a(w.text)), allocationUnit);
        const weightSum = ws.reduce((s, w) => s + w.units, 0n);
        return parts.every((part, i) => {
          const error = unitsOf(part, scale) * weightSum - totalUnits * (ws[i]?.units ?? 0n);
          return (error < 0n ? -error : error) < weightSum;
        });
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic, mirror-symmetric and unchanged by scaling the weights', () => {
    fc.assert(
      fc.property(
        scenario,
        fc.constantFrom('7', '0.25', '1000', '3.3333'),
        ({ allocationUnit, scale, totalUnits, weights: ws }, factorText) => {
          const total = amountOf(totalUnits, scale);
          const decimals = ws.map((w) => a(w.text));
          const once = texts(allocate(total, decimals, allocationUnit), scale);
          const again = texts(allocate(total, decimals.map((w) => a(formatAmount(w))), allocationUnit), scale);
          const mirrored = texts(allocate(neg(total), decimals, allocationUnit).map(neg), scale);
          const factor = a(factorText);
          const scaled = texts(allocate(total, decimals.map((w) => convert(w, factor)), allocationUnit), scale);
          const same = (x: string[]) => x.every((value, i) => value === once[i]);
          return same(again) && same(mirrored) && same(scaled);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('allocateUnits', () => {
  it('works on BigInt units directly', () => {
    expect(allocateUnits(10n, [1n, 1n, 1n])).toEqual([4n, 3n, 3n]);
    expect(allocateUnits(-10n, [1n, 1n, 1n])).toEqual([-4n, -3n, -3n]);
    expect(allocateUnits(7n, [0n, 5n])).toEqual([0n, 7n]);
    expect(allocateUnits(10n ** 30n + 1n, [1n, 1n])).toEqual([5n * 10n ** 29n + 1n, 5n * 10n ** 29n]);
  });

  it('handles many parts quickly', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => BigInt((i * 7919) % 1000));
    const parts = allocateUnits(123_456_789_01n, many);
    expect(parts.reduce((s, p) => s + p, 0n)).toBe(123_456_789_01n);
  });
});
