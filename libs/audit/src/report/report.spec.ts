import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseCanonicalJson } from '../../../merkle/src/index.js';
import { findingsCsv, csvCell } from './csv.js';
import { pinnedAtOf, reportBytes, sha256Hex, summarize } from './report.js';
import { sampleReport } from './test-support/sample-report.js';

/** The same object with its keys inserted in another order, recursively. */
function shuffled(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((v) => shuffled(v, seed + 1));
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  const order = keys.map((k, i) => ({ k, r: (i * 7919 + seed * 104729) % 997 })).sort((a, b) => a.r - b.r);
  return Object.fromEntries(order.map(({ k }) => [k, shuffled((value as Record<string, unknown>)[k], seed + 3)]));
}

describe('the report bytes', () => {
  it('are canonical JSON whatever order the keys were built in (a report read back from jsonb hashes the same)', () => {
    const report = sampleReport();
    const bytes = reportBytes(report);
    expect(parseCanonicalJson(bytes.toString('utf8'))).toEqual(JSON.parse(bytes.toString('utf8')));
    fc.assert(
      fc.property(fc.nat(), (seed) => {
        expect(sha256Hex(reportBytes(shuffled(report, seed) as typeof report))).toBe(sha256Hex(bytes));
      }),
      { numRuns: 50 },
    );
  });

  it('change when any finding changes', () => {
    const report = sampleReport();
    const other = sampleReport();
    other.findings[1]!.evidence = { ...other.findings[1]!.evidence, differences: [] };
    expect(sha256Hex(reportBytes(other))).not.toBe(sha256Hex(reportBytes(report)));
  });

  it('summarise the failures by severity and take the latest head as the pin', () => {
    expect(summarize(sampleReport().findings)).toEqual({ rules: 3, passed: 1, failed: 2, failedBySeverity: { high: 1, medium: 1, low: 0 } });
    const head = sampleReport().head;
    expect(pinnedAtOf([head, { ...head, timestamp: '2026-02-01T00:00:00.000Z' }, { ...head, timestamp: null }])).toBe('2026-02-01T00:00:00.000Z');
    expect(pinnedAtOf([{ ...head, timestamp: null }])).toBeNull();
  });
});

describe('the findings CSV', () => {
  it('has a header and one row per finding, quoting what needs quoting', () => {
    const lines = findingsCsv(sampleReport()).split('\r\n');
    expect(lines[0]).toBe('society_cisac,financial_year,rule,title,source,severity,result,details,parameters,evidence');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/^901,2025,payout\.distribution-deadline,Distribution within 9 months of the financial year end,Directive 2014\/26\/EU Art\. 13\(1\),high,pass,/);
    expect(lines[2]).toContain('"performing: RUB 10 collected and not accounted for, ""quoted"", with a comma."');
    expect(lines[2]).toContain(',"{""tolerance"":""0""}",');
  });

  it('keeps a spreadsheet from reading a cell as a formula', () => {
    expect(csvCell('=1+1')).toBe(`"'=1+1"`);
    expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvCell('-12.5')).toBe('-12.5');
    // issue 13: a minus and a digit let the rest through.
    expect(csvCell(`-1+cmd|' /C calc'!A0`)).toBe(`"'-1+cmd|' /C calc'!A0"`);
    expect(csvCell('plain')).toBe('plain');
    expect(findingsCsv(sampleReport()).split('\r\n')[3]).toContain(`"'=publishers hold 1 seat`);
  });
});
