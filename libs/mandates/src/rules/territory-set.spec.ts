import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { COUNTRY_CODES } from '../../../identifiers/src/index.js';
import {
  countries,
  coversCountry,
  describeTerritories,
  intersectTerritories,
  isEmptyTerritorySet,
  parseTerritorySet,
  subtractTerritories,
  territoriesEqual,
  territoryFields,
  worldExcept,
  type TerritorySet,
} from './territory-set.js';
import { countriesOf } from './test-support/brute-force.js';

const ALL = [...COUNTRY_CODES];
const some = fc.subarray(['DE', 'FR', 'GB', 'RU', 'SE', 'US', 'JP'], { minLength: 0 });
const arbSet: fc.Arbitrary<TerritorySet> = fc.oneof(
  some.map((c) => countries(c)),
  some.map((c) => worldExcept(c)),
);
/** The set as an explicit list of every country it covers (of all 249). */
const expand = (t: TerritorySet) => new Set(countriesOf(t, ALL));

describe('territory sets', () => {
  it('reads a country list or WORLD with exclusions', () => {
    expect(parseTerritorySet(['FR', 'DE'], undefined)).toEqual({ ok: true, value: { kind: 'countries', codes: ['DE', 'FR'] } });
    expect(parseTerritorySet(['WORLD'], ['RU'])).toEqual({ ok: true, value: { kind: 'world', excluded: ['RU'] } });
    expect(parseTerritorySet(['WORLD'], [])).toEqual({ ok: true, value: { kind: 'world', excluded: [] } });
  });

  it('names the field and the entry of every bad territory', () => {
    const r = parseTerritorySet(['FR', 'fr', 'XX', 'FR'], ['DE']);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems).toEqual([
      { field: 'territories[1]', message: expect.stringContaining('must be upper case: "FR"') },
      { field: 'territories[2]', message: expect.stringContaining('not an officially assigned') },
      { field: 'territories[3]', message: 'FR is listed twice' },
      { field: 'excludedTerritories', message: expect.stringContaining('only applies to ["WORLD"]') },
    ]);
  });

  it('refuses WORLD beside a country, an empty list, and excluding every country', () => {
    const beside = parseTerritorySet(['WORLD', 'FR'], undefined);
    expect(!beside.ok && beside.problems[0]).toEqual({ field: 'territories', message: expect.stringContaining('WORLD already covers every country') });
    const empty = parseTerritorySet([], undefined);
    expect(!empty.ok && empty.problems[0].field).toBe('territories');
    const notList = parseTerritorySet('FR', undefined);
    expect(!notList.ok && notList.problems[0].field).toBe('territories');
    const everything = parseTerritorySet(['WORLD'], ALL);
    expect(!everything.ok && everything.problems[0]).toEqual({ field: 'excludedTerritories', message: expect.stringContaining('excludes every country') });
    const twice = parseTerritorySet(['WORLD'], ['RU', 'RU']);
    expect(!twice.ok && twice.problems[0]).toEqual({ field: 'excludedTerritories[1]', message: 'RU is listed twice' });
  });

  it('writes the API fields and a description back', () => {
    expect(territoryFields(worldExcept(['RU', 'BY']))).toEqual({ territories: ['WORLD'], excludedTerritories: ['BY', 'RU'] });
    expect(territoryFields(countries(['SE']))).toEqual({ territories: ['SE'], excludedTerritories: [] });
    expect(describeTerritories(worldExcept(['RU']))).toBe('WORLD except RU');
    expect(describeTerritories(countries(['FR', 'DE']))).toBe('DE, FR');
  });

  it('intersects, subtracts and compares like explicit sets of all 249 countries', () => {
    fc.assert(
      fc.property(arbSet, arbSet, (a, b) => {
        const x = expand(a);
        const y = expand(b);
        const inter = expand(intersectTerritories(a, b));
        const diff = expand(subtractTerritories(a, b));
        expect([...inter].sort()).toEqual([...x].filter((c) => y.has(c)).sort());
        expect([...diff].sort()).toEqual([...x].filter((c) => !y.has(c)).sort());
        expect(isEmptyTerritorySet(intersectTerritories(a, b))).toBe(inter.size === 0);
        expect(territoriesEqual(a, b)).toBe(x.size === y.size && [...x].every((c) => y.has(c)));
        for (const c of ['DE', 'US', 'ZW']) expect(coversCountry(a, c)).toBe(x.has(c));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the world minus everything as the one empty set', () => {
    expect(worldExcept(ALL)).toEqual(countries([]));
    expect(isEmptyTerritorySet(subtractTerritories(worldExcept(['RU']), worldExcept()))).toBe(true);
    expect(subtractTerritories(worldExcept(['RU']), worldExcept(['RU', 'BY']))).toEqual(countries(['BY']));
  });
});
