import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { as0202, bapReport, foot, head, re01, su02 } from '../../libs/dsr/src/test-support.js';
import { givenSociety, givenTenants } from '../support/factories.js';
import { Http } from '../support/http.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { uploadDsr } from './fixtures.js';

/** A two-file report: file 1 holds the summary record and block B1, file 2 block B2 (as libs/dsr's reader tests). */
function twoFiles(): { first: string; second: string; firstLines: number } {
  const first = bapReport({ fileNumber: 1, numberOfFiles: 2, blocks: [{ id: 'B1', sales: [{ summary: 'S1', streams: '10' }] }], foot: { linesInReport: null, blocksInReport: null } });
  const firstLines = first.trim().split('\n').length;
  const body = [head({ fileNumber: 2, numberOfFiles: 2 }), re01('B2'), as0202('B2', 'A1'), su02('B2', 'S1', 'T9', 'A1', '20')];
  return { first, second: `${[...body, foot(['5', String(firstLines + 5), '1', '1', '2'])].join('\n')}\n`, firstLines };
}

/**
 * type=dsr packages (issue 16 item 2): a DSP's DDEX DSR report as the society's licence
 * income for the quarter, posted to the journal as income; every problem rejects the
 * package at its line and cell.
 */
describe('DSR packages as licence income', () => {
  let t: TestApp;
  let admin: Http;
  let societyId: string;

  beforeAll(async () => {
    t = await bootTestApp();
    admin = new Http(t.baseUrl, t.adminToken);
    societyId = (await givenSociety(admin, { currency: 'GBP', country: 'GB' })).id;
  });
  afterAll(async () => t?.close());

  const linesOf = (submissionId: string) =>
    t.dataSource.query(
      `SELECT line_no AS "lineNo", upload_line AS "sourceLine", income_id AS "incomeId", iswc, isrc, territory, currency, trim_scale(usages)::text AS usages, trim_scale(amount)::text AS amount, category
       FROM dsr_lines WHERE society_id = $1 AND submission_id = $2 ORDER BY line_no`,
      [societyId, submissionId],
    );

  it('commits a clean report: one line per sales record at its source line, the money posted as income (cash against the pool of its category)', async () => {
    const { final } = await uploadDsr(admin, societyId, '2025Q2', bapReport());
    expect(final).toMatchObject({ status: 'committed', rows: 2, errorCount: 0 });
    expect(await linesOf(final.id)).toEqual([
      { lineNo: 1, sourceLine: 6, incomeId: '6', iswc: 'T0345246801', isrc: 'USS1Z9900001', territory: 'GB', currency: 'GBP', usages: '10', amount: '33.33', category: 'making-available' },
      { lineNo: 2, sourceLine: 7, incomeId: '7', iswc: 'T0345246801', isrc: 'USS1Z9900001', territory: 'GB', currency: 'GBP', usages: '20', amount: '66.67', category: 'making-available' },
    ]);
    const postings = await t.dataSource.query(
      `SELECT e.kind, p.account, p.currency, trim_scale(p.amount)::text AS amount FROM journal_entries e
       JOIN journal_postings p ON p.society_id = e.society_id AND p.entry_id = e.id
       WHERE e.society_id = $1 AND e.submission_id = $2 ORDER BY p.account`,
      [societyId, final.id],
    );
    expect(postings).toEqual([
      { kind: 'dsr', account: 'cash', currency: 'GBP', amount: '100' },
      { kind: 'dsr', account: 'pool:making-available', currency: 'GBP', amount: '-100' },
    ]);
  });

  it('rejects a summary record whose usages differ from its sales records, naming both lines', async () => {
    const { final } = await uploadDsr(admin, societyId, '2025Q2', bapReport({ summaries: [{ id: 'S1', usages: '31', revenue: '100.00' }] }));
    expect(final.status).toBe('rejected');
    const problem = final.errors.find((e: { line: number }) => e.line === 3);
    expect(problem).toMatchObject({ line: 3, column: expect.stringMatching(/^9 \(SY01\.01 Usages\)/) });
    expect(problem.message).toMatch(/states 31 usages .*line 6 to line 7.* add up to 30/);
    expect(await linesOf(final.id)).toEqual([]);
  });

  it('rejects a sales record missing a mandatory trailing cell, at its line and cell', async () => {
    const text = bapReport().replace(/^(SU02\tB1\tS1\tT2\t\tA1)\ttrue\t20\t\t$/m, '$1');
    const { final } = await uploadDsr(admin, societyId, '2025Q2', text);
    expect(final.status).toBe('rejected');
    expect(final.errors).toEqual(expect.arrayContaining([expect.objectContaining({ line: 7, column: expect.stringMatching(/^8 \(SU02 NumberOfStreams\)/) })]));
  });

  it('reads a multi-file report sent as its files one after the other (and the same as concatenated gzip files)', async () => {
    const { first, second, firstLines } = twoFiles();
    const plain = await uploadDsr(admin, societyId, '2025Q2', first + second);
    expect(plain.final).toMatchObject({ status: 'committed', rows: 2 });
    expect((await linesOf(plain.final.id)).map((l: { sourceLine: number; amount: string }) => [l.sourceLine, l.amount])).toEqual([
      [6, '33.33'],
      [firstLines + 4, '66.67'],
    ]);
    const gz = await uploadDsr(admin, societyId, '2025Q3', Buffer.concat([gzipSync(first), gzipSync(second)]));
    expect(gz.final).toMatchObject({ status: 'committed', rows: 2 });
    const missing = await uploadDsr(admin, societyId, '2025Q4', first);
    expect(missing.final.status).toBe('rejected');
    expect(missing.final.errors.map((e: { message: string }) => e.message).join('\n')).toMatch(/has 2 files, but 1 was read/);
  });

  it('reads a gzip report', async () => {
    const { final } = await uploadDsr(admin, societyId, '2025Q3', gzipSync(bapReport({ messageId: 'GZ-1' })));
    expect(final).toMatchObject({ status: 'committed', rows: 2 });
  });

  it("rejects the UGC reference sample for its faults, each at its line and cell, leaving nothing behind", async () => {
    const bytes = readFileSync('test/fixtures/dsr/DSR_TEST2_YouTube_AdSupport-music_2015-Q4_IS_1of1_20160121T150926.tsv');
    const { final } = await uploadDsr(admin, societyId, '2016Q1', bytes);
    expect(final.status).toBe('rejected');
    expect(final.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 34, column: '2 (FOOT NumberOfLinesInFile)' }),
        expect.objectContaining({ line: 11, column: '2 (SY02.01 SummaryRecordId)' }),
        expect.objectContaining({ line: 10, column: '15 (SY02.01 AllocatedUsages)', message: expect.stringMatching(/line 17 to line 32/) }),
      ]),
    );
    expect(await linesOf(final.id)).toEqual([]);
  });

  it('refuses usage after the quarter the report is booked in', async () => {
    const { final } = await uploadDsr(admin, societyId, '2024Q4', bapReport({ messageId: 'EARLY' }));
    expect(final.status).toBe('rejected');
    expect(final.errors.map((e: { message: string }) => e.message).join('\n')).toMatch(/after the end of the period 2024Q4/);
  });

  it("refuses another society's credential", async () => {
    const tenants = await givenTenants(admin);
    const res = await admin.as(tenants.tokens.societyB).post(`/v1/societies/${tenants.societyA.id}/submissions?type=dsr&period=2025Q2`, Buffer.from(bapReport()), { 'content-type': 'application/octet-stream' });
    expect([403, 404]).toContain(res.status);
  });
});
