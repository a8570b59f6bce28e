import { describe, expect, it } from '@jest/globals';
import { changedFields, fieldName, leafFields } from './line-diff.js';

const COLUMNS = ['line_id', 'gross', 'management_fee', 'paid_on', 'work_type'];

describe('line diff from leaves', () => {
  it('names fields as the API does', () => {
    expect(fieldName('management_fee')).toBe('managementFee');
    expect(fieldName('rights_holder_ipi')).toBe('rightsHolderIpi');
    expect(fieldName('gross')).toBe('gross');
  });

  it('lists each changed field with from and to, in column order, and nothing for equal leaves', () => {
    const before = '{"gross":"1000","line_id":"L-1","management_fee":"150","paid_on":null}';
    const after = '{"gross":"1200","line_id":"L-1","management_fee":"150","paid_on":"2025-03-30"}';
    expect(changedFields(before, after, COLUMNS)).toEqual({ gross: { from: '1000', to: '1200' }, paidOn: { from: null, to: '2025-03-30' } });
    expect(Object.keys(changedFields(before, after, COLUMNS))).toEqual(['gross', 'paidOn']);
    expect(changedFields(before, before, COLUMNS)).toEqual({});
  });

  it('reads a key a leaf leaves out (a column added later) as an empty cell', () => {
    const old = { gross: '1', line_id: 'L-1', management_fee: '0', paid_on: null };
    expect(changedFields(old, { ...old, work_type: null }, COLUMNS)).toEqual({});
    expect(changedFields(old, { ...old, work_type: 'musical' }, COLUMNS)).toEqual({ workType: { from: null, to: 'musical' } });
    expect(leafFields(old, COLUMNS)).toEqual({ lineId: 'L-1', gross: '1', managementFee: '0', paidOn: null, workType: null });
  });
});
