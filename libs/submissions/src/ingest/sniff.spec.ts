import { describe, expect, it } from '@jest/globals';
import { printable, printableProblem, sniffPackage } from './sniff.js';

describe('printable: text a problem quotes, storable in jsonb', () => {
  it('names control characters, keeps tabs, newlines and every script', () => {
    expect(printable('a\u0000b\u0007c\td\ne Пётр 😀')).toBe('aU+0000bU+0007c\td\ne Пётр 😀');
  });

  it('replaces half of a surrogate pair (JSON.parse cuts a character in two) with U+FFFD', () => {
    const cut = '😀'.slice(0, 1);
    expect(printable(`x${cut}y`)).toBe('x\uFFFDy');
    expect(printable(`${'😀'.slice(1)}z`)).toBe('\uFFFDz');
    expect(() => JSON.parse(JSON.stringify(printable(cut)))).not.toThrow();
    expect(printableProblem({ line: 2, column: `a${cut}`, message: `m\u0000${cut}` })).toEqual({ line: 2, column: 'a\uFFFD', message: 'mU+0000\uFFFD' });
  });
});

describe('sniffPackage: what a package is before it is read as UTF-8', () => {
  const csv = 'line_id,amount\nL1,1.00\n';
  it('lets UTF-8 text through', () => expect(sniffPackage(Buffer.from(csv))).toBeNull());
  it.each([
    ['gzip', Buffer.from([0x1f, 0x8b, 8, 0]), /gzip-compressed/],
    ['zip', Buffer.from('PK\u0003\u0004abc', 'latin1'), /ZIP archive/],
    ['UTF-16 LE BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')]), /UTF-16 \(little-endian\)/],
    ['UTF-16 BE BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(csv, 'utf16le').swap16()]), /UTF-16 \(big-endian\)/],
    ['UTF-32 LE BOM', Buffer.from([0xff, 0xfe, 0, 0, 0x6c, 0, 0, 0]), /UTF-32/],
    ['UTF-16 LE without BOM', Buffer.from(csv, 'utf16le'), /without a byte-order mark/],
    ['UTF-16 BE without BOM', Buffer.from(csv, 'utf16le').swap16(), /big-endian\) text without a byte-order mark/],
    ['a NUL in the header', Buffer.from('line_id,am\u0000ount\nL1,1\n'), /NUL byte \(U\+0000\) at character 11/],
  ])('names %s as line 1', (_name, bytes, message) => {
    expect(sniffPackage(bytes)).toEqual({ line: 1, message: expect.stringMatching(message) });
  });
  it('leaves a NUL after the first line to COPY, which names its line', () => expect(sniffPackage(Buffer.from(`${csv}L2,\u00001\n`))).toBeNull());
});
