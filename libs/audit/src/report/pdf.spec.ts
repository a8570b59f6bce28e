import { describe, expect, it } from '@jest/globals';
import { renderPdf } from './pdf.js';
import { EVIDENCE_LIMIT } from './report.js';
import { overlappingRuns, pdfLines, pdfRuns, pdfText } from './test-support/pdf-text.js';
import { sampleReport } from './test-support/sample-report.js';
import { englishWords } from './test-support/untranslated.js';

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
    // Amounts with the currency's minor units and thousands grouped; dates as the language writes them.
    const shown = ['12,483,676.83', '1,483,676.83', '483,676.83', '0.00', '1,211,483.50', '8,483,676.83', '7,483,676.83', '1,000,000.00', '-0.01'];
    for (const value of [...shown, '411,125.31', 'DL-2025Q1-00002', '1\u00a0Dec\u00a02025']) expect(lines).toContain(value);
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
    expect(text).toContain(`unpaid lines (the first ${EVIDENCE_LIMIT} shown, as examples; the list stops there and the totals count every one)`);
    expect(text).toContain('other lines (1)');
    // Where the rest is: these examples name no package, so the JSON report.
    expect(text).toContain('The JSON report (GET /v1/audits/{id}/report.json) holds the same examples');
  });

  it('says how many a cut list stands for when the rule counted them: "20 of N shown"', async () => {
    const report = sampleReport();
    const line = (i: number) => ({ period: '2025Q1', lineNo: i, net: '1', submissionId: '11111111-1111-4111-8111-111111111111' });
    report.findings[1]!.evidence = { unpaidLines: Array.from({ length: EVIDENCE_LIMIT }, (_, i) => line(i)), unpaidLinesTotal: 1234 };
    const text = pdfText(await renderPdf(report, 'f'.repeat(64)));
    expect(text).toContain(`unpaid lines (${EVIDENCE_LIMIT} of 1,234 shown: the first, as examples; the totals count every one)`);
    expect(text).not.toContain('unpaid lines total'); // said with the list, not as a value of its own
    expect(text).toContain('every line of the packages named is listed, with its filters, at GET /v1/submissions/{submissionId}/lines');
    const ru = pdfText(await renderPdf(report, 'f'.repeat(64), { lang: 'ru' }));
    expect(ru).toContain(`показано ${EVIDENCE_LIMIT} из 1\u00a0234: первые, как примеры; итоги учитывают все`);
  });
});

describe('the PDF report in Russian', () => {
  it('translates every text of its own, and writes amounts and dates the Russian way', async () => {
    const report = sampleReport();
    report.findings[1]!.evidence = {
      ...report.findings[1]!.evidence,
      unpaidLines: Array.from({ length: EVIDENCE_LIMIT }, (_, i) => ({ period: '2025Q1', lineNo: i, lineId: `L-${i}`, rightsHolderName: 'Иванова, Мария', status: 'unpaid', basis: 'contractual', gross: '483676.8', net: '401451.7', paidOn: null, submissionId: '11111111-1111-4111-8111-111111111111' })),
      unpaidLinesTotal: 24,
    };
    const missing: string[] = [];
    const pdf = await renderPdf(report, 'f'.repeat(64), { lang: 'ru', onMissing: (m) => missing.push(m) });
    expect([...new Set(missing)]).toEqual([]);
    const text = pdfText(pdf).replace(/ \n/g, ' ').replace(/-\n/g, '-'); // wrapped lines: at a space, or after a hyphen
    expect(text).toContain('ОТЧЁТ ОБ АУДИТЕ');
    expect(text).toContain('Распределение в течение 9 месяцев после конца финансового года'); // a rule's title
    expect(text).toContain('показано 20 из 24');
    // The details stay as the report holds them (English), said once; nothing else is left in English.
    const details = report.findings.map((f) => f.details);
    let rest = text;
    for (const d of details) rest = rest.split(d.replace(/^=/, "'=")).join(' ').split(d).join(' ');
    expect(englishWords(rest, ['Test'])).toEqual([]); // 'Test': the society's name
    // No amount or date split across lines, amounts with minor units and Russian separators.
    const lines = pdfLines(pdf);
    expect(lines).toContain('483\u00a0676,80');
    expect(lines).toContain('401\u00a0451,70');
    expect(lines).toContain('1\u00a0000,00'); // the money flow's collected, in RUB
    expect(lines.some((l) => /^\d{1,3}(\u00a0\d{3})*$/.test(l.trim()) && l.trim().length < 4 && /,\d{2}$/.test(l))).toBe(false);
    expect(overlappingRuns(pdfRuns(pdf))).toEqual([]);
    expect(pdf.toString('latin1')).toContain('/Lang (ru)');
  });
});
