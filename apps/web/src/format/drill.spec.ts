import { describe, expect, it } from '@jest/globals';
import { changeText, evidenceLines, fieldValue, lineFromSearch, linePath } from './drill';

const S1 = '0b7c2a52-9d3e-4a1f-8e51-2c8b4f0e9a11';
const S2 = '5f0e1d2c-3b4a-4968-8776-a5b4c3d2e1f0';

describe('the lines an audit finding names', () => {
  it('finds every object with a submission and a line id or number, at any depth, in order', () => {
    const evidence = {
      found: { lines: 2 },
      lines: [
        { submissionId: S1, period: '2025Q1', lineNo: 5, lineId: 'L-4', gross: '100' },
        { submissionId: S2, period: '2025Q2', lineNo: 2, deductionId: 'D-1', amount: '5' },
      ],
      nested: { examples: [{ submissionId: S1, lineNo: 9 }] },
      board: { source: { kind: 'board-package', submissionId: S2, period: '2025Q1' } },
      notAnId: [{ submissionId: 'x', lineId: 'L-1' }],
    };
    expect(evidenceLines(evidence)).toEqual([
      { submissionId: S1, lineId: 'L-4', lineNo: 5, path: 'lines[0]', values: { period: '2025Q1', gross: '100' } },
      { submissionId: S2, lineId: 'D-1', lineNo: 2, path: 'lines[1]', values: { period: '2025Q2', amount: '5' } },
      { submissionId: S1, lineId: null, lineNo: 9, path: 'nested.examples[0]', values: {} },
    ]);
    expect(evidenceLines({})).toEqual([]);
    expect(evidenceLines(null)).toEqual([]);
  });

  it('links each to its line on its submission page, by id or else by number, and reads that address back', () => {
    expect(linePath({ submissionId: S1, lineId: 'L 4/5', lineNo: 5 })).toBe(`/submissions/${S1}?line=L%204%2F5`);
    expect(linePath({ submissionId: S1, lineId: null, lineNo: 9 })).toBe(`/submissions/${S1}?lineNo=9`);
    expect(lineFromSearch('?line=L%204%2F5')).toEqual({ lineId: 'L 4/5' });
    expect(lineFromSearch('?lineNo=9')).toEqual({ lineNo: 9 });
    expect(lineFromSearch('?lineNo=-1')).toEqual({});
    expect(lineFromSearch('')).toEqual({});
  });
});

describe('field values', () => {
  it('writes amounts with separators without rounding, dates per language, empty cells as a dash', () => {
    expect(fieldValue('gross', '1234567.125')).toBe('1,234,567.125');
    expect(fieldValue('gross', '8596.9')).toBe('8,596.90');
    expect(fieldValue('gross', '8596.9', 'RUB')).toBe('8,596.90');
    expect(fieldValue('gross', '100', 'JPY')).toBe('100');
    expect(fieldValue('paidOn', '2025-03-30')).toBe('30\u00a0Mar\u00a02025');
    expect(fieldValue('paidOn', null)).toBe('—');
    expect(fieldValue('workTitle', '1000')).toBe('1000');
    expect(changeText('gross', { from: '1000', to: '1200' })).toBe('Gross: 1,000.00 → 1,200.00');
  });
});
