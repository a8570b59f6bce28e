import { describe, expect, it } from '@jest/globals';
import { buildReport } from './report.js';
import { TRANSPARENCY_CSV_COLUMNS, transparencyCsv } from './report-csv.js';
import { sampleInput } from './test-support/sample-input.js';

describe('the transparency report as CSV', () => {
  const csv = transparencyCsv(buildReport(sampleInput()));
  const rows = csv.trimEnd().split('\r\n');
  const find = (section: string, figure: string, more: (cells: string[]) => boolean = () => true) => rows.map((r) => r.split(',')).filter((c) => c[3] === section && c[4] === figure && more(c));

  it('has the documented header and one row per figure, each naming the society, the year and the tree size', () => {
    expect(rows[0]).toBe(TRANSPARENCY_CSV_COLUMNS.join(','));
    expect(TRANSPARENCY_CSV_COLUMNS).toEqual(['society_cisac', 'financial_year', 'head_tree_size', 'section', 'figure', 'category', 'use_type', 'qualifier', 'currency', 'amount', 'count', 'note']);
    expect(csv.endsWith('\r\n')).toBe(true);
    for (const r of rows.slice(1)) expect(r.startsWith('901,2025,9,')).toBe(true);
  });

  it('writes the figures: revenue per use, management-cost ratio, paid per use, payment days, transfers, board, missing quarters', () => {
    expect(find('revenue', 'revenue')).toEqual([
      ['901', '2025', '9', 'revenue', 'revenue', 'mechanical', 'online', '', 'EUR', '10.01', '1', ''],
      ['901', '2025', '9', 'revenue', 'revenue', 'performing', 'radio', '', 'RUB', '700', '2', ''],
      ['901', '2025', '9', 'revenue', 'revenue', 'performing', 'tv', '', 'RUB', '300.5', '1', ''],
    ]);
    expect(find('deductions', 'management-cost-ratio-percent', (c) => c[8] === 'RUB')[0]!.slice(8)).toEqual(['RUB', '10.00', '', '100.05 of revenue 1000.5']);
    expect(find('rights-holders', 'paid').map((c) => [c[5], c[6], c[9]])).toEqual([
      ['performing', 'radio', '417'],
      ['performing', 'tv', '8.5'],
    ]);
    expect(find('rights-holders', 'payment-days')[0]![10]).toBe('2');
    expect(find('other-societies', 'out-due')[0]!.slice(7, 10)).toEqual(['904', 'RUB', '20']);
    expect(find('governance', 'board-seats-by-constituency').map((c) => [c[7], c[10]])).toEqual([
      ['authors', '2'],
      ['publishers', '1'],
    ]);
    expect(find('revenue', 'missing-quarter').map((c) => c[11])).toEqual(['2025Q3', '2025Q4']);
    expect(find('completeness', 'missing')).toHaveLength(6);
    expect(find('conservation', 'difference').map((c) => [c[5], c[9]])).toEqual([
      ['mechanical', '10.01'],
      ['performing', '57'],
    ]);
  });

  it('quotes cells with commas and guards cells a spreadsheet would run as formulas', () => {
    expect(csv).toContain('"B-1 Orlov, Pavel (2022-06-01 to 2026-05-31)"');
    expect(csv).toContain(`"'=Young composers fund"`);
    expect(csv).toContain(`"'+sig=="`);
  });

  it('guards a note that starts with a minus and a digit (issue 13), and keeps negative amounts numbers', () => {
    const input = sampleInput();
    const report = buildReport(input);
    const hostile = { ...report, notCovered: [`-1+cmd|' /C calc'!A0`], conservation: { ...report.conservation, categories: report.conservation.categories.map((c) => ({ ...c, difference: '-57' })) } };
    const text = transparencyCsv(hostile);
    expect(text).toContain(`,"'-1+cmd|' /C calc'!A0"\r\n`);
    expect(text).toContain(',conservation,difference,performing,,,RUB,-57,,\r\n');
  });

  it('is the same text for the same report', () => {
    expect(transparencyCsv(buildReport(sampleInput()))).toBe(csv);
  });
});
