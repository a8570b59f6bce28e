import { describe, expect, it } from '@jest/globals';
import { buildReport } from './report.js';
import { transparencyPdf } from './report-pdf.js';
import { overlappingRuns, pdfLines, pdfRuns, pdfText } from '../../audit/src/report/test-support/pdf-text.js';
import { emptyInput, sampleInput } from './test-support/sample-input.js';
import { englishWords } from '../../audit/src/report/test-support/untranslated.js';

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
    for (const amount of ['12,483,676.83', '10,483,676.83', '9,483,676.83', '1,000,000.00', '483,676.83']) expect(lines).toContain(amount);
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

describe('the transparency report as PDF in Russian', () => {
  it('translates every text of its own, writes amounts with minor units and Russian separators, none split', async () => {
    const missing: string[] = [];
    const report = buildReport(sampleInput());
    const pdf = await transparencyPdf(report, 'f'.repeat(64), { lang: 'ru', onMissing: (m) => missing.push(m) });
    expect([...new Set(missing)]).toEqual([]);
    const text = pdfText(pdf).replace(/ \n/g, ' ').replace(/-\n/g, '-');
    expect(text).toContain('ЕЖЕГОДНЫЙ ОТЧЁТ О ПРОЗРАЧНОСТИ');
    expect(text).toContain('1. Доходы от прав по категориям прав и видам использования');
    // Names and free text the packages give stay as written (the deduction's description, the
    // decided use); the rest is Russian.
    const given = [...report.socialCultural.lines.map((l) => l.description), ...report.undistributed.items.flatMap((i) => [i.reason, i.decidedUse ?? '']), ...report.governance.board.members.map((m) => m.name)];
    let rest = text;
    for (const g of given.filter(Boolean)) rest = rest.split(g.replace(/^=/, "'=")).join(' ').split(g).join(' ');
    expect(englishWords(rest)).toEqual([]);
    const lines = pdfLines(pdf);
    expect(lines).toContain('300,50'); // "300.5" RUB: the currency's minor units, never "300,5"
    expect(lines).not.toContain('300,5');
    expect(lines).toContain('1\u00a0000,50'); // revenue total of RUB: 300.5 + 700
    expect(overlappingRuns(pdfRuns(pdf))).toEqual([]);
    expect(pdf.toString('latin1')).toContain('/Lang (ru)');
  });

  it('writes "55,214.10", never "55214.1", in English', async () => {
    const report = buildReport(sampleInput());
    const uses = report.rightsHolders.byCategoryAndUse.map((u) => ({ ...u, unidentified: '55214.1' }));
    const lines = pdfLines(await transparencyPdf({ ...report, rightsHolders: { ...report.rightsHolders, byCategoryAndUse: uses } }, 'f'.repeat(64)));
    expect(lines).toContain('55,214.10');
    expect(lines.some((l) => /\b55214\.1\b|55,214\.1(?!0)/.test(l))).toBe(false);
  });
});
