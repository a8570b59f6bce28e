import { describe, expect, it } from '@jest/globals';
import { pdfSafe, renderPdf } from './pdf.js';
import { sampleReport } from './test-support/sample-report.js';

describe('the PDF report', () => {
  it('is the same bytes for the same report, dated by its pinned head', async () => {
    const a = await renderPdf(sampleReport(), 'f'.repeat(64));
    const b = await renderPdf(sampleReport(), 'f'.repeat(64));
    expect(a.subarray(0, 5).toString()).toBe('%PDF-');
    expect(a.equals(b)).toBe(true);
    const text = a.toString('latin1');
    expect(text).toContain('(D:20260131120000Z)'); // CreationDate and ModDate: the pinned head's time
    expect(text).toContain(`(Audit report ${'f'.repeat(64)})`);
  });

  it('changes with the report and with its hash', async () => {
    const base = await renderPdf(sampleReport(), 'f'.repeat(64));
    expect((await renderPdf(sampleReport(), 'e'.repeat(64))).equals(base)).toBe(false);
    expect((await renderPdf(sampleReport({ asOf: '2026-02-01' }), 'f'.repeat(64))).equals(base)).toBe(false);
  });

  it('renders a report without charts data, and one of an empty log', async () => {
    const report = sampleReport();
    const empty = { ...report, findings: [], rules: [], summary: { rules: 0, passed: 0, failed: 0, failedBySeverity: { high: 0, medium: 0, low: 0 } }, pinnedAt: null, asOf: null, head: { ...report.head, treeSize: 0, rootHash: null, timestamp: null } };
    const pdf = await renderPdf(empty, '0'.repeat(64));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('(D:20250101000000Z)'); // no head: the start of the financial year
  });

  it('writes what Helvetica cannot show: Cyrillic transliterated, other scripts as "?"', () => {
    expect(pdfSafe('Общество «Ёлка» – №1 日本')).toBe('Obshchestvo «Elka» – ?1 ??');
    expect(pdfSafe('Sainte-Laguë, café')).toBe('Sainte-Laguë, café');
  });
});
