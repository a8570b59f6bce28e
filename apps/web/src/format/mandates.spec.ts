import { describe, expect, it } from '@jest/globals';
import { describeTerritories, effectiveEndPreview, mandateState, parseTerritories } from './mandates';

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

  it('previews the day a notice given today ends management, as the ledger computes it (issue 14)', () => {
    const optOut = { jurisdiction: 'RU', noticeMonths: 3, atFinancialYearEnd: false, source: 'Civil Code Art. 1244(3)', confirmed: false, note: '' };
    const policy = { noticeMonths: 6, terminateAtFinancialYearEnd: true, fyEndMonth: 12, fyEndDay: 31, optOut };
    expect(effectiveEndPreview(policy, 'contractual', '2026-12-07')).toEqual({ noticeMonths: 6, effectiveOn: '2027-12-31', atYearEnd: true });
    expect(effectiveEndPreview({ ...policy, terminateAtFinancialYearEnd: false }, 'contractual', '2025-08-31')).toEqual({ noticeMonths: 6, effectiveOn: '2026-02-28', atYearEnd: false });
    expect(effectiveEndPreview(policy, 'non-contractual', '2026-12-07')).toEqual({ noticeMonths: 3, effectiveOn: '2027-03-07', atYearEnd: false });
    expect(effectiveEndPreview({ ...policy, optOut: { ...optOut, noticeMonths: null, atFinancialYearEnd: null } }, 'non-contractual', '2026-12-07').effectiveOn).toBe('2027-12-31');
    expect(mandateState({ validFrom: '2020-01-01', validTo: null, status: 'requested' }, '2026-12-07')).toBe('requested');
  });
});
