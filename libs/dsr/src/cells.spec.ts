import { cellValues, escapeValue, splitCells, splitValues, unescapeValue } from './cells.js';
import { ExactSum, divideHalfEven, sameValue } from './exact.js';

describe('DSR cells: tabs, multi-values and the escape character (DSR Part 1 §7.3)', () => {
  it('splits on tabs and keeps empty cells, trailing ones included', () => {
    expect(splitCells('SU02\t1\t\tS1\t\t')).toEqual(['SU02', '1', '', 'S1', '', '']);
  });

  it('does not split on an escaped tab, and resolves it to a tab', () => {
    const cells = splitCells('AS01\tA\\\tB\tC');
    expect(cells).toEqual(['AS01', 'A\\\tB', 'C']);
    expect(unescapeValue(cells[1]!).value).toBe('A\tB');
  });

  it('reads \\\\| as a literal pipe (the standard) and \\| too (the reference library and its test data)', () => {
    expect(unescapeValue('A\\\\|B', true)).toEqual({ value: 'A|B', problem: null });
    expect(unescapeValue('A\\|B', true)).toEqual({ value: 'A|B', problem: null });
  });

  it('reads three backslashes as one literal backslash', () => {
    expect(unescapeValue('A\\\\\\B')).toEqual({ value: 'A\\B', problem: null });
    // a literal backslash followed by an escaped pipe
    expect(unescapeValue('A\\\\\\\\\\|B', true).value).toBe('A\\|B');
  });

  it('reports an unescaped pipe in a single-value cell and a backslash escaping nothing', () => {
    expect(unescapeValue('Lennon|McCartney', true).problem).toMatch(/single-value cell must be escaped/);
    const stray = unescapeValue('A\\B');
    expect(stray.value).toBe('A\\B');
    expect(stray.problem).toMatch(/escaping nothing/);
  });

  it('splits multi-value cells on unescaped pipes only', () => {
    expect(splitValues('Roma Ryan|Tom Whalley|Enya')).toEqual(['Roma Ryan', 'Tom Whalley', 'Enya']);
    expect(cellValues('AC\\\\|DC|Queen')).toEqual(['AC|DC', 'Queen']);
    expect(cellValues('')).toEqual([]);
    expect(cellValues('ISNI::0000000109201181||')).toEqual(['ISNI::0000000109201181', '', '']);
  });

  it('escapeValue and unescapeValue round-trip', () => {
    for (const v of ['plain', 'a|b', 'tab\there', 'back\\slash', '\\|\t\\\\', 'Lët Më Gët']) {
      const escaped = escapeValue(v);
      expect(splitCells(`X\t${escaped}\tY`)).toHaveLength(3);
      expect(cellValues(escaped)).toEqual([v]);
      expect(unescapeValue(escaped, true)).toEqual({ value: v, problem: null });
    }
  });
});

describe('exact sums', () => {
  it('adds decimal strings exactly, past 2^53 and with mixed scales', () => {
    const s = new ExactSum();
    for (const v of ['0.1', '0.2', '9007199254740991', '2', '-0.30']) s.add(v);
    expect(s.toText()).toBe('9007199254740993.00');
    expect(s.count).toBe(5);
    expect(s.toDecimal().toFixed()).toBe('9007199254740993');
  });

  it('compares by value and divides half-even', () => {
    expect(sameValue('1.50', '1.5')).toBe(true);
    expect(sameValue('1.50', '1.51')).toBe(false);
    expect(divideHalfEven(5n, 2n)).toBe(2n);
    expect(divideHalfEven(7n, 2n)).toBe(4n);
    expect(divideHalfEven(-7n, 2n)).toBe(-4n);
    expect(divideHalfEven(10n, 3n)).toBe(3n);
  });
});
