import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  AmountFormatError,
  ZERO,
  abs,
  add,
  cmp,
  eq,
  explainAmount,
  explainDecimal,
  formatAmount,
  isNegative,
  isZero,
  neg,
  parseAmount,
  parseDecimal,
  roundToScale,
  sub,
  sum,
  toFixedString,
} from './amount.js';
import { DecimalValue } from './decimal.js';

const digit = fc.constantFrom(...'0123456789');

/** A contract amount string, and its exact value in units of 10^-8 computed with BigInt alone. */
const contractAmount = fc
  .record({
    negative: fc.boolean(),
    integer: fc.string({ unit: digit, minLength: 1, maxLength: 18 }),
    fraction: fc.string({ unit: digit, minLength: 0, maxLength: 8 }),
  })
  .map(({ negative, integer, fraction }) => ({
    text: `${negative ? '-' : ''}${integer}${fraction === '' ? '' : `.${fraction}`}`,
    units: (negative ? -1n : 1n) * BigInt(integer + fraction.padEnd(8, '0')),
  }));

/** The exact value of a decimal in units of 10^-8, read through decimal.js's own toFixed. */
function unitsOf(x: DecimalValue): bigint {
  expect(x.decimalPlaces()).toBeLessThanOrEqual(8);
  return BigInt(x.toFixed(8).replace('.', ''));
}

