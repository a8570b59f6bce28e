import * as fs from 'node:fs';
import { describe, expect, it, jest } from '@jest/globals';
import { overlappingRuns, pdfLines, pdfRuns, pdfText } from '../../audit/src/report/test-support/pdf-text.js';
import { englishWords } from '../../audit/src/report/test-support/untranslated.js';
import type { StatementCorrections } from './corrections.js';
import type { Statement } from './statement.js';

// As the statement PDF's own spec: no system fonts.
const hidden = (path: fs.PathLike) => String(path).startsWith('/usr/share/fonts');
jest.unstable_mockModule('node:fs', () => ({
  ...fs,
  default: { ...fs, existsSync: (p: fs.PathLike) => !hidden(p) && fs.existsSync(p) },
  existsSync: (p: fs.PathLike) => !hidden(p) && fs.existsSync(p),
}));
const { statementPdf } = await import('./statement-pdf.js');
const { statementCsv } = await import('./statement-csv.js');
const { correctionText } = await import('./corrections.js');

const PACKAGE = '0b7c2a52-9d3e-4a1f-8e51-2c8b4f0e9a11';
const REPLACED = '5f0e1d2c-3b4a-4968-8776-a5b4c3d2e1f0';

const corrections = (): StatementCorrections => ({
  lines: 3,
  items: [
    {
      societyId: 's1', submissionId: PACKAGE, supersedes: REPLACED, period: '2025Q1', committedAt: '2026-01-15T09:30:00.000Z', lineId: 'RAO-2025Q1-0002', currency: 'RUB', change: 'changed',
      fields: { gross: { from: '1000', to: '1200' }, managementFee: { from: '150', to: '180' }, net: { from: '850', to: '1020' }, status: { from: 'unpaid', to: 'paid' }, paidOn: { from: null, to: '2025-03-30' } },
    },
    { societyId: 's1', submissionId: PACKAGE, supersedes: REPLACED, period: '2025Q1', committedAt: '2026-01-15T09:30:00.000Z', lineId: 'RAO-2025Q1-0007', currency: 'RUB', change: 'removed', fields: { gross: { from: '300', to: null }, net: { from: '255', to: null } } },
  ],
});

const statement = (): Statement => ({
  rightsHolderId: 'h1', rightsHolderName: 'Иванова, Мария', rightsHolderIpi: '00052210040', year: 2025, currency: 'RUB', rates: [],
  corrections: corrections(),
  totals: { revenueAttributed: '1200.00', managementFees: '180.00', otherDeductions: '0.00', paid: '1020.00', outstanding: '0.00', lines: 1 },
  societies: [{
    societyId: 's1', societyName: 'Российское авторское общество (демо)', contact: null, revenueAttributed: '1200.00', paid: [], paidTotal: '1020.00', managementFees: '180.00', otherDeductions: '0.00', outstanding: '0.00',
    periodOfUse: { from: '2025-01-01', to: '2025-03-31' }, lines: 1, rates: [],
    byUse: [{ category: 'performing', useType: 'radio', revenueAttributed: '1200.00', managementFees: '180.00', otherDeductions: '0.00', paid: '1020.00', outstanding: '0.00', lines: 1 }],
    mandates: [], nonContractual: { amount: '0.00', lines: 0 }, verifiedNonContractual: { amount: '0.00', lines: 0 }, head: null,
    overdue: { amount: '0.00', lines: 0, oldestDeadline: null, maxOverdueDays: null },
  }],
  asOf: '2026-12-07', overdue: { amount: '0.00', lines: 0, oldestDeadline: null, maxOverdueDays: null }, staleRates: { maxAgeDays: 7, rates: [] },
});

describe("corrections on a holder's statement (issue 17 item 4)", () => {
  it('says a correction in words', () => {
    expect(correctionText(corrections().items[0]!)).toBe('gross 1000 → 1200, managementFee 150 → 180, net 850 → 1020, status unpaid → paid, paidOn — → 2025-03-30');
    expect(correctionText(corrections().items[1]!)).toBe('gross 300 → —, net 255 → —');
  });

  it("lists them in the CSV on the society's rows", () => {
    const [header, row] = statementCsv(statement()).split('\r\n');
    expect(header!.split(',').at(-1)).toBe('corrections');
    expect(row!.endsWith(`,"RAO-2025Q1-0002 changed by package ${PACKAGE} (2025Q1, RUB): gross 1000 → 1200, managementFee 150 → 180, net 850 → 1020, status unpaid → paid, paidOn — → 2025-03-30; RAO-2025Q1-0007 removed by package ${PACKAGE} (2025Q1, RUB): gross 300 → —, net 255 → —"`)).toBe(true);
  });

  it('prints them in the PDF: each line, its package and what changed, from → to', async () => {
    const text = pdfText(await statementPdf(statement(), { linesUrl: '/v1/x' })).replace(/ \n/g, ' ').replace(/-\n/g, '-');
    expect(text).toContain('Corrections: 3 lines changed by a later package');
    expect(text).toContain('gross 1,000.00\u00a0RUB → 1,200.00\u00a0RUB\nmanagement fee 150.00\u00a0RUB → 180.00\u00a0RUB\nnet 850.00\u00a0RUB → 1,020.00\u00a0RUB\nstatus unpaid → paid\npaid on — → 30\u00a0Mar\u00a02025');
    expect(text).toContain('RAO-2025Q1-0007\n(removed)');
    expect(text).toContain('The first 2 of 3 are listed');
  });

  it('prints them in Russian with every text translated', async () => {
    const missing: string[] = [];
    const pdf = await statementPdf(statement(), { linesUrl: '/v1/x', lang: 'ru', onMissing: (m) => missing.push(m) });
    expect([...new Set(missing)]).toEqual([]);
    const text = pdfText(pdf).replace(/ \n/g, ' ').replace(/-\n/g, '-');
    expect(text).toContain('Исправления: 3 строки изменены более поздним пакетом');
    expect(text).toContain('брутто 1\u00a0000,00\u00a0RUB → 1\u00a0200,00\u00a0RUB');
    // No amount is broken from its currency across lines.
    expect(pdfLines(pdf).filter((l) => /^\s*RUB[;,]/.test(l))).toEqual([]);
    expect(englishWords(text)).toEqual([]);
    expect(overlappingRuns(pdfRuns(pdf))).toEqual([]);
    expect(pdfLines(pdf).some((l) => l.includes('RAO-2025Q1-0002'))).toBe(true);
  });
});
