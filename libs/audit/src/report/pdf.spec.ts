import { describe, expect, it } from '@jest/globals';
import { renderPdf } from './pdf.js';
import { EVIDENCE_LIMIT } from './report.js';
import { overlappingRuns, pdfLines, pdfRuns, pdfText } from './test-support/pdf-text.js';
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

  it('prints Cyrillic, Greek and accented Latin as written, as text a reader can copy and search', async () => {
    const report = sampleReport({ society: { ...sampleReport().society, name: 'Пётр Ильич Чайковский' } });
    report.findings[2]!.evidence = { constituencies: [{ constituency: 'Ελληνικά συγγραφείς', sharePercent: '20.000000', entitledSeats: 1, actualSeats: 3, gap: 2 }, { constituency: 'Sainte-Laguë, café', sharePercent: '80.000000', entitledSeats: 5, actualSeats: 1, gap: -4 }] };
    const pdf = await renderPdf(report, 'f'.repeat(64));
    const text = pdfText(pdf);
    expect(text).toContain('Пётр Ильич Чайковский'); // the heading and every page's footer
    expect(text.match(/Пётр Ильич Чайковский/g)!.length).toBeGreaterThanOrEqual(4);
    expect(text).toContain('Ελληνικά συγγραφείς');
    expect(text).toContain('Sainte-Laguë, café');
    expect(text).not.toMatch(/Petr|Ilich|\?\?/);
    // The fonts are embedded subsets of DejaVu Sans with a ToUnicode map, no standard font.
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/FontName \/[A-Z]{6}\+DejaVuSans\b/);
    expect(raw).toContain('/ToUnicode');
    expect(raw).not.toMatch(/\/BaseFont \/Helvetica/);
  });

  it('keeps every value whole on one line, however many columns a table has', async () => {
    const report = sampleReport();
    const amounts = ['12483676.83', '1483676.83', '483676.83', '0.00', '1211483.50', '483676.83', '8483676.83', '7483676.83', '1000000.00', '-0.01'];
    const keys = ['collected', 'management', 'socialCultural', 'otherDeductions', 'toOtherSocieties', 'undistributed', 'distributed', 'paid', 'outstanding', 'difference'];
    report.findings[1]!.evidence = {
      moneyFlow: [{ currency: 'RUB', ...Object.fromEntries(keys.map((k, i) => [k, amounts[i]])) }],
      lines: Array.from({ length: 3 }, (_, i) => ({ period: '2025Q1', lineNo: 1000 + i, lineId: `DL-2025Q1-0000${i}`, rightsHolderName: 'Пётр Ильич Чайковский', gross: '483676.83', net: '411125.31', paidOn: '2025-12-01', status: 'paid' })),
    };
    const pdf = await renderPdf(report, 'f'.repeat(64));
    expect(overlappingRuns(pdfRuns(pdf))).toEqual([]);
    const lines = pdfLines(pdf);
    for (const value of [...amounts, '411125.31', 'DL-2025Q1-00002', '2025-12-01']) expect(lines).toContain(value);
    // Headers break between words only: "toOtherSocieties" is shown as "to other societies".
    expect(lines.some((l) => /^(to other )?societies$/.test(l.trim()))).toBe(true);
  });

  it("sets a rule's source below its title when the title takes two lines", async () => {
    const report = sampleReport();
    const long = 'Share paid to foreign rights holders and societies, without discrimination, twice over';
    report.findings[0]!.title = long;
    const runs = pdfRuns(await renderPdf(report, 'f'.repeat(64)));
    const title = runs.filter((r) => r.size === 11 && r.text.trim() !== '' && long.includes(r.text.trim()));
    const source = runs.find((r) => r.text.startsWith('payout.distribution-deadline · '))!;
    expect(title.length).toBe(2);
    expect(source.y).toBeLessThan(title[1]!.y - 8); // PDF y grows upwards: the source is drawn lower, clear of the title
    expect(overlappingRuns(runs)).toEqual([]);
  });

  it('says when a list of examples was cut at the evidence limit', async () => {
    const report = sampleReport();
    const line = (i: number) => ({ period: '2025Q1', lineNo: i, net: '1' });
    report.findings[1]!.evidence = { unpaidLines: Array.from({ length: EVIDENCE_LIMIT }, (_, i) => line(i)), otherLines: [line(1)] };
    const text = pdfText(await renderPdf(report, 'f'.repeat(64)));
    expect(text).toContain(`unpaidLines (${EVIDENCE_LIMIT}: the first ${EVIDENCE_LIMIT}, as examples; the totals count every line)`);
    expect(text).toContain('otherLines (1)');
  });
});