describe('parseAmount', () => {
  it.each([
    ['0', '0'],
    ['-0', '0'],
    ['-0.00', '0'],
    ['1234.56', '1234.56'],
    ['-1.5', '-1.5'],
    ['1.50000000', '1.5'],
    ['007.10', '7.1'],
    ['999999999999999999.99999999', '999999999999999999.99999999'],
    ['-999999999999999999.99999999', '-999999999999999999.99999999'],
    ['0.00000001', '0.00000001'],
  ])('parses %j exactly (canonical %j)', (text, canonical) => {
    const amount = parseAmount(text);
    expect(formatAmount(amount)).toBe(canonical);
    expect(explainAmount(text)).toBeNull();
  });

  it.each([
    ['', 'amount is empty'],
    ['1.123456789', 'amount "1.123456789" has 9 fraction digits; at most 8 allowed'],
    ['1234567890123456789', 'amount "1234567890123456789" has 19 integer digits; at most 18 allowed'],
    ['+1', `amount "+1" has a '+' sign; only a leading '-' is allowed`],
    ['1e5', 'amount "1e5" uses exponent notation; write all digits out'],
    ['-1.5E+3', 'amount "-1.5E+3" uses exponent notation; write all digits out'],
    ['1,50', `amount "1,50" contains ','; the decimal separator is '.' and thousands separators are not allowed`],
    ['1,000.00', `amount "1,000.00" contains ','; the decimal separator is '.' and thousands separators are not allowed`],
    [' 1', 'amount " 1" contains whitespace'],
    ['1 ', 'amount "1 " contains whitespace'],
    ['1 000', 'amount "1 000" contains whitespace'],
    ['1.2.3', `amount "1.2.3" has more than one '.'`],
    ['.5', `amount ".5" has no digit before the '.'`],
    ['-.5', `amount "-.5" has no digit before the '.'`],
    ['5.', `amount "5." has no digit after the '.'`],
    ['-', 'amount "-" has no digits'],
    ['--1', `amount "--1" contains "-"; only digits, one '.' and a leading '-' are allowed`],
    ['1-', `amount "1-" contains "-"; only digits, one '.' and a leading '-' are allowed`],
    ['0x10', `amount "0x10" contains "x"; only digits, one '.' and a leading '-' are allowed`],
    ['€10', `amount "€10" contains "€"; only digits, one '.' and a leading '-' are allowed`],
    ['１２', `amount "１２" contains "１"; only digits, one '.' and a leading '-' are allowed`],
    ['Infinity', 'amount "Infinity" is not a finite number'],
    ['-NaN', 'amount "-NaN" is not a finite number'],
  ])('refuses %j: %s', (text, message) => {
    expect(explainAmount(text)).toBe(message);
    expect(() => parseAmount(text)).toThrow(message);
    try {
      parseAmount(text);
    } catch (error) {
      expect(error).toBeInstanceOf(AmountFormatError);
      expect((error as AmountFormatError).code).toBe('AMOUNT_FORMAT');
      expect((error as AmountFormatError).input).toBe(text);
    }
  });

  it('refuses numbers and other non-strings', () => {
    expect(explainAmount(12.5)).toBe('amount must be a decimal string, got number');
    expect(() => parseAmount(12.5 as unknown as string)).toThrow(AmountFormatError);
    expect(() => parseAmount(null as unknown as string)).toThrow(/got object/);
  });

  it('shortens a very long input in the message', () => {
    const message = explainAmount('1'.repeat(200)) ?? '';
    expect(message).toMatch(/has 200 integer digits; at most 18 allowed$/);
    expect(message.length).toBeLessThan(120);
  });

  it('parses every contract amount exactly', () => {
    fc.assert(
      fc.property(contractAmount, ({ text, units }) => unitsOf(parseAmount(text)) === units),
      { numRuns: 500 },
    );
  });

  it('round-trips through formatAmount, which writes the shortest form', () => {
    fc.assert(
      fc.property(contractAmount, ({ text }) => {
        const canonical = formatAmount(parseAmount(text));
        return (
          eq(parseAmount(canonical), parseAmount(text)) &&
          !/^-?0[0-9]/.test(canonical) && // no leading zeros
          !/\.[0-9]*0$/.test(canonical) && // no trailing fraction zeros
          !canonical.endsWith('.') &&
          canonical !== '-0'
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseDecimal', () => {
  it('takes other limits and a label for the message', () => {
    const rate = { label: 'rate', maxIntegerDigits: 6, maxFractionDigits: 12, allowNegative: false };
    expect(formatAmount(parseDecimal('0.000000000001', rate))).toBe('0.000000000001');
    expect(() => parseDecimal('-1', rate)).toThrow('rate "-1" must not be negative');
    expect(explainDecimal('1234567', rate)).toBe('rate "1234567" has 7 integer digits; at most 6 allowed');
    expect(explainDecimal('1.5', { maxFractionDigits: 0, label: 'weight' })).toBe(
      'weight "1.5" has fraction digits; none allowed',
    );
    expect(() => explainDecimal('1', { maxIntegerDigits: 0 })).toThrow(RangeError);
  });
});

describe('arithmetic', () => {
  const a = (text: string) => parseAmount(text);

  it('adds and subtracts exactly, where binary floating point does not', () => {
    expect(formatAmount(add(a('0.1'), a('0.2')))).toBe('0.3');
    expect(formatAmount(sub(a('0.3'), a('0.1')))).toBe('0.2');
    expect(
      formatAmount(add(a('999999999999999999.99999999'), a('0.00000001'))),
    ).toBe('1000000000000000000');
    expect(formatAmount(sub(a('-999999999999999999.99999999'), a('999999999999999999.99999999')))).toBe(
      '-1999999999999999999.99999998',
    );
  });

  it('sums exactly, matching a BigInt reference', () => {
    fc.assert(
      fc.property(fc.array(contractAmount, { maxLength: 40 }), (items) => {
        const expected = items.reduce((total, item) => total + item.units, 0n);
        return unitsOf(sum(items.map((item) => parseAmount(item.text)))) === expected;
      }),
      { numRuns: 200 },
    );
  });

  it('sums two hundred thousand cents without drift', () => {
    const cent = a('0.01');
    expect(formatAmount(sum(Array.from({ length: 200_000 }, () => cent)))).toBe('2000');
  });

  it('refuses to add when the exact result would not fit in 40 digits', () => {
    const huge = new DecimalValue('1' + '0'.repeat(38)); // 39 digits
    expect(() => add(huge, a('0.5'))).toThrow(/needs 41 significant digits; only 40 are kept exactly/);
    expect(() => sub(huge, a('0.5'))).toThrow(RangeError);
    expect(formatAmount(add(huge, a('1')))).toBe('1' + '0'.repeat(37) + '1');
  });

  it('compares, negates and tests', () => {
    expect(cmp(a('1.5'), a('1.50'))).toBe(0);
    expect(cmp(a('-2'), a('1'))).toBe(-1);
    expect(cmp(a('0.00000001'), a('0'))).toBe(1);
    expect(eq(a('1.5'), a('1.50000000'))).toBe(true);
    expect(eq(a('1.5'), a('1.5000001'))).toBe(false);
    expect(isZero(a('-0.00'))).toBe(true);
    expect(isZero(a('0.00000001'))).toBe(false);
    expect(isNegative(a('-0.01'))).toBe(true);
    expect(isNegative(a('-0'))).toBe(false);
    expect(formatAmount(neg(a('12.5')))).toBe('-12.5');
    expect(formatAmount(neg(ZERO))).toBe('0');
    expect(formatAmount(abs(a('-12.5')))).toBe('12.5');
    expect(['3', '-1', '2.5', '0'].map(a).sort(cmp).map((x) => formatAmount(x))).toEqual(['-1', '0', '2.5', '3']);
  });

  it('never yields negative zero', () => {
    expect(formatAmount(sub(a('1.5'), a('1.5')))).toBe('0');
    expect(formatAmount(add(a('-1.5'), a('1.5')))).toBe('0');
    expect(Object.is(sub(a('1'), a('1')).toNumber(), -0)).toBe(false);
  });
});

describe('formatting', () => {
  const a = (text: string) => parseAmount(text);

  it('toFixedString rounds to a scale, half-even by default', () => {
    expect(toFixedString(a('1234.5'), 2)).toBe('1234.50');
    expect(toFixedString(a('2.345'), 2)).toBe('2.34');
    expect(toFixedString(a('2.355'), 2)).toBe('2.36');
    expect(toFixedString(a('2.345'), 2, 'half-up')).toBe('2.35');
    expect(toFixedString(a('-0.004'), 2)).toBe('0.00');
    expect(toFixedString(a('-0.005'), 2, 'half-up')).toBe('-0.01');
    expect(toFixedString(a('123456789012345678.5'), 0)).toBe('123456789012345678');
    expect(() => toFixedString(a('1'), -1)).toThrow(RangeError);
    expect(() => toFixedString(a('1'), 1.5)).toThrow(RangeError);
  });

  it('formatAmount pads to a scale but never rounds', () => {
    expect(formatAmount(a('1.5'), 2)).toBe('1.50');
    expect(formatAmount(a('-3'), 8)).toBe('-3.00000000');
    expect(formatAmount(a('0'), 2)).toBe('0.00');
    expect(() => formatAmount(a('1.005'), 2)).toThrow(/has 3 fraction digits; formatting to 2 would round it/);
  });

  it('formatAmount writes large and tiny values without exponent', () => {
    expect(formatAmount(new DecimalValue('1e25'))).toBe('1' + '0'.repeat(25));
    expect(formatAmount(new DecimalValue('-1e-10'))).toBe('-0.0000000001');
  });

  it('roundToScale rounds with each mode', () => {
    expect(formatAmount(roundToScale(a('-1.25'), 1, 'half-even'))).toBe('-1.2');
    expect(formatAmount(roundToScale(a('-1.25'), 1, 'half-up'))).toBe('-1.3');
    expect(formatAmount(roundToScale(a('-1.21'), 1, 'ceil'))).toBe('-1.2');
    expect(formatAmount(roundToScale(a('-1.21'), 1, 'floor'))).toBe('-1.3');
  });
});
