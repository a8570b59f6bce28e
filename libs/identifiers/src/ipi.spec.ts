import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { explainIpi, ipiCheckDigits, isIpi, makeIpi } from './ipi.js';

const digit = fc.constantFrom(...'0123456789');
const nineDigits = fc.string({ unit: digit, minLength: 9, maxLength: 9 });

describe('IPI name numbers', () => {
  it('accepts the example from the rules', () => {
    expect(isIpi('00052210040')).toBe(true);
    expect(explainIpi('00052210040')).toBeNull();
  });

  // Worked by hand: weights 10..2 over the nine digits, sum mod 101 = m,
  // check = 0 when m = 0, else (101 - m) mod 100.
  it.each([
    ['000522100', '40'], // 5·7 + 2·6 + 2·5 + 1·4 = 61 → 101 - 61 = 40
    ['123456789', '93'], // 10+18+24+28+30+30+28+24+18 = 210, m = 8 → 93
    ['999999999', '19'], // 9·54 = 486, m = 82 → 19
    ['000000000', '00'], // m = 0 → 0
    ['910000010', '00'], // 90 + 9 + 3 = 102, m = 1 → 100 mod 100 = 0
    ['901000001', '01'], // 90 + 8 + 2 = 100, m = 100 → 1
    ['000000001', '99'], // 2, m = 2 → 99
  ])('computes the check digits of %s as %s', (base, check) => {
    expect(ipiCheckDigits(base)).toBe(check);
    expect(makeIpi(base)).toBe(base + check);
    expect(isIpi(base + check)).toBe(true);
  });

  it('refuses wrong check digits and says which were expected', () => {
    expect(isIpi('00052210041')).toBe(false);
    expect(explainIpi('00052210041')).toBe(
      'IPI name number "00052210041" has check digits 41, expected 40',
    );
  });

  it.each([
    ['', 'must have exactly 11 digits, has 0'],
    ['0052210040', 'must have exactly 11 digits, has 10'],
    ['000052210040', 'must have exactly 11 digits, has 12'],
    ['0005221004O', 'must contain only the digits 0-9'],
    [' 00052210040', 'must contain only the digits 0-9'],
    ['00052210040\n', 'must contain only the digits 0-9'],
    ['000-522-100-40', 'must contain only the digits 0-9'],
    ['０００５２２１００４０', 'must contain only the digits 0-9'], // full-width digits
  ])('refuses %j', (input, reason) => {
    expect(isIpi(input)).toBe(false);
    expect(explainIpi(input)).toContain(reason);
  });

  it('refuses what is not a string', () => {
    for (const value of [null, undefined, 52210040, 52210040n, ['00052210040']]) {
      expect(isIpi(value)).toBe(false);
      expect(explainIpi(value)).toMatch(/must be a string/);
    }
  });

  it('makeIpi refuses a base that is not nine digits', () => {
    expect(() => makeIpi('12345678')).toThrow(RangeError);
    expect(() => makeIpi('12345678a')).toThrow(/exactly 9 digits/);
  });

  it('makeIpi always yields a valid number that explainIpi accepts', () => {
    fc.assert(
      fc.property(nineDigits, (base) => {
        const ipi = makeIpi(base);
        return ipi.length === 11 && ipi.startsWith(base) && isIpi(ipi) && explainIpi(ipi) === null;
      }),
      { numRuns: 300 },
    );
  });

  it('detects every single-digit substitution of a valid number', () => {
    fc.assert(
      fc.property(nineDigits, (base) => {
        const valid = makeIpi(base);
        for (let position = 0; position < 11; position++) {
          for (const replacement of '0123456789') {
            if (replacement === valid[position]) continue;
            const changed = valid.slice(0, position) + replacement + valid.slice(position + 1);
            if (isIpi(changed)) return false;
          }
        }
        return true;
      }),
      { numRuns: 200 },
    );
  });

  it('accepts exactly one pair of check digits for each base', () => {
    fc.assert(
      fc.property(nineDigits, (base) => {
        let accepted = 0;
        for (let check = 0; check < 100; check++) {
          if (isIpi(base + String(check).padStart(2, '0'))) accepted++;
        }
        return accepted === 1;
      }),
      { numRuns: 100 },
    );
  });
});
