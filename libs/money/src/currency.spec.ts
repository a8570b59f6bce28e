import { describe, expect, it } from '@jest/globals';
import { formatAmount, parseAmount, parseDecimal } from './amount.js';
import {
  UnknownCurrencyError,
  convert,
  fromMinorUnits,
  minorUnitsOf,
  roundToCurrency,
  toMinorUnits,
} from './currency.js';
import { DecimalValue, type RoundingMode } from './decimal.js';

const a = (text: string) => parseAmount(text);

describe('minorUnitsOf', () => {
  it.each([
    ['JPY', 0], ['KRW', 0], ['ISK', 0], ['EUR', 2], ['USD', 2], ['RUB', 2],
    ['KWD', 3], ['BHD', 3], ['TND', 3], ['CLF', 4], ['UYW', 4],
  ] as const)('%s has %i', (currency, units) => {
    expect(minorUnitsOf(currency)).toBe(units);
  });

  it('throws UnknownCurrencyError with the reason', () => {
    expect(() => minorUnitsOf('XXX')).toThrow(UnknownCurrencyError);
    expect(() => minorUnitsOf('eur')).toThrow('currency code "eur" must be upper case: "EUR"');
    try {
      minorUnitsOf('HRK');
    } catch (error) {
      expect((error as UnknownCurrencyError).code).toBe('UNKNOWN_CURRENCY');
      expect((error as UnknownCurrencyError).currency).toBe('HRK');
      expect(error).toBeInstanceOf(RangeError);
    }
  });
});

describe('roundToCurrency', () => {
  // [amount, currency, mode, expected]
  const cases: Array<[string, string, RoundingMode, string]> = [
    // Two decimals
    ['10.005', 'EUR', 'half-even', '10.00'],
    ['10.015', 'EUR', 'half-even', '10.02'],
    ['10.005', 'EUR', 'half-up', '10.01'],
    ['10.005', 'EUR', 'half-down', '10.00'],
    ['10.0051', 'EUR', 'half-down', '10.01'],
    ['10.001', 'USD', 'up', '10.01'],
    ['10.009', 'USD', 'down', '10.00'],
    ['-10.005', 'EUR', 'half-even', '-10.00'],
    ['-10.005', 'EUR', 'half-up', '-10.01'],
    ['-10.001', 'EUR', 'ceil', '-10.00'],
    ['-10.001', 'EUR', 'floor', '-10.01'],
    ['-10.001', 'EUR', 'up', '-10.01'],
    ['-0.004', 'EUR', 'half-even', '0.00'],
    ['1234.56', 'GBP', 'half-even', '1234.56'],
    ['999999999999999999.995', 'USD', 'half-even', '1000000000000000000.00'],
    // No decimals
    ['1234.5', 'JPY', 'half-even', '1234'],
    ['1235.5', 'JPY', 'half-even', '1236'],
    ['1234.5', 'JPY', 'half-up', '1235'],
    ['1234.49999999', 'JPY', 'half-up', '1234'],
    ['0.4', 'KRW', 'up', '1'],
    ['-0.5', 'ISK', 'half-up', '-1'],
    ['-0.5', 'ISK', 'half-even', '0'],
    // Three decimals
    ['1.0005', 'KWD', 'half-even', '1.000'],
    ['1.0015', 'KWD', 'half-even', '1.002'],
    ['1.0005', 'KWD', 'half-up', '1.001'],
    ['12.34567', 'BHD', 'half-even', '12.346'],
    ['-12.3454', 'OMR', 'floor', '-12.346'],
    // Four decimals
    ['1.00005', 'CLF', 'half-even', '1.0000'],
    ['1.00015', 'CLF', 'half-even', '1.0002'],
    ['1.00005', 'UYW', 'half-up', '1.0001'],
  ];

  it.each(cases)('%s %s rounded %s is %s', (amount, currency, mode, expected) => {
    const rounded = roundToCurrency(a(amount), currency, mode);
    expect(formatAmount(rounded, minorUnitsOf(currency))).toBe(expected);
  });

  it('rounds half-even when no mode is given', () => {
    expect(formatAmount(roundToCurrency(a('0.125'), 'EUR'))).toBe('0.12');
    expect(formatAmount(roundToCurrency(a('0.135'), 'EUR'))).toBe('0.14');
  });

  it('leaves an amount already at the minor unit alone', () => {
    for (const text of ['0', '1', '-1.5', '1234.56']) {
      expect(formatAmount(roundToCurrency(a(text), 'EUR', 'up'))).toBe(formatAmount(a(text)));
    }
  });

  it('refuses an unknown currency', () => {
    expect(() => roundToCurrency(a('1'), 'BTC')).toThrow(UnknownCurrencyError);
  });
});

