import { describe, expect, it } from '@jest/globals';
import { changedFields, fieldName, leafFields } from './line-diff.js';

const COLUMNS = ['line_id', 'gross', 'management_fee', 'paid_on', 'work_type'];

describe("a line's fields from its leaf", () => {
  it('names fields as the API does', () => {
    expect(fieldName('management_fee')).toBe('managementFee');
    expect(fieldName('rights_holder_ipi')).toBe('rightsHolderIpi');
    expect(fieldName('gross')).toBe('gross');
  });

  it('lists every column in column order, a key the leaf leaves out (a column added later) as an empty cell', () => {
    const fields = leafFields('{"gross":"1","line_id":"L-1","management_fee":"0","paid_on":null}', COLUMNS);
    expect(fields).toEqual({ lineId: 'L-1', gross: '1', managementFee: '0', paidOn: null, workType: null });
    expect(Object.keys(fields)).toEqual(['lineId', 'gross', 'managementFee', 'paidOn', 'workType']);
  });

  it('lists each changed field with from and to, in column order; a missing side reads as empty cells; nothing for equal leaves', () => {
    const before = '{"gross":"1000","line_id":"L-1","management_fee":"150","paid_on":null}';
    const after = '{"gross":"1200","line_id":"L-1","management_fee":"150","paid_on":"2025-03-30"}';
    expect(changedFields(before, after, COLUMNS)).toEqual({ gross: { from: '1000', to: '1200' }, paidOn: { from: null, to: '2025-03-30' } });
    expect(changedFields(before, before, COLUMNS)).toEqual({});
    expect(changedFields(null, after, ['gross'])).toEqual({ gross: { from: null, to: '1200' } });
    expect(changedFields(before, null, ['gross', 'paid_on'])).toEqual({ gross: { from: '1000', to: null } });
    const old = { gross: '1', line_id: 'L-1', management_fee: '0', paid_on: null };
    expect(changedFields(old, { ...old, work_type: null }, COLUMNS)).toEqual({});
  });
});
