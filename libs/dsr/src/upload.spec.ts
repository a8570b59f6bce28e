import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { type DsrLedgerRow, type DsrUploadEvent, type DsrUploadProblem, categoryOf, readDsrUpload } from './index.js';
import { as0202, bapReport, chunked, foot, head, re01, su02 } from './test-support.js';

async function read(source: Uint8Array[] | Buffer[]) {
  const rows: { line: number; row: DsrLedgerRow }[] = [];
  const problems: DsrUploadProblem[] = [];
  let end: Extract<DsrUploadEvent, { kind: 'end' }> | null = null;
  for await (const e of readDsrUpload(source)) {
    if (e.kind === 'row') rows.push({ line: e.line, row: e.row });
    else if (e.kind === 'problem') problems.push(e.problem);
    else end = e;
  }
  return { rows, problems, errors: problems.filter((p) => p.level === 'error'), end: end! };
}

/** A two-file report: file 1 holds the summary record and block B1, file 2 block B2. */
function twoFiles(): { first: string; second: string; firstLines: number } {
  const first = bapReport({ fileNumber: 1, numberOfFiles: 2, blocks: [{ id: 'B1', sales: [{ summary: 'S1', streams: '10' }] }], foot: { linesInReport: null, blocksInReport: null } });
  const firstLines = first.trim().split('\n').length;
  const body = [head({ fileNumber: 2, numberOfFiles: 2 }), re01('B2'), as0202('B2', 'A1', { iswc: 'T9000000011', isrc: 'GBAYE0601498' }), su02('B2', 'S1', 'T9', 'A1', '20')];
  const second = `${[...body, foot(['5', String(firstLines + 5), '1', '1', '2'])].join('\n')}\n`;
  return { first, second, firstLines };
}

