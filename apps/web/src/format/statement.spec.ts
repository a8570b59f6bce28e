import { describe, expect, it } from '@jest/globals';
import type { Statement, StatementLine } from '../api/types';
import { sameAmount } from './money';
import { differencesFromProvenLine, paidByCategory } from './statement';

const line: StatementLine = {
  societyId: 's1',
  societyName: 'RAO',
  submissionId: 'sub',
  lineNo: 2,
  lineId: 'L-2',
  category: 'performing',
  useType: 'radio',
  territory: 'FR',
  workIswc: 'T-034.524.680-1',
  workTitle: 'Day Song',
  useFrom: '2026-01-01',
  useTo: '2026-03-31',
  status: 'paid',
  paidOn: '2026-03-31',
  deadline: '2027-09-30',
  overdueDays: null,
  mandateBasis: 'contractual',
  original: { currency: 'EUR', gross: '80.00', managementFee: '8.00', otherDeductions: '0.00', net: '72.00' },
  converted: { currency: 'RUB', gross: '7619.05', managementFee: '761.90', otherDeductions: '0.00', net: '6857.15' },
  rates: [],
  proof: '/v1/submissions/sub/lines/L-2/proof',
};
// The leaf of docs/proofs.md: amounts in their shortest form.
const LEAF =
  '{"category":"performing","currency":"EUR","gross":"80","line_id":"L-2","management_fee":"8","mandate_basis":"contractual","net":"72","other_deductions":"0","paid_on":"2026-03-31","rights_holder_ipi":"00014107338","rights_holder_name":"Bo Lyricist","status":"paid","territory":"FR","use_from":"2026-01-01","use_to":"2026-03-31","use_type":"radio","work_iswc":"T0345246801","work_title":"Day Song"}';

describe('differencesFromProvenLine', () => {
  it('finds none when the proof proves the line shown (amounts compared as amounts)', () => {
    expect(differencesFromProvenLine(LEAF, line)).toEqual([]);
  });

  it('names each column that differs', () => {
    expect(differencesFromProvenLine(LEAF.replace('"net":"72"', '"net":"720"'), line)).toEqual(['net: the statement shows 72.00, the proof "720"']);
    expect(differencesFromProvenLine(LEAF, { ...line, lineId: 'L-3', useTo: '2026-03-30' })).toEqual([
      'line id: the statement shows L-3, the proof "L-2"',
      'end of use: the statement shows 2026-03-30, the proof "2026-03-31"',
    ]);
    expect(differencesFromProvenLine('{"line_id":"L-2"}', line)).toContain('net: the statement shows 72.00, the proof has none');
    expect(differencesFromProvenLine('[1]', line)).toEqual(['the proven line is not a JSON object']);
    expect(differencesFromProvenLine('nope', line)).toEqual(['the proven line is not JSON']);
  });
});

describe('sameAmount', () => {
  it('compares decimal strings as amounts', () => {
    expect(sameAmount('72', '72.00')).toBe(true);
    expect(sameAmount('0', '-0.00')).toBe(true);
    expect(sameAmount('72.000000001', '72')).toBe(false);
    expect(sameAmount('-72', '72')).toBe(false);
    expect(sameAmount('1e2', '100')).toBe(false);
  });
});

describe('paidByCategory', () => {
  it('sums each society’s paid amounts per category exactly', () => {
    const society = (name: string, paid: [string, string, string][]) =>
      ({ societyName: name, paid: paid.map(([category, useType, amount]) => ({ category, useType, amount })) }) as unknown as Statement['societies'][number];
    const statement = {
      societies: [
        society('A', [
          ['performing', 'radio', '0.10'],
          ['performing', 'tv', '0.20'],
        ]),
        society('B', [['mechanical', 'physical', '5.00']]),
      ],
    } as Statement;
    expect(paidByCategory(statement)).toEqual({
      categories: ['mechanical', 'performing'],
      societies: [
        { name: 'A', amounts: ['0', '0.30'] },
        { name: 'B', amounts: ['5.00', '0'] },
      ],
    });
  });
});
