import { describe, expect, it } from '@jest/globals';
import type { SocietyStatement, Statement } from './statement.js';
import { STATEMENT_CSV_COLUMNS, csvCell, statementCsv } from './statement-csv.js';

function society(o: Partial<SocietyStatement> = {}): SocietyStatement {
  return {
    societyId: 's1', societyName: 'Société "Une", Paris', contact: null, revenueAttributed: '10.00', paid: [], paidTotal: '8.00', managementFees: '1.50',
    otherDeductions: '0.50', outstanding: '0.00', byUse: [], periodOfUse: { from: '2025-01-01', to: '2025-03-31' }, lines: 1,
    rates: [{ currency: 'RUB', rateDate: '2025-03-01', rateToEur: '0.0105' }], mandates: [], nonContractual: { amount: '0.00', lines: 0 }, verifiedNonContractual: { amount: '0.00', lines: 0 },
    head: { treeSize: 3, rootHash: 'ab'.repeat(32), timestamp: '2025-04-01T00:00:00.000Z', signature: 'sig', keyId: 'k' },
    overdue: { amount: '0.00', lines: 0, oldestDeadline: null, maxOverdueDays: null }, ...o,
  };
}

describe('statementCsv', () => {
  it('writes one row per society × category × use, quoting where needed', () => {
    const s: Statement = {
      rightsHolderId: 'h1', rightsHolderName: 'H', rightsHolderIpi: null, year: 2025, currency: 'EUR', rates: [],
      asOf: '2026-12-07', overdue: { amount: '0.00', lines: 0, oldestDeadline: null, maxOverdueDays: null }, staleRates: { maxAgeDays: 7, rates: [] },
      totals: { revenueAttributed: '10.00', managementFees: '1.50', otherDeductions: '0.50', paid: '8.00', outstanding: '0.00', lines: 1 },
      societies: [
        society({
          byUse: [
            { category: 'performing', useType: 'radio', revenueAttributed: '6.00', managementFees: '1.00', otherDeductions: '0.00', paid: '5.00', outstanding: '0.00', lines: 1 },
            { category: 'performing', useType: 'tv', revenueAttributed: '4.00', managementFees: '0.50', otherDeductions: '0.50', paid: '3.00', outstanding: '0.00', lines: 2 },
          ],
        }),
        society({ societyId: 's2', societyName: '=cmd()', byUse: [], revenueAttributed: '0.00', lines: 0, periodOfUse: null, head: null, rates: [] }),
      ],
    };
    const rows = statementCsv(s).split('\r\n');
    expect(rows[0]).toBe(STATEMENT_CSV_COLUMNS.join(','));
    expect(rows[1]).toBe(`h1,2025,s1,"Société ""Une"", Paris",performing,radio,EUR,6.00,1.00,0.00,5.00,0.00,1,2025-01-01,2025-03-31,3,${'ab'.repeat(32)},RUB 2025-03-01 0.0105,`);
    expect(rows[2]).toContain(',performing,tv,EUR,4.00,0.50,0.50,3.00,0.00,2,');
    expect(rows[3]).toBe(`h1,2025,s2,"'=cmd()",,,EUR,0.00,0.00,0.00,0.00,0.00,0,,,,,,`);
    expect(rows[4]).toBe('');
    expect(rows).toHaveLength(5);
  });

  it('guards a society name that starts with a minus (issue 13: the statement never guarded -), and leaves negative amounts numbers', () => {
    const s: Statement = {
      rightsHolderId: 'h1', rightsHolderName: 'H', rightsHolderIpi: null, year: 2025, currency: 'EUR', rates: [],
      asOf: '2026-12-07', overdue: { amount: '0.00', lines: 0, oldestDeadline: null, maxOverdueDays: null }, staleRates: { maxAgeDays: 7, rates: [] },
      totals: { revenueAttributed: '-1.00', managementFees: '0.00', otherDeductions: '0.00', paid: '0.00', outstanding: '-1.00', lines: 1 },
      societies: [
        society({
          societyName: `-1+cmd|' /C calc'!A0`,
          byUse: [{ category: 'performing', useType: 'radio', revenueAttributed: '-1.00', managementFees: '0.00', otherDeductions: '0.00', paid: '0.00', outstanding: '-1.00', lines: 1 }],
        }),
      ],
    };
    const row = statementCsv(s).split('\r\n')[1]!;
    expect(row).toContain(`,"'-1+cmd|' /C calc'!A0",performing,radio,EUR,-1.00,0.00,0.00,0.00,-1.00,1,`);
  });

  it('leaves numbers and plain text alone', () => {
    expect(csvCell('-12.50')).toBe('-12.50');
    expect(csvCell(7)).toBe('7');
    expect(csvCell(null)).toBe('');
    expect(csvCell('a\nb')).toBe('"a\nb"');
  });
});