describe('a DSR upload as licence income rows', () => {
  it('one row per sales record, at its upload line, the money shared by usages adding up to the summary', async () => {
    const { rows, errors, end } = await read(chunked(bapReport()));
    expect(errors).toEqual([]);
    expect(end).toMatchObject({ accepted: true, rows: 2, errors: 0 });
    // HEAD, heading, SY01.01, RE01, AS02.02, SU02 (line 6), SU02 (line 7), FOOT
    expect(rows.map((r) => [r.line, r.row.income_id, r.row.usages, r.row.amount, r.row.revenue_basis])).toEqual([
      [6, '6', '10', '33.33', 'pro-rata'],
      [7, '7', '20', '66.67', 'pro-rata'],
    ]);
    expect(rows[0]!.row).toMatchObject({
      message_id: 'MSG-1', dsp_party_id: 'PADPIDA2013020802I', dsp_name: 'Stream Co', iswc: 'T0345246801', isrc: 'USS1Z9900001', contributors: 'Jane Roe|John Doe',
      use_type: 'OnDemandStream', commercial_model: 'SubscriptionModel', territory: 'GB', currency: 'GBP', period_from: '2025-01-01', period_to: '2025-03-31', category: 'making-available',
    });
  });

  it('a summary whose usages differ from its sales records is one error naming both lines', async () => {
    const { errors, end } = await read([Buffer.from(bapReport({ summaries: [{ id: 'S1', usages: '31', revenue: '100.00' }] }))]);
    expect(end.accepted).toBe(false);
    const reconciliation = errors.filter((p) => p.source.code === 'reconciliation');
    expect(reconciliation).toHaveLength(1);
    expect(reconciliation[0]).toMatchObject({ line: 3, column: 9, cell: 'Usages', relatedLine: 7 });
    expect(reconciliation[0]!.message).toMatch(/on line 3 states 31 usages .* \(line 6 to line 7\) add up to 30/);
  });

  it('missing trailing cells: a mandatory cell named at its line and column', async () => {
    const text = bapReport().replace(/^(SU02\tB1\tS1\tT2\t\tA1)\ttrue\t20\t\t$/m, '$1');
    const { errors } = await read([Buffer.from(text)]);
    expect(errors).toEqual(expect.arrayContaining([expect.objectContaining({ line: 7, cell: 'NumberOfStreams', column: 8 })]));
  });

  it('a multi-file report uploaded as its files one after the other: upload lines, one report', async () => {
    const { first, second, firstLines } = twoFiles();
    const { rows, errors, end } = await read(chunked(first + second, 11));
    expect(errors).toEqual([]);
    expect(end.report.files).toHaveLength(2);
    expect(rows.map((r) => [r.line, r.row.iswc, r.row.amount])).toEqual([
      [6, 'T0345246801', '33.33'],
      [firstLines + 4, 'T9000000011', '66.67'],
    ]);
  });

  it('gzip: one gzip file, or the gzip files of a report concatenated (a stream of several members)', async () => {
    const { first, second, firstLines } = twoFiles();
    const one = await read(chunked(gzipSync(bapReport()), 13));
    expect(one.errors).toEqual([]);
    expect(one.rows).toHaveLength(2);
    const both = await read([Buffer.concat([gzipSync(first), gzipSync(second)])]);
    expect(both.errors).toEqual([]);
    expect(both.rows.map((r) => r.line)).toEqual([6, firstLines + 4]);
  });

  it("a problem in the second file names the upload's line, and the file and its own line", async () => {
    const { first, second, firstLines } = twoFiles();
    const broken = second.replace('\t20\t\t\n', '\tmany\t\t\n');
    const { errors } = await read([Buffer.from(first + broken)]);
    const bad = errors.find((p) => p.cell === 'NumberOfStreams');
    expect(bad).toMatchObject({ line: firstLines + 4, column: 8 });
    expect(bad!.message).toMatch(/^file 2 of the upload, its line 4: SU02 NumberOfStreams: /);
  });

  it("UGC profile: the reference library's YouTube-style 1.1 report gives rows with their own money, booked under the RightsType's category, and is refused for its faults", async () => {
    const { rows, errors, end } = await read([readFileSync('test/fixtures/dsr/DSR_TEST2_YouTube_AdSupport-music_2015-Q4_IS_1of1_20160121T150926.tsv')]);
    expect(rows.map((r) => [r.line, r.row.iswc, r.row.isrc, r.row.usages, r.row.amount, r.row.revenue_basis, r.row.category])).toEqual([
      [17, null, 'USSM19803037', '7810', '2', 'reported', 'performing'],
      [21, 'T9109247316', 'USUV71101875', '2045', '2', 'reported', 'performing'],
      [26, 'T0702472794', 'USRH10903879', '18', '0', 'reported', 'performing'],
      [28, 'T0702472794', 'USRH10903879', '4', '0', 'reported', 'performing'],
      [30, 'T0702472794', 'USRH10903879', '258', '0', 'reported', 'performing'],
      [32, 'T0702472794', 'USRH10903879', '75', '3', 'reported', 'performing'],
    ]);
    expect(rows[0]!.row).toMatchObject({ work_title: 'SEXUAL HEALING', rights_type: 'PerformingRight', territory: 'IS', currency: 'USD', dsp_name: 'YouTube' });
    expect(end.accepted).toBe(false);
    expect(errors.map((p) => [p.line, p.column, p.cell])).toEqual(
      expect.arrayContaining([
        [11, 2, 'SummaryRecordId'],
        [34, 2, 'NumberOfLinesInFile'],
        [10, 15, 'AllocatedUsages'],
        [10, 17, 'AllocatedNetRevenue'],
      ]),
    );
    expect(errors.find((p) => p.cell === 'AllocatedUsages')).toMatchObject({ relatedLine: 32, message: expect.stringMatching(/\(line 17 to line 32\) add up to 10210/) });
  });

  it('books a line under the category its RightsType names, else the stated default', () => {
    expect(categoryOf(null)).toBe('making-available');
    expect(categoryOf('MechanicalRight')).toBe('mechanical');
    expect(categoryOf('Performing Right')).toBe('performing');
    expect(categoryOf('SomethingElse')).toBe('making-available');
  });
});
