import { describe, expect, it } from '@jest/globals';
import {
  CURRENCIES,
  CURRENCY_CODES,
  currencyMinorUnits,
  explainCurrencyCode,
  isCurrencyCode,
} from './currencies.js';

describe('ISO 4217 currencies', () => {
  it('lists unique, sorted, upper-case codes with 0 to 4 minor units', () => {
    expect(new Set(CURRENCY_CODES).size).toBe(CURRENCY_CODES.length);
    expect([...CURRENCY_CODES].sort()).toEqual(CURRENCY_CODES);
    expect(CURRENCIES.map((c) => c.code)).toEqual(CURRENCY_CODES);
    for (const { code, minorUnits } of CURRENCIES) {
      expect(code).toMatch(/^[A-Z]{3}$/);
      expect([0, 2, 3, 4]).toContain(minorUnits);
    }
    expect(Object.isFrozen(CURRENCIES)).toBe(true);
    expect(Object.isFrozen(CURRENCIES[0])).toBe(true);
  });

  it.each([
    ['EUR', 2], ['USD', 2], ['GBP', 2], ['RUB', 2], ['CHF', 2], ['SEK', 2], ['HUF', 2], ['IDR', 2],
    ['JPY', 0], ['KRW', 0], ['ISK', 0], ['CLP', 0], ['VND', 0], ['XOF', 0], ['XAF', 0], ['UGX', 0],
    ['KWD', 3], ['BHD', 3], ['JOD', 3], ['OMR', 3], ['TND', 3], ['IQD', 3], ['LYD', 3],
    ['CLF', 4], ['UYW', 4],
    ['XCG', 2], ['ZWG', 2], ['SLE', 2], ['VED', 2],
  ] as const)('%s has %i minor units', (code, units) => {
    expect(isCurrencyCode(code)).toBe(true);
    expect(currencyMinorUnits(code)).toBe(units);
    expect(explainCurrencyCode(code)).toBeNull();
  });

  // Withdrawn currencies, and units whose minor unit ISO gives as N.A.
  it.each(['HRK', 'ANG', 'ZWL', 'SLL', 'CUC', 'DEM', 'XAU', 'XDR', 'XTS', 'XXX', 'BTC'])('does not accept %s', (code) => {
    expect(isCurrencyCode(code)).toBe(false);
    expect(currencyMinorUnits(code)).toBeUndefined();
    expect(explainCurrencyCode(code)).toMatch(/not a current ISO 4217 currency/);
  });

  it('explains case and shape errors', () => {
    expect(explainCurrencyCode('eur')).toBe('currency code "eur" must be upper case: "EUR"');
    expect(explainCurrencyCode('EURO')).toMatch(/must be three letters/);
    expect(explainCurrencyCode(978)).toMatch(/must be a string/);
    expect(isCurrencyCode('eur')).toBe(false);
  });
});
