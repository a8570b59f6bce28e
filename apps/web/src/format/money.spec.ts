import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { chartLength, formatMoney, isDecimalString, isZeroAmount, signOf, sumDecimals } from './money';

describe('formatMoney', () => {
  it('groups the integer part and writes the currency\'s minor units, adding or dropping zeros only', () => {
    expect(formatMoney('1234567.50000000', 'RUB')).toBe('1,234,567.50 RUB');
    expect(formatMoney('1234567.5', 'RUB')).toBe('1,234,567.50 RUB');
    expect(formatMoney('55214.1', 'RUB')).toBe('55,214.10 RUB');
    expect(formatMoney('999', 'SEK')).toBe('999.00 SEK');
    expect(formatMoney('1000', 'JPY')).toBe('1,000 JPY');
    expect(formatMoney('-0.00000001', 'EUR')).toBe('-0.00000001 EUR');
    expect(formatMoney('-123456789012345678.12345678', 'EUR')).toBe('-123,456,789,012,345,678.12345678 EUR');
  });

  it('shows a value that is not a decimal string as it came', () => {
    expect(formatMoney('1e3', 'EUR')).toBe('1e3 EUR');
    expect(formatMoney('', 'EUR')).toBe(' EUR');
  });

  it('loses no digit: removing the grouping gives back the input', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 26n), max: 10n ** 26n }), fc.nat({ max: 8 }), (units, scale) => {
        const s = units.toString().replace('-', '').padStart(scale + 1, '0');
        const amount = `${units < 0n ? '-' : ''}${s.slice(0, s.length - scale)}${scale ? `.${s.slice(s.length - scale)}` : ''}`;
        const shown = formatMoney(amount, 'XXX');
        expect(shown.endsWith(' XXX')).toBe(true);
        expect(shown.slice(0, -4).replaceAll(',', '')).toBe(amount);
      }),
      { numRuns: 200 },
    );
  });
});

describe('sumDecimals', () => {
  it('adds exactly where floating point would not', () => {
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(sumDecimals(['123456789012345678.12345678', '0.00000002'])).toBe('123456789012345678.12345680');
    expect(sumDecimals(['10', '-10.50'])).toBe('-0.50');
    expect(sumDecimals([])).toBe('0');
  });

  it('refuses a value that is not a decimal string', () => {
    expect(() => sumDecimals(['1', '1,5'])).toThrow(/not a decimal amount/);
    expect(isDecimalString('1,5')).toBe(false);
  });

  it('agrees with BigInt arithmetic on the same scaled integers', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), { maxLength: 20 }), (units) => {
        const asDecimal = (u: bigint) => {
          const s = (u < 0n ? -u : u).toString().padStart(3, '0');
          return `${u < 0n ? '-' : ''}${s.slice(0, -2)}.${s.slice(-2)}`;
        };
        const expected = units.reduce((a, b) => a + b, 0n);
        expect(sumDecimals(units.map(asDecimal))).toBe(units.length === 0 ? '0' : asDecimal(expected));
      }),
      { numRuns: 200 },
    );
  });
});

describe('signs and chart lengths', () => {
  it('reads zero and the sign from the digits', () => {
    expect(['0', '0.00', '-0.000', '00.0'].map(isZeroAmount)).toEqual([true, true, true, true]);
    expect(['0.00000001', '-1', '10', ''].map(isZeroAmount)).toEqual([false, false, false, false]);
    expect(['1100241.54', '-0.01', '0.00', '-0'].map(signOf)).toEqual([1, -1, 0, 0]);
    expect(() => signOf('1e3')).toThrow(/not a decimal amount/);
  });

  it('gives a chart length close to the amount, refusing non-decimals', () => {
    expect(chartLength('30541731.96')).toBeCloseTo(30541731.96, 2);
    expect(chartLength('-12.5')).toBe(-12.5);
    expect(() => chartLength('12,5')).toThrow(/not a decimal amount/);
  });
});
