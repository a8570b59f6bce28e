import { describe, expect, it } from '@jest/globals';
import { ERROR_LIMIT, mergeProblems, type ProblemRow, validationSlices } from './ingest-sql.js';

describe('validationSlices', () => {
  it('covers the staged lines 2 … rows + 1 without gaps or overlaps, duplicates in exactly one slice', () => {
    for (const [rows, parts] of [
      [1, 1],
      [1, 2],
      [2, 2],
      [7, 2],
      [1_000_000, 2],
      [10, 3],
    ]) {
      const slices = validationSlices(2, rows + 1, parts);
      expect(slices[0].from).toBe(2);
      expect(slices[slices.length - 1].to).toBe(rows + 1);
      for (let i = 1; i < slices.length; i++) expect(slices[i].from).toBe(slices[i - 1].to + 1);
      for (const s of slices) expect(s.to).toBeGreaterThanOrEqual(s.from);
      expect(slices.filter((s) => s.duplicates)).toHaveLength(1);
    }
    expect(() => validationSlices(2, 1, 2)).toThrow(RangeError);
    expect(() => validationSlices(2, 6, 0)).toThrow(RangeError);
  });

  it('covers a range of given line numbers (JSON Lines: from line 1, with gaps) in the same way', () => {
    expect(validationSlices(1, 10, 2)).toEqual([
      { from: 1, to: 5, duplicates: true },
      { from: 6, to: 10, duplicates: false },
    ]);
    expect(validationSlices(7, 7, 2)).toEqual([{ from: 7, to: 7, duplicates: true }]);
  });
});

describe('mergeProblems', () => {
  const p = (line: number, column: string, k: number, total: number): ProblemRow => ({ line, column, message: `${line} ${column}`, k, total: String(total) });

  it('orders by line, column (code points) and check, and sums the slices’ totals', () => {
    const merged = mergeProblems([
      [p(2, 'net', 15, 3), p(2, 'net', 19, 3), p(9, 'line_id', 19, 3)],
      [],
      [p(3, 'use_to', 9, 2), p(3, 'use_from', 9, 2)],
    ]);
    expect(merged.total).toBe(5);
    expect(merged.problems.map((x) => `${x.line}:${x.column}:${x.k}`)).toEqual(['2:net:15', '2:net:19', '3:use_from:9', '3:use_to:9', '9:line_id:19']);
  });

  it('keeps the first ERROR_LIMIT problems over all slices', () => {
    const a = Array.from({ length: ERROR_LIMIT }, (_, i) => p(2 + 2 * i, 'net', 1, 5000));
    const b = Array.from({ length: ERROR_LIMIT }, (_, i) => p(3 + 2 * i, 'net', 1, 7000));
    const merged = mergeProblems([a, b]);
    expect(merged.total).toBe(12000);
    expect(merged.problems).toHaveLength(ERROR_LIMIT);
    expect(merged.problems[0].line).toBe(2);
    expect(merged.problems[ERROR_LIMIT - 1].line).toBe(ERROR_LIMIT + 1);
  });
});
