import * as fs from 'node:fs';
import { describe, expect, it, jest } from '@jest/globals';
import { overlappingRuns, pdfLines, pdfRuns, pdfText } from '../../audit/src/report/test-support/pdf-text.js';
import type { Statement } from './statement.js';
import { englishWords } from '../../audit/src/report/test-support/untranslated.js';

// A machine without system fonts (as a slim container is): the PDF must not depend on them.
const hidden = (path: fs.PathLike) => String(path).startsWith('/usr/share/fonts');
jest.unstable_mockModule('node:fs', () => ({
  ...fs,
  default: { ...fs, existsSync: (p: fs.PathLike) => !hidden(p) && fs.existsSync(p) },
  existsSync: (p: fs.PathLike) => !hidden(p) && fs.existsSync(p),
}));
const { statementPdf } = await import('./statement-pdf.js');

describe('statementPdf, with no fonts on the system', () => {
  it('prints the holder and societies in Cyrillic and Greek as written, in the fonts it embeds', async () => {
    const s: Statement = {
      rightsHolderId: 'h1', rightsHolderName: 'Пётр Ильич Чайковский', rightsHolderIpi: '00052210040', year: 2025, currency: 'EUR', rates: [],
      totals: { revenueAttributed: '1234567890.12', managementFees: '1.50', otherDeductions: '0.50', paid: '8.00', outstanding: '0.00', lines: 1 },
      societies: [{
        societyId: 's1', societyName: 'Ελληνική Εταιρεία «Ёлка»', contact: null, revenueAttributed: '10.00', paid: [], paidTotal: '8.00', managementFees: '1.50', otherDeductions: '0.50', outstanding: '0.00',
        periodOfUse: { from: '2025-01-01', to: '2025-03-31' }, lines: 1, rates: [], byUse: [], mandates: [], nonContractual: { amount: '0.00', lines: 0 }, verifiedNonContractual: { amount: '0.00', lines: 0 }, head: null,
        overdue: { amount: '0.00', lines: 0, oldestDeadline: null, maxOverdueDays: null },
      }],
      asOf: '2026-12-07', overdue: { amount: '0.00', lines: 0, oldestDeadline: null, maxOverdueDays: null }, staleRates: { maxAgeDays: 7, rates: [] },
    };
    const pdf = await statementPdf(s, { linesUrl: '/v1/rights-holders/h1/statement/lines?year=2025&currency=EUR' });
    const text = pdfText(pdf);
    expect(pdfLines(pdf)).toContain('1,234,567,890.12'); // an amount too wide for its column at 8 pt stays whole
    expect(text).toContain('Пётр Ильич Чайковский');
    expect(text).toContain('Ελληνική Εταιρεία «Ёлка»');
    expect(text).not.toMatch(/Petr|\?\?/);
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/FontName \/[A-Z]{6}\+DejaVuSans\b/);
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Courier)/);
  });
});