describe('minor units as BigInt', () => {
  it('converts both ways', () => {
    expect(toMinorUnits(a('12.34'), 'EUR')).toBe(1234n);
    expect(toMinorUnits(a('12.3'), 'EUR')).toBe(1230n);
    expect(toMinorUnits(a('-0.01'), 'EUR')).toBe(-1n);
    expect(toMinorUnits(a('1500'), 'JPY')).toBe(1500n);
    expect(toMinorUnits(a('1.5'), 'KWD')).toBe(1500n);
    expect(toMinorUnits(a('999999999999999999.99'), 'USD')).toBe(99999999999999999999n);
    expect(formatAmount(fromMinorUnits(1234n, 'EUR'))).toBe('12.34');
    expect(formatAmount(fromMinorUnits(-5n, 'KWD'))).toBe('-0.005');
    expect(formatAmount(fromMinorUnits(0n, 'CLF'))).toBe('0');
    expect(formatAmount(fromMinorUnits(7n, 'JPY'))).toBe('7');
  });

  it('refuses an amount finer than the minor unit', () => {
    expect(() => toMinorUnits(a('12.345'), 'EUR')).toThrow(/has 3 fraction digits, more than the 2 allowed here; round it first/);
    expect(() => toMinorUnits(a('0.5'), 'JPY')).toThrow(RangeError);
  });
});

describe('convert', () => {
  it('multiplies exactly, without rounding unless asked', () => {
    expect(formatAmount(convert(a('100'), a('0.9123')))).toBe('91.23');
    expect(formatAmount(convert(a('123.45678901'), a('1.23456789')))).toBe('152.4157875142508889');
    // 26 + 19 significant digits: more than the 40 that decimal.js keeps, still exact.
    const rate = parseDecimal('1.234567890123456789', { label: 'rate', maxFractionDigits: 18 });
    const big = a('999999999999999999.99999999');
    expect(formatAmount(convert(big, rate))).toBe(
      '1234567890123456788.99999998765432109876543211',
    );
  });

  it('rounds once, to a currency or a scale, with a mode', () => {
    expect(formatAmount(convert(a('100.00'), a('156.785'), { currency: 'JPY' }))).toBe('15678');
    expect(formatAmount(convert(a('100.00'), a('156.785'), { currency: 'JPY', mode: 'half-up' }))).toBe('15679');
    expect(formatAmount(convert(a('10'), a('0.33333333'), { currency: 'EUR' }))).toBe('3.33');
    expect(formatAmount(convert(a('10'), a('0.33333333'), { scale: 4, mode: 'up' }))).toBe('3.3334');
    expect(formatAmount(convert(a('-10.00'), a('1.0005'), { currency: 'EUR', mode: 'half-up' }))).toBe('-10.01');
    expect(formatAmount(convert(a('-10.00'), a('1.0005'), { currency: 'EUR' }))).toBe('-10');
  });

  it('rounds the exact product, not a 40-digit approximation of it (no double rounding)', () => {
    // Just above a tie, by the 46th significant digit: a 40-digit product would
    // be the tie itself and round half-even down to ...000.
    const amount = new DecimalValue(`100000000000000000000.5${'0'.repeat(23)}1`);
    expect(formatAmount(convert(amount, a('1'), { scale: 0 }))).toBe('100000000000000000001');
    expect(formatAmount(convert(new DecimalValue('100000000000000000000.5'), a('1'), { scale: 0 }))).toBe(
      '100000000000000000000',
    );
  });

  it('refuses a rate that is not positive, and ambiguous rounding', () => {
    expect(() => convert(a('1'), a('0'))).toThrow('rate must be positive, got 0');
    expect(() => convert(a('1'), a('-1.1'))).toThrow(RangeError);
    expect(() => convert(a('1'), a('1'), { currency: 'EUR', scale: 2 })).toThrow(/not both/);
    expect(() => convert(a('1'), a('1'), { currency: 'ECU' })).toThrow(UnknownCurrencyError);
  });
});
