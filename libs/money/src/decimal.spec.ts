import { describe, expect, it } from '@jest/globals';
import { Decimal } from 'decimal.js';
import { DECIMAL_PRECISION, DecimalValue, decimalJsRounding, own } from './decimal.js';

describe('the ledger decimal type', () => {
  it('is a dedicated decimal.js clone with 40 digits and half-even rounding', () => {
    expect(DECIMAL_PRECISION).toBe(40);
    expect(DecimalValue.precision).toBe(40);
    expect(DecimalValue.rounding).toBe(Decimal.ROUND_HALF_EVEN);
    expect(DecimalValue).not.toBe(Decimal);
  });

  it('leaves the global decimal.js configuration alone', () => {
    expect(Decimal.precision).toBe(20);
    expect(Decimal.rounding).toBe(Decimal.ROUND_HALF_UP);
  });

  it('does not pick up a later change of the global configuration', () => {
    const saved = Decimal.precision;
    Decimal.set({ precision: 5 });
    try {
      expect(new DecimalValue('1').dividedBy(3).toFixed()).toBe('0.' + '3'.repeat(40));
    } finally {
      Decimal.set({ precision: saved });
    }
  });

  it('never writes exponent notation', () => {
    expect(new DecimalValue('1e30').toString()).toBe('1' + '0'.repeat(30));
    expect(new DecimalValue('1e-12').toString()).toBe('0.000000000001');
  });

  it('copies an instance of another decimal.js constructor exactly, to compute at 40 digits', () => {
    const foreign = new Decimal('1.000000000000000000000000001'); // 28 digits, kept by the constructor
    const mine = own(foreign);
    expect(mine.constructor).toBe(DecimalValue);
    expect(mine.plus('1e-30').toFixed()).toBe('1.000000000000000000000000001001');
  });

  it('refuses non-finite values', () => {
    expect(() => own(new DecimalValue('Infinity'))).toThrow(RangeError);
    expect(() => own(new DecimalValue(NaN))).toThrow(/finite/);
  });

  it('maps every rounding mode and refuses unknown ones', () => {
    const x = new DecimalValue('-2.5');
    const rounded = (mode: Parameters<typeof decimalJsRounding>[0]) =>
      x.toDecimalPlaces(0, decimalJsRounding(mode)).toString();
    expect(rounded('half-even')).toBe('-2');
    expect(rounded('half-up')).toBe('-3');
    expect(rounded('half-down')).toBe('-2');
    expect(rounded('up')).toBe('-3');
    expect(rounded('down')).toBe('-2');
    expect(rounded('ceil')).toBe('-2');
    expect(rounded('floor')).toBe('-3');
    expect(() => decimalJsRounding('bankers' as never)).toThrow(/unknown rounding mode/);
    expect(() => decimalJsRounding('toString' as never)).toThrow(/unknown rounding mode/);
  });
});
