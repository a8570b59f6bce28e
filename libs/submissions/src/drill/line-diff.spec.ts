import { describe, expect, it } from '@jest/globals';
import { fieldName, leafFields } from './line-diff.js';

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
});
