import { describe, expect, it } from '@jest/globals';
import { organisationKey, sameOrganisation } from './organisation-names.js';

describe('organisation names', () => {
  it('folds case, punctuation and legal-form words at either end', () => {
    expect(organisationKey('Volga Songs Ltd.')).toBe('volga songs');
    expect(organisationKey('VOLGA SONGS, LIMITED')).toBe('volga songs');
    expect(organisationKey('ООО «Ромашка»')).toBe('ромашка');
    expect(organisationKey('"Ромашка" OOO')).toBe('ромашка');
    expect(organisationKey('Éditions Lune S.A.R.L.')).toBe('éditions lune');
    expect(organisationKey('Lune S.A.')).toBe('lune');
    expect(organisationKey('Baltic Rights GmbH & Co. KG')).toBe('baltic rights');
    expect(organisationKey('ＡＣＭＥ Inc')).toBe('acme');
  });

  it('keeps words inside the name and a name made only of legal forms', () => {
    expect(organisationKey('AO Company Holding AO')).toBe('holding');
    expect(organisationKey('Co AB Music')).toBe('music');
    expect(organisationKey('LLC')).toBe('llc');
    expect(organisationKey('  ')).toBe('');
  });

  it('matches one organisation written two ways, and not two organisations', () => {
    expect(sameOrganisation('Nota Bene Publishing House LLC', 'NOTA-BENE Publishing House, ООО')).toBe(true);
    expect(sameOrganisation('Nota Bene Publishing House LLC', 'Nota Bene Publishing House OOO')).toBe(true);
    expect(sameOrganisation('Radio Volna LLC', 'Radio Volna 2 LLC')).toBe(false);
    expect(sameOrganisation('', '')).toBe(false);
  });
});
