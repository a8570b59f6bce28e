import { describe, expect, it } from '@jest/globals';
import { explainIsrc, formatIsrc, isIsrc, normalizeIsrc } from './isrc.js';

describe('ISRC', () => {
  it.each([
    ['US-S1Z-99-00001', 'USS1Z9900001'],
    ['USS1Z9900001', 'USS1Z9900001'],
    ['gb-a1b-24-12345', 'GBA1B2412345'],
    ['UK-123-05-00042', 'UK1230500042'], // IFPI prefixes need not be ISO 3166 codes
    ['QM-ZZZ-21-99999', 'QMZZZ2199999'],
  ])('accepts %j as %s', (input, normalized) => {
    expect(isIsrc(input)).toBe(true);
    expect(explainIsrc(input)).toBeNull();
    expect(normalizeIsrc(input)).toBe(normalized);
  });

  it('formats the display form with hyphens', () => {
    expect(formatIsrc('USS1Z9900001')).toBe('US-S1Z-99-00001');
    expect(formatIsrc('bogus')).toBeNull();
  });

  it.each([
    '',
    'US-S1Z-99-0001', // 4-digit designation
    'USS1Z990000', // 11 characters
    'USS1Z99000011', // 13 characters
    '1SS1Z9900001', // digit in the country prefix
    'USS1Z9A00001', // letter in the year
    'US-S1Z9900001', // hyphens only partly present
    'US S1Z 99 00001', // spaces are not hyphens
    'US-S1Z-99-00001 ',
    'ıSS1Z9900001', // dotless i upper-cases to I; must still be refused
  ])('refuses %j', (input) => {
    expect(isIsrc(input)).toBe(false);
    expect(normalizeIsrc(input)).toBeNull();
    expect(explainIsrc(input)).toMatch(/must be CC-XXX-YY-NNNNN/);
  });

  it('refuses what is not a string', () => {
    expect(isIsrc(undefined)).toBe(false);
    expect(explainIsrc(12)).toMatch(/must be a string/);
  });
});
