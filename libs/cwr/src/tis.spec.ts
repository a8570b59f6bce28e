import { describe, expect, it } from '@jest/globals';
import { TIS_COUNTRIES, isTisCode, tisCountries, tisEntry } from './tis.js';

describe('CISAC TIS territory codes', () => {
  it('knows countries, groups and former territories by their 4-digit codes', () => {
    expect(tisEntry('2136')).toMatchObject({ name: 'WORLD', kind: 'group' });
    expect(tisEntry('0826')).toMatchObject({ name: 'UNITED KINGDOM', kind: 'country' });
    expect(tisEntry('0280')).toMatchObject({ kind: 'country', until: '1990-10-02' });
    expect(isTisCode('2136')).toBe(true);
    expect(isTisCode('136')).toBe(false);
    expect(isTisCode('9999')).toBe(false);
  });

  it('World covers every country, Europe the German ones, a country only itself', () => {
    expect(tisCountries('2136').sort()).toEqual([...TIS_COUNTRIES].sort());
    expect(tisCountries('2120')).toEqual(expect.arrayContaining(['0276', '0280', '0250', '0826']));
    expect(tisCountries('2120')).not.toContain('0840');
    expect(tisCountries('0276')).toEqual(['0276']);
    expect(tisCountries('2110').sort()).toEqual(['0056', '0442', '0528']); // BENELUX
    expect(tisCountries('1234')).toEqual([]);
  });
});
