import { bapReport } from '../../../dsr/src/test-support.js';
import type { SourceItem, SourceProblem, SourceRow } from '../definition.js';
import { dsr, dsrReader } from './dsr.js';

async function readAll(text: string) {
  const reader = dsrReader();
  const items: SourceItem[] = [];
  for await (const batch of reader.read([Buffer.from(text)] as unknown as AsyncIterable<Uint8Array>)) items.push(...(Array.isArray(batch) ? batch : [batch as SourceItem]));
  return { rows: items.filter((i): i is SourceRow => 'cells' in i), problems: items.filter((i): i is SourceProblem => !('cells' in i)), collected: reader.collected!() };
}

describe('the dsr package type', () => {
  it('yields one row per sales record in the columns of the lines table, at its source line', async () => {
    const { rows, problems, collected } = await readAll(bapReport());
    expect(problems).toEqual([]);
    const names = dsr.columns.map((c) => c.name);
    expect(rows.map((r) => [r.line, Object.fromEntries(names.map((n, i) => [n, r.cells[i]]))])).toEqual([
      [6, expect.objectContaining({ upload_line: '6', income_id: '6', iswc: 'T0345246801', isrc: 'USS1Z9900001', territory: 'GB', currency: 'GBP', usages: '10', amount: '33.33', revenue_basis: 'pro-rata', category: 'making-available', period_from: '2025-01-01', period_to: '2025-03-31', rights_type: '' })],
      [7, expect.objectContaining({ upload_line: '7', income_id: '7', usages: '20', amount: '66.67' })],
    ]);
    expect(rows.every((r) => r.cells.length === names.length)).toBe(true);
    expect(collected).toMatchObject({ messageId: 'MSG-1', dsp: { partyId: 'PADPIDA2013020802I', name: 'Stream Co' }, files: 1, salesRecords: 2, rows: 2 });
  });

  it('reports errors at their line and cell; warnings are kept aside, not yielded', async () => {
    const { problems, collected } = await readAll(bapReport({ summaries: [{ id: 'S1', usages: '31', revenue: '100.00' }] }));
    expect(problems).toEqual([expect.objectContaining({ line: 3, column: '9 (SY01.01 Usages)', message: expect.stringMatching(/line 6 to line 7/) })]);
    expect(collected.warningCount).toBe(0);
  });

  it('posts its money as collected income: cash against the pool of its category', () => {
    expect(dsr.entryKinds).toEqual(['dsr']);
    expect(dsr.journal).toMatch(/'cash'/);
    expect(dsr.journal).toMatch(/'pool:' \|\| category/);
  });
});
