import { describe, expect, it } from '@jest/globals';
import { explainCisacSocietyCode, isCisacSocietyCode } from './cisac.js';

describe('CISAC society codes', () => {
  it.each(['035', '058', '000', '999'])('accepts %j', (code) => {
    expect(isCisacSocietyCode(code)).toBe(true);
    expect(explainCisacSocietyCode(code)).toBeNull();
  });

  it.each(['35', '0035', ' 035', '035 ', 'O35', '3.5', '-35', '', '٠٣٥'])('refuses %j', (code) => {
    expect(isCisacSocietyCode(code)).toBe(false);
    expect(explainCisacSocietyCode(code)).toMatch(/must be exactly three digits/);
  });

  it('refuses numbers: the leading zero is part of the code', () => {
    expect(isCisacSocietyCode(35)).toBe(false);
    expect(explainCisacSocietyCode(35)).toMatch(/must be a string, got number/);
  });
});
