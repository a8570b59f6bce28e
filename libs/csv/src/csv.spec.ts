import { describe, expect, it } from '@jest/globals';
import { csvCell, csvDocument, csvField, looksLikeFormula } from './csv.js';

describe('csvCell: RFC 4180 and the formula-injection guard (OWASP)', () => {
  it('guards every text a spreadsheet would run as a formula, quoting it', () => {
    expect(csvCell('=1+1')).toBe(`"'=1+1"`);
    expect(csvCell('+1+1')).toBe(`"'+1+1"`);
    expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvCell('\t=1')).toBe(`"'\t=1"`);
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    expect(csvCell('-cmd')).toBe(`"'-cmd"`);
    expect(csvCell('＝1+1')).toBe(`"'＝1+1"`);
    expect(csvCell('＠SUM(A1)')).toBe(`"'＠SUM(A1)"`);
  });

  it('guards a minus and a digit followed by anything but a plain decimal (the hole of issue 13)', () => {
    expect(csvCell(`-1+cmd|' /C calc'!A0`)).toBe(`"'-1+cmd|' /C calc'!A0"`);
    expect(csvCell('-2-3')).toBe(`"'-2-3"`);
    expect(csvCell('-1.5e3')).toBe(`"'-1.5e3"`);
    expect(csvCell('- 1')).toBe(`"'- 1"`);
    expect(csvCell('-1,5')).toBe(`"'-1,5"`);
    expect(csvCell('+12')).toBe(`"'+12"`);
  });

  it('writes plain decimals, negative ones included, as numbers', () => {
    expect(csvCell('-12.50')).toBe('-12.50');
    expect(csvCell('-0.00000001')).toBe('-0.00000001');
    expect(csvCell('0')).toBe('0');
    expect(csvCell('1234567890.12')).toBe('1234567890.12');
    expect(csvCell(-7)).toBe('-7');
    expect(csvCell(7)).toBe('7');
    expect(looksLikeFormula('-12.50')).toBe(false);
  });

  it('quotes commas, quotes and line breaks, leaves the rest alone', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('a\nb')).toBe('"a\nb"');
    expect(csvCell('2025-01-01')).toBe('2025-01-01');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvField('=1+1')).toBe('=1+1');
  });

  it('writes a document with CRLF line ends', () => {
    expect(csvDocument([['a', 'b'], ['=x', '-1.5']])).toBe(`a,b\r\n"'=x",-1.5\r\n`);
  });
});