describe('statementPdf', () => {
  it('renders a PDF, several pages when the statement is long', async () => {
    const society = (i: number) => ({
      societyId: `s${i}`, societyName: `Общество ${i}`, contact: null, revenueAttributed: '10.00', paid: [], paidTotal: '8.00', managementFees: '1.50',
      otherDeductions: '0.50', outstanding: '0.00', periodOfUse: { from: '2025-01-01', to: '2025-03-31' }, lines: 1, rates: [],
      byUse: Array.from({ length: 12 }, (_, k) => ({ category: 'performing', useType: `use-${k}`, revenueAttributed: '1.00', managementFees: '0.10', otherDeductions: '0.00', paid: '0.90', outstanding: '0.00', lines: 1 })),
      mandates: [{ id: 'm', category: 'performing', workType: 'musical', territories: ['WORLD'], excludedTerritories: ['RU'], validFrom: '2021-07-01', validTo: null, basis: 'contractual', exclusive: true }],
      nonContractual: { amount: '0.00', lines: 0 }, verifiedNonContractual: { amount: '0.00', lines: 0 }, head: { treeSize: 3, rootHash: 'ab'.repeat(32), timestamp: '2025-04-01T00:00:00.000Z', signature: 's', keyId: '0123456789abcdef' },
      overdue: i === 2 ? { amount: '5.00', lines: 2, oldestDeadline: '2026-09-30', maxOverdueDays: 68 } : { amount: '0.00', lines: 0, oldestDeadline: null, maxOverdueDays: null },
    });
    const s: Statement = {
      rightsHolderId: 'h1', rightsHolderName: 'Иванова, Мария', rightsHolderIpi: '00052210040', year: 2025, currency: 'EUR',
      rates: [{ currency: 'RUB', rateDate: '2025-03-01', rateToEur: '0.0105' }],
      totals: { revenueAttributed: '40.00', managementFees: '6.00', otherDeductions: '2.00', paid: '32.00', outstanding: '0.00', lines: 4 },
      societies: [1, 2, 3, 4].map(society),
      asOf: '2026-12-07', overdue: { amount: '5.00', lines: 2, oldestDeadline: '2026-09-30', maxOverdueDays: 68 }, staleRates: { maxAgeDays: 7, rates: [] },
    };
    const pdf = await statementPdf(s, { linesUrl: '/v1/rights-holders/h1/statement/lines?year=2025&currency=EUR' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toMatch(/%%EOF/);
    const pages = pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? [];
    expect(pages.length).toBeGreaterThan(1);
    // Overdue money (Art. 13) is highlighted in the summary and in the society's section.
    const text = pdfText(pdf);
    expect(text).toContain('Overdue on 7\u00a0Dec\u00a02026: 5.00 EUR on 2 unpaid lines past the Art. 13 deadline');
    expect(text).toContain('OVERDUE (Art. 13)');
  });
});

describe('statementPdf in Russian, with contact details and a stale rate', () => {
  const statement = (): Statement => ({
    rightsHolderId: 'h1', rightsHolderName: 'Иванова, Мария', rightsHolderIpi: '00052210040', year: 2025, currency: 'EUR',
    rates: [{ currency: 'RUB', rateDate: '2025-01-02', rateToEur: '0.0100' }, { currency: 'RUB', rateDate: '2025-03-28', rateToEur: '0.0105' }],
    totals: { revenueAttributed: '483676.80', managementFees: '72551.52', otherDeductions: '0.00', paid: '411125.28', outstanding: '0.00', lines: 3 },
    societies: [{
      societyId: 's1', societyName: 'Российское авторское общество (демо)',
      contact: { address: 'ул. Большая Бронная, 6а, Москва', email: 'members@rao.example', phone: '+7 495 123-45-67', website: 'https://rao.example' },
      revenueAttributed: '483676.80', paid: [], paidTotal: '411125.28', managementFees: '72551.52', otherDeductions: '0.00', outstanding: '0.00',
      periodOfUse: { from: '2025-01-01', to: '2025-03-31' }, lines: 3, rates: [{ currency: 'RUB', rateDate: '2025-01-02', rateToEur: '0.0100' }],
      byUse: [{ category: 'performing', useType: 'radio', revenueAttributed: '483676.80', managementFees: '72551.52', otherDeductions: '0.00', paid: '411125.28', outstanding: '0.00', lines: 3 }],
      mandates: [{ id: 'm', category: 'performing', workType: 'musical', territories: ['RU'], excludedTerritories: [], validFrom: '2021-07-01', validTo: null, basis: 'contractual', exclusive: true }],
      nonContractual: { amount: '0.00', lines: 0 }, verifiedNonContractual: { amount: '0.00', lines: 0 },
      head: { treeSize: 3, rootHash: 'ab'.repeat(32), timestamp: '2025-04-01T00:00:00.000Z', signature: 's', keyId: '0123456789abcdef' },
      overdue: { amount: '0.00', lines: 0, oldestDeadline: null, maxOverdueDays: null },
    }],
    asOf: '2026-12-07', overdue: { amount: '0.00', lines: 0, oldestDeadline: null, maxOverdueDays: null },
    staleRates: { maxAgeDays: 7, rates: [{ currency: 'RUB', rateDate: '2025-01-02', usedFor: '2025-03-20', ageDays: 77, lines: 2 }] },
  });

  it('prints the society\'s contact details and warns of the stale rate, in English', async () => {
    const text = pdfText(await statementPdf(statement(), { linesUrl: '/v1/x' })).replace(/ \n/g, ' ');
    expect(text).toContain('ул. Большая Бронная, 6а, Москва · members@rao.example · +7 495 123-45-67 · https://rao.example');
    expect(text).toContain('Exchange rates older than 7 days were used');
    expect(text).toContain('RUB: the rate of 2\u00a0Jan\u00a02025 converted 2 lines, for days up to 20\u00a0Mar\u00a02025 (77 days later)');
    expect(text).toContain('STALE: up to 77 days old');
    expect(text).toContain('not a rule of law');
  });

  it('translates every text of its own and keeps amounts whole', async () => {
    const missing: string[] = [];
    const pdf = await statementPdf(statement(), { linesUrl: '/v1/x', lang: 'ru', onMissing: (m) => missing.push(m) });
    expect([...new Set(missing)]).toEqual([]);
    const text = pdfText(pdf).replace(/ \n/g, ' ').replace(/-\n/g, '-');
    expect(text).toContain('Выписка за 2025 год');
    expect(text).toContain('Использованы курсы валют старше 7 дн.');
    expect(text).toContain('Контакты');
    expect(englishWords(text.replace('members@rao.example', ' ').replace('ledger verify --proof FILE --keys KEYS', ' '))).toEqual([]);
    const lines = pdfLines(pdf);
    expect(lines).toContain('483\u00a0676,80');
    expect(lines).toContain('411\u00a0125,28');
    expect(overlappingRuns(pdfRuns(pdf))).toEqual([]); // long Russian labels take two lines without running into the next
    expect(pdf.toString('latin1')).toContain('/Lang (ru)');
  });
});
