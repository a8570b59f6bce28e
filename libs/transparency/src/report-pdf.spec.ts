import { describe, expect, it } from '@jest/globals';
import { buildReport } from './report.js';
import { transparencyPdf } from './report-pdf.js';
import { overlappingRuns, pdfLines, pdfRuns, pdfText } from '../../audit/src/report/test-support/pdf-text.js';
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
    // The title as written (UTF-16, as PDF text strings beyond Latin-1 are), not transliterated.
    const title = Buffer.from('\ufeffTransparency report of Общество авторов, financial year 2025', 'utf16le').swap16().toString('latin1');
    expect(text).toContain(`(${title.replace(/[()\\]/g, (c) => `\\${c}`)})`);
  });

  it('changes with the report', async () => {
    const base = await transparencyPdf(buildReport(sampleInput()), 'f'.repeat(64));
    const other = await transparencyPdf(buildReport(sampleInput({ quarters: ['2025Q1'] })), 'f'.repeat(64));
    expect(other.equals(base)).toBe(false);
  });

  it('prints names in Cyrillic and Greek as written, and every amount whole on one line', async () => {
    const report = buildReport(sampleInput());
    const board = report.governance.board;
    const members = [{ ...board.members[0]!, name: 'Чайковский, Пётр Ильич' }, { ...board.members[1]!, name: 'Παπαδόπουλος, Νίκος' }, ...board.members.slice(2)];
    const uses = report.rightsHolders.byCategoryAndUse.map((u) => ({ ...u, gross: '12483676.83', net: '10483676.83', paid: '9483676.83', unpaid: '1000000.00', unidentified: '483676.83' }));
    const big = { ...report, governance: { ...report.governance, board: { ...board, members } }, rightsHolders: { ...report.rightsHolders, byCategoryAndUse: uses } };
    const pdf = await transparencyPdf(big, 'f'.repeat(64));
    const text = pdfText(pdf);
    expect(text).toContain('Общество авторов'); // the heading and every page's footer
    expect(text).toContain('Чайковский, Пётр Ильич');
    expect(text).toContain('Παπαδόπουλος, Νίκος');
    expect(text).not.toMatch(/Obshchestvo|\?\?/);
    const lines = pdfLines(pdf);
    for (const amount of ['12483676.83', '10483676.83', '9483676.83', '1000000.00', '483676.83']) expect(lines).toContain(amount);
    expect(lines).toContain('Non-distributable'); // a header wider than its column asked for
    expect(overlappingRuns(pdfRuns(pdf))).toEqual([]);
  });

  it('renders the report of an empty log, dated at the start of the financial year', async () => {
    const empty = buildReport(emptyInput());
    const pdf = await transparencyPdf(empty, '0'.repeat(64));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('(D:20250101000000Z)');
  });
});
