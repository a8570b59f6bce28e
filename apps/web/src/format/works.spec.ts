import { describe, expect, it } from '@jest/globals';
import {
  ackStatusName,
  conflictText,
  financialYearFromSearch,
  financialYearOf,
  isAccepted,
  packageTypeName,
  partyRole,
  shareRows,
  shownRightShares,
  shareVerdict,
  shownIswc,
  shownShare,
  shownSubmitter,
  versionFromSearch,
  workPath,
  worksPath,
  worksQueryFromSearch,
} from './works';

describe('works addresses', () => {
  it('writes and reads the works query in the address, leaving empty values out', () => {
    expect(worksPath()).toBe('/works');
    expect(worksPath({ iswc: ' T0345246801 ', q: '', ipi: '00520000001' })).toBe('/works?iswc=T0345246801&ipi=00520000001');
    expect(worksQueryFromSearch('?iswc=T0345246801&q=%20Winter%20&x=1')).toEqual({ iswc: 'T0345246801', q: 'Winter' });
    expect(workPath('a b')).toBe('/works/a%20b');
    expect(workPath('w1', 2026)).toBe('/works/w1?financialYear=2026');
    expect(financialYearFromSearch('?financialYear=2026')).toBe(2026);
    expect(financialYearFromSearch('?financialYear=26')).toBeNull();
    expect(versionFromSearch('?version=3')).toBe(3);
    expect(versionFromSearch('?version=0')).toBeUndefined();
  });
});

describe('works in words', () => {
  it('names ISWCs, statuses, roles, shares and submitters', () => {
    expect(shownIswc('T0345246801')).toBe('T-034.524.680-1');
    expect(shownIswc('not one')).toBe('not one');
    expect(shownIswc(null)).toBe('—');
    expect(ackStatusName('CO')).toBe('CO: Conflict with another registration');
    expect(ackStatusName('ZZ')).toBe('ZZ');
    expect(isAccepted('AS')).toBe(true);
    expect(isAccepted('CO')).toBe(false);
    expect(partyRole('writer', 'CA')).toBe('writer (composer and author)');
    expect(partyRole('publisher', 'E')).toBe('publisher (original publisher)');
    expect(partyRole('writer', 'XX')).toBe('writer (XX)');
    expect(shownShare('50')).toBe('50.00\u00a0%');
    expect(shownShare('16.665')).toBe('16.665\u00a0%');
    expect(shownShare(null)).toBe('—');
    expect(shownSubmitter('61000000027')).toBe('IPI 61000000027');
    expect(shownSubmitter('000000123')).toBe('000000123');
    expect(packageTypeName('cwr')).toBe('CWR works registration');
    expect(packageTypeName('income')).toBe('income');
  });

  it('says what a conflict is', () => {
    expect(conflictText({ reason: 'shares-over-100', right: 'MR', territory: 'WORLD', tis: '2136', total: '200.00' })).toBe(
      'The collection shares registered add up to 200.00\u00a0% (Mechanical (MR), WORLD): more than 100 %.',
    );
    expect(conflictText({ reason: 'writers-differ', right: null, territory: null, tis: null, total: null })).toBe('Another registration of this ISWC names other writers.');
    expect(conflictText({ reason: 'new-kind', right: 'PR', territory: null, tis: null, total: null })).toBe('new-kind (Performing (PR))');
  });
});

describe('shares paid against registered', () => {
  const base = { registeredShare: '25.00', paidShare: '25.00', differencePoints: '0.00', withinTolerance: true };
  it('marks a difference beyond the tolerance with its direction, never by colour alone', () => {
    expect(shareVerdict(base)).toEqual({ mismatch: false, mark: '✓', text: 'as registered' });
    expect(shareVerdict({ ...base, paidShare: '35.00', differencePoints: '10.00', withinTolerance: false })).toEqual({ mismatch: true, mark: '▲', text: '10.00 points more than registered' });
    expect(shareVerdict({ ...base, paidShare: '15.00', differencePoints: '-10.00', withinTolerance: false })).toEqual({ mismatch: true, mark: '▼', text: '10.00 points less than registered' });
    expect(shareVerdict({ ...base, registeredShare: null, differencePoints: null, withinTolerance: false })).toEqual({ mismatch: true, mark: '⚠', text: 'paid, but not registered on the work' });
    expect(shareVerdict({ ...base, paidShare: null, differencePoints: null, withinTolerance: null })).toEqual({ mismatch: false, mark: '—', text: 'nothing distributed for this right' });
  });

  it('tells the financial year of a day', () => {
    expect(financialYearOf('2026-12-07', 12, 31)).toBe(2026);
    expect(financialYearOf('2026-06-30', 6, 30)).toBe(2026);
    expect(financialYearOf('2026-07-01', 6, 30)).toBe(2027);
  });
});

describe('shareRows', () => {
  it('gives one row per party and territory, each right owned and collected', () => {
    const own = (share: string) => ({ share, society: '088' });
    const rows = shareRows([
      {
        partyNo: 1,
        kind: 'writer',
        controlled: true,
        ipiNameNumber: '00520000001',
        name: 'IVANOVA MARIA',
        role: 'CA',
        ownership: { PR: own('25.00'), MR: own('25.00'), SR: own('25.00') },
        collection: [
          { tis: '2136', territory: 'WORLD', include: true, PR: '25.00', MR: '25.00', SR: '25.00' },
          { tis: '0643', territory: 'RUSSIA', include: false, PR: '0.00', MR: '0.00', SR: '0.00' },
        ],
      },
      { partyNo: 2, kind: 'publisher', controlled: false, ipiNameNumber: null, name: 'OTHER', role: 'E', ownership: { PR: own('50.00'), MR: own('50.00'), SR: own('0.00') }, collection: [] },
    ]);
    expect(rows.map((r) => [r.name, r.territory, r.include, shownRightShares(r.rights.PR), shownRightShares(r.rights.SR)])).toEqual([
      ['IVANOVA MARIA', 'WORLD', true, 'owns 25.00\u00a0% · collects 25.00\u00a0%', 'owns 25.00\u00a0% · collects 25.00\u00a0%'],
      ['IVANOVA MARIA', 'RUSSIA', false, 'owns 25.00\u00a0% · collects 0.00\u00a0%', 'owns 25.00\u00a0% · collects 0.00\u00a0%'],
      ['OTHER', '—', true, 'owns 50.00\u00a0%', 'owns 0.00\u00a0%'],
    ]);
  });
});
