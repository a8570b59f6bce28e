import { describe, expect, it } from '@jest/globals';
import {
  COUNTRY_CODES,
  WORLD_TERRITORY,
  explainCountryCode,
  explainTerritory,
  isCountryCode,
  isTerritory,
} from './countries.js';

describe('ISO 3166-1 alpha-2 country codes', () => {
  it('lists the 249 officially assigned codes, unique, sorted, upper case', () => {
    expect(COUNTRY_CODES).toHaveLength(249);
    expect(new Set(COUNTRY_CODES).size).toBe(249);
    expect([...COUNTRY_CODES].sort()).toEqual(COUNTRY_CODES);
    for (const code of COUNTRY_CODES) expect(code).toMatch(/^[A-Z]{2}$/);
    expect(Object.isFrozen(COUNTRY_CODES)).toBe(true);
  });

  it.each(['DE', 'FR', 'GB', 'RU', 'US', 'SS', 'SX', 'CW', 'BQ', 'AX', 'PS', 'TW', 'AQ', 'BV', 'UM'])(
    'knows %s',
    (code) => {
      expect(isCountryCode(code)).toBe(true);
      expect(explainCountryCode(code)).toBeNull();
    },
  );

  // Reserved or user-assigned codes, and codes withdrawn from the standard.
  it.each(['UK', 'EU', 'XK', 'AN', 'YU', 'CS', 'SU', 'TP', 'ZZ', 'AA', 'QM'])('does not accept %s', (code) => {
    expect(isCountryCode(code)).toBe(false);
    expect(explainCountryCode(code)).toMatch(/not an officially assigned/);
  });

  it('explains case and shape errors', () => {
    expect(isCountryCode('de')).toBe(false);
    expect(explainCountryCode('de')).toBe('country code "de" must be upper case: "DE"');
    expect(explainCountryCode('DEU')).toMatch(/must be two letters/);
    expect(explainCountryCode(276)).toMatch(/must be a string/);
  });

  it('treats WORLD as a territory but not as a country', () => {
    expect(isTerritory(WORLD_TERRITORY)).toBe(true);
    expect(isTerritory('DE')).toBe(true);
    expect(isCountryCode('WORLD')).toBe(false);
    expect(isTerritory('world')).toBe(false);
    expect(explainTerritory('WORLD')).toBeNull();
    expect(explainTerritory('UK')).toMatch(/a territory is such a code or "WORLD"/);
  });
});
