import { describe, expect, it } from '@jest/globals';
import { buildReport } from './report.js';
import { transparencyPdf } from './report-pdf.js';
import { emptyInput, sampleInput } from './test-support/sample-input.js';

describe('the transparency report as PDF', () => {
  it('is the same bytes for the same report, dated by its signed head', async () => {
    const a = await transparencyPdf(buildReport(sampleInput()), 'f'.repeat(64));
    const b = await transparencyPdf(buildReport(sampleInput()), 'f'.repeat(64));
    expect(a.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(a.equals(b)).toBe(true);
    const text = a.toString('latin1');
    expect(text).toContain('(D:20250701090005Z)');
    expect(text).toContain(`(Transparency report ${'f'.repeat(64)})`);
    expect(text).toContain('(Transparency report of Obshchestvo avtorov, financial year 2025)');
  });

  it('changes with the report', async () => {
    const base = await transparencyPdf(buildReport(sampleInput()), 'f'.repeat(64));
    const other = await transparencyPdf(buildReport(sampleInput({ quarters: ['2025Q1'] })), 'f'.repeat(64));
    expect(other.equals(base)).toBe(false);
  });

  it('renders the report of an empty log, dated at the start of the financial year', async () => {
    const empty = buildReport(emptyInput());
    const pdf = await transparencyPdf(empty, '0'.repeat(64));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('(D:20250101000000Z)');
  });
});
