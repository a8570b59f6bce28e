import { describe, expect, it } from '@jest/globals';
import { parseMandateTerms, type RawMandateTerms } from './parse-terms.js';

const valid: RawMandateTerms = {
  societyId: 's1',
  category: 'performing',
  workType: 'musical',
  territories: ['WORLD'],
  excludedTerritories: ['RU'],
  validFrom: '2025-01-01',
  basis: 'contractual',
  exclusive: true,
};

describe('reading a mandate', () => {
  it('reads valid terms, open-ended when validTo is absent or empty', () => {
    expect(parseMandateTerms(valid)).toEqual({
      ok: true,
      value: { societyId: 's1', category: 'performing', workType: 'musical', territories: { kind: 'world', excluded: ['RU'] }, period: { from: '2025-01-01', to: null }, basis: 'contractual', exclusive: true },
    });
    const r = parseMandateTerms({ ...valid, validTo: '' });
    expect(r.ok && r.value.period.to).toBeNull();
  });

  it('names every bad field', () => {
    const r = parseMandateTerms({ ...valid, category: 'singing', workType: 'poem', basis: 'implied', exclusive: 'yes', territories: ['FR', 'FR'], excludedTerritories: undefined, validFrom: '2025-02-30', validTo: 'soon' });
    expect(!r.ok && r.problems.map((p) => p.field)).toEqual(['category', 'workType', 'basis', 'exclusive', 'territories[1]', 'validFrom', 'validTo']);
  });

  it('refuses an inverted period and an exclusive non-contractual mandate', () => {
    const inverted = parseMandateTerms({ ...valid, validTo: '2024-12-31' });
    expect(!inverted.ok && inverted.problems).toEqual([{ field: 'validTo', message: 'must not be before validFrom (2025-01-01)' }]);
    const nc = parseMandateTerms({ ...valid, basis: 'non-contractual' });
    expect(!nc.ok && nc.problems).toEqual([{ field: 'exclusive', message: expect.stringContaining('cannot be exclusive') }]);
  });

  it('names the fields as the caller calls them (CSV columns for a bulk load)', () => {
    const names = { category: 'category', workType: 'work_type', territories: 'territory', excludedTerritories: 'territory', validFrom: 'valid_from', validTo: 'valid_to', basis: 'basis', exclusive: 'exclusive' };
    const r = parseMandateTerms({ ...valid, workType: 'x', validFrom: '2025-01-01', validTo: '2020-01-01' }, names);
    expect(!r.ok && r.problems.map((p) => p.field)).toEqual(['work_type', 'valid_to']);
  });
});
