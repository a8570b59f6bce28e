import { describe, expect, it } from '@jest/globals';
import { checkHeader, splitCsvRecord } from './header.js';

describe('splitCsvRecord', () => {
  it('honours RFC 4180 quoting', () => {
    expect(splitCsvRecord('a,"b,c","d ""e"""')).toEqual(['a', 'b,c', 'd "e"']);
    expect(splitCsvRecord('')).toEqual(['']);
  });
});

describe('checkHeader', () => {
  const cols = 'deduction_id,kind,category,currency,amount,description';
  it('accepts the columns in any order, with a BOM and CRLF', () => {
    expect(checkHeader('deductions', `\uFEFFamount,${cols.replace(',amount', '')}\r`)).toEqual({
      order: ['amount', 'deduction_id', 'kind', 'category', 'currency', 'description'],
    });
  });
  it('names unknown, duplicate and missing columns on line 1', () => {
    const result = checkHeader('deductions', 'deduction_id,kind,kind,category,currency,amount,notes');
    expect(result).toEqual({
      problems: [
        { line: 1, column: 'kind', message: 'column "kind" appears twice in the header' },
        { line: 1, column: 'notes', message: expect.stringMatching(/^unknown column "notes" for a deductions package/) },
        { line: 1, column: 'description', message: 'missing column "description"' },
      ],
    });
  });
});
