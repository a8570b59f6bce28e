import { describe, expect, it } from '@jest/globals';
import { describeTerritories, mandateState, parseTerritories } from './mandates';

describe('mandate formatting', () => {
  it('describes territories with their exclusions', () => {
    expect(describeTerritories({ territories: ['WORLD'], excludedTerritories: ['RU', 'BY'] })).toBe('WORLD except RU, BY');
    expect(describeTerritories({ territories: ['FR', 'BE'], excludedTerritories: [] })).toBe('FR, BE');
  });

  it('tells whether a mandate is in force, bounds included', () => {
    expect(mandateState({ validFrom: '2024-01-01', validTo: null }, '2025-06-30')).toBe('in force');
    expect(mandateState({ validFrom: '2024-01-01', validTo: '2025-06-30' }, '2025-06-30')).toBe('in force');
    expect(mandateState({ validFrom: '2024-01-01', validTo: '2025-06-29' }, '2025-06-30')).toBe('ended');
    expect(mandateState({ validFrom: '2025-07-01', validTo: null }, '2025-06-30')).toBe('starts later');
  });

  it('reads a territories field', () => {
    expect(parseTerritories(' fr, be;DE fr ')).toEqual({ territories: ['FR', 'BE', 'DE'] });
    expect(parseTerritories('world')).toEqual({ territories: ['WORLD'] });
    expect(parseTerritories('WORLD, FR')).toEqual({ error: 'WORLD stands alone' });
    expect(parseTerritories('FRA')).toEqual({ error: 'Not a two-letter country code: FRA' });
    expect(parseTerritories('  ')).toEqual({ error: 'Name at least one country code, or WORLD' });
  });
});
