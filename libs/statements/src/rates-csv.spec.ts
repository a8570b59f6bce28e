import { describe, expect, it } from '@jest/globals';
import { explainRate, parseRatesCsv } from './rates-csv.js';

describe('parseRatesCsv', () => {
  it('reads rates in any column order, with a BOM, CRLF and quotes', () => {
    const parsed = parseRatesCsv('\uFEFFcurrency,rate_to_eur,date\r\nRUB,0.0105,2025-03-31\r\n"SEK","0.0921",2025-03-31\r\n\r\n');
    expect(parsed).toEqual({
      ok: true,
      rows: [
        { line: 2, date: '2025-03-31', currency: 'RUB', rateToEur: '0.0105' },
        { line: 3, date: '2025-03-31', currency: 'SEK', rateToEur: '0.0921' },
      ],
    });
  });

  it('accepts EUR only at 1 and does not keep it', () => {
    expect(parseRatesCsv('date,currency,rate_to_eur\n2025-01-01,EUR,1.000\n')).toEqual({ ok: true, rows: [] });
    expect(parseRatesCsv('date,currency,rate_to_eur\n2025-01-01,EUR,1.1\n')).toEqual({
      ok: false,
      problems: [{ line: 2, column: 'rate_to_eur', message: 'EUR is the reference currency: its rate is 1 (got 1.1)' }],
    });
  });

  it('names the line and column of every bad cell', () => {
    const parsed = parseRatesCsv(
      ['date,currency,rate_to_eur', '2025-02-30,RUB,0.01', '2025-03-01,RUR,0.01', '2025-03-01,sek,0.01', '2025-03-01,USD,0', '2025-03-01,GBP,-1', '2025-03-01,CHF,1e-3', '2025-03-01,JPY,abc', '2025-03-01,NOK', '20250301,DKK,0.13'].join('\n'),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems.map((p) => [p.line, p.column ?? null])).toEqual([
      [2, 'date'],
      [3, 'currency'],
      [4, 'currency'],
      [5, 'rate_to_eur'],
      [6, 'rate_to_eur'],
      [7, 'rate_to_eur'],
      [8, 'rate_to_eur'],
      [9, null],
      [10, 'date'],
    ]);
    expect(parsed.problems[0].message).toBe('2025-02-30 is not a calendar date');
    expect(parsed.problems[1].message).toMatch(/RUR.*not a current ISO 4217/);
    expect(parsed.problems[2].message).toMatch(/upper case/);
    expect(parsed.problems[3].message).toBe('rate_to_eur "0" must be greater than 0');
    expect(parsed.problems[4].message).toMatch(/must not be negative/);
    expect(parsed.problems[5].message).toMatch(/exponent/);
    expect(parsed.problems[7].message).toBe('has 2 cells; the header has 3');
  });

  it('refuses a rate given twice for a day, naming the first line', () => {
    const parsed = parseRatesCsv('date,currency,rate_to_eur\n2025-03-01,RUB,0.01\n2025-03-01,RUB,0.01\n');
    expect(parsed).toEqual({ ok: false, problems: [{ line: 3, column: 'date', message: 'RUB on 2025-03-01 is already given on line 2' }] });
  });

  it('checks the header: unknown, missing and repeated columns', () => {
    const parsed = parseRatesCsv('date,currency,rate,date\n');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toEqual([
      { line: 1, column: 'rate', message: 'unknown column "rate" (expected: date, currency, rate_to_eur)' },
      { line: 1, column: 'date', message: 'column "date" appears 2 times in the header' },
      { line: 1, column: 'rate_to_eur', message: 'missing column "rate_to_eur"' },
    ]);
    expect(parseRatesCsv('')).toMatchObject({ ok: false, problems: [{ line: 1 }] });
  });
});

describe('explainRate', () => {
  it('allows up to 10 integer and 10 fraction digits, positive', () => {
    expect(explainRate('0.0000000001')).toBeNull();
    expect(explainRate('9999999999.9999999999')).toBeNull();
    expect(explainRate('0.00000000001')).toMatch(/11 fraction digits/);
    expect(explainRate('12345678901')).toMatch(/11 integer digits/);
    expect(explainRate('0.0000')).toMatch(/greater than 0/);
  });
});
