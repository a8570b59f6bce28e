import { describe, expect, it } from '@jest/globals';
import { uploadedFileName } from './format.js';

describe('the name an uploaded package is kept under', () => {
  it('keeps the last path segment, printable, at most 255 characters', () => {
    expect(uploadedFileName('q1.csv')).toBe('q1.csv');
    expect(uploadedFileName('C:\\Users\\clerk\\выплаты Q1.csv')).toBe('выплаты Q1.csv');
    expect(uploadedFileName('../../etc/passwd')).toBe('passwd');
    expect(uploadedFileName('a\u202Evsc.csv\u0000\r\n')).toBe('avsc.csv');
    expect(uploadedFileName('я'.repeat(300))).toBe('я'.repeat(255));
    expect([...uploadedFileName('😀'.repeat(300))!]).toHaveLength(255);
  });

  it('is null when nothing printable is left', () => {
    expect(uploadedFileName(undefined)).toBeNull();
    expect(uploadedFileName('')).toBeNull();
    expect(uploadedFileName('dir/')).toBeNull();
    expect(uploadedFileName('..')).toBeNull();
    expect(uploadedFileName('\u200B\u0007')).toBeNull();
  });
});
