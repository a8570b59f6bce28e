import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { explainIsni, isIsni, isniCheckCharacter, makeIsni, normalizeIsni } from './isni.js';

const digit = fc.constantFrom(...'0123456789');
const fifteenDigits = fc.string({ unit: digit, minLength: 15, maxLength: 15 });

describe('ISNI', () => {
  // Published identifiers: an ISNI, and ORCID's documented example iDs
  // (ORCID iDs are ISNIs with the same MOD 11-2 check).
  it.each([
    ['0000 0001 2146 438X', '000000012146438X'],
    ['0000-0002-1825-0097', '0000000218250097'],
    ['0000-0001-5109-3700', '0000000151093700'],
    ['0000-0002-1694-233X', '000000021694233X'],
    ['0000-0002-1694-233x', '000000021694233X'],
    ['000000021694233X', '000000021694233X'],
  ])('accepts %j and normalizes it to %s', (input, normalized) => {
    expect(isIsni(input)).toBe(true);
    expect(explainIsni(input)).toBeNull();
    expect(normalizeIsni(input)).toBe(normalized);
  });

  it('computes the check character, X standing for ten', () => {
    expect(isniCheckCharacter('000000012146438')).toBe('X');
    expect(isniCheckCharacter('000000021825009')).toBe('7');
    expect(isniCheckCharacter('000000015109370')).toBe('0');
    expect(makeIsni('000000021825009')).toBe('0000000218250097');
    expect(() => makeIsni('00000002182500')).toThrow(RangeError);
  });

  it('refuses a wrong check character and says which was expected', () => {
    expect(isIsni('0000-0002-1825-0098')).toBe(false);
    expect(explainIsni('0000-0002-1825-0098')).toBe(
      'ISNI "0000-0002-1825-0098" has check character 8, expected 7',
    );
    expect(normalizeIsni('0000-0002-1825-0098')).toBeNull();
  });

  it.each(['', '0000 0002 1825 009', '0000 0002 1825 00977', '000000021825009Y', 'X000000218250097', '0000_0002_1825_0097'])(
    'refuses the shape %j',
    (input) => {
      expect(isIsni(input)).toBe(false);
      expect(explainIsni(input)).toMatch(/must be 15 digits and a check character/);
    },
  );

  it('refuses what is not a string', () => {
    expect(isIsni(218250097)).toBe(false);
    expect(explainIsni(null)).toMatch(/must be a string/);
  });

  it('detects every single-character substitution of a valid ISNI', () => {
    fc.assert(
      fc.property(fifteenDigits, (base) => {
        const valid = makeIsni(base);
        for (let position = 0; position < 16; position++) {
          const alphabet = position === 15 ? '0123456789X' : '0123456789';
          for (const replacement of alphabet) {
            if (replacement === valid[position]) continue;
            const changed = valid.slice(0, position) + replacement + valid.slice(position + 1);
            if (isIsni(changed)) return false;
          }
        }
        return true;
      }),
      { numRuns: 200 },
    );
  });

  it('detects every transposition of two different adjacent digits', () => {
    fc.assert(
      fc.property(fifteenDigits, (base) => {
        const valid = makeIsni(base);
        for (let position = 0; position < 15; position++) {
          if (valid[position] === valid[position + 1]) continue;
          const swapped =
            valid.slice(0, position) + valid[position + 1] + valid[position] + valid.slice(position + 2);
          if (isIsni(swapped)) return false;
        }
        return true;
      }),
      { numRuns: 200 },
    );
  });
});
