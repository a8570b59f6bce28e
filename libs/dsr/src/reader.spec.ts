import { createReadStream, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { type DsrProblem, readDsrAll, readDsrReport } from './index.js';
import { as0202, bapReport, chunked, foot, head, re01, su02, sy0101 } from './test-support.js';

const FIXTURES = 'test/fixtures/dsr';
const BAP_SAMPLE = 'DSR_PADPIDA00123456743_PADPIDA0123456766K_UnlimitedMusicMonthly_2020-06-01--2020-06-30__1of1_20200703T075930.tsv';
const BAP_ADFUNDED = 'DSR_PADPIDA2015999999X_PADPIDA2015999999X_AdFunded_2015-08-01--2015-08-31__1of1_20151123T182957.tsv';
const UGC_10 = 'DSR_TEST_YouTube_AdSupport-music_2015-Q4_IS_1of1_20160121T150926.tsv';
const UGC_11 = 'DSR_TEST2_YouTube_AdSupport-music_2015-Q4_IS_1of1_20160121T150926.tsv';
const DSRF_PART = (x: number) => `DSR_PADPIDA2014999999Z_PADPIDA2014111801Y_AdSupport_2015-02_AU_${x}of2_20150723T092522.tsv`;
const DSRF_UNICODE = 'DSR_PADPIDA2014999999Z_PADPIDA2014111801Y_AdSupport_2015-02_AU_1of1_20150723T092522.tsv';

const fixture = (name: string) => ({ name, source: createReadStream(`${FIXTURES}/${name}`) });
const errors = (ps: readonly DsrProblem[]) => ps.filter((p) => p.level === 'error');
const only = (ps: readonly DsrProblem[], code: DsrProblem['code']) => ps.filter((p) => p.code === code);

describe('Basic Audio Profile', () => {
  it('reads the public BAP 1.3 sample: versioned ids, # heading lines, CRLF, padded lines, counts and totals agree', async () => {
    const { report, blocks, income, problems } = await readDsrAll([fixture(BAP_SAMPLE)]);
    expect(report.profile).toEqual({ name: 'Basic Audio Profile', version: '1.3', known: true });
    expect(report.header?.messageId).toBe('1234567890');
    expect(report.lines).toBe(33); // the # heading lines count (FOOT says 33)
    expect(report.files[0]!.headingLines).toBe(6);
    expect(report.blocks).toBe(3);
    expect(report.salesRecords).toBe(15);
    expect(errors(problems)).toEqual([]);
    expect(report.accepted).toBe(true);
    // AS02.03 lines are padded to 22 cells, short of the two last optional cells: warnings only.
    expect(only(problems, 'missing-cells').every((p) => p.level === 'warning' && p.cell === 'IsSubjectToOwnershipConflict' && p.column === 23)).toBe(true);

    const [s1] = report.reconciliation;
    expect(s1).toMatchObject({ summaryRecordId: 'S1', territory: 'GB', currency: 'GBP', salesRecords: 15, usagesMatch: true, revenueMatch: null });
    expect(s1!.usagesStated!.toFixed()).toBe('3160');
    expect(s1!.usagesInSales.toFixed()).toBe('3160');
    // No sales record states money: the 5000.00 GBP of S1 is shared by streams, and not a penny is lost.
    expect(s1!.revenueShared!.toFixed(2)).toBe('5000.00');
    expect(income.every((l) => l.revenueBasis === 'pro-rata')).toBe(true);
    expect(income[0]).toMatchObject({ recordType: 'SU02.02', useType: 'OnDemandStream', usages: '120', territory: 'GB', periodStart: '2020-06-01', periodEnd: '2020-06-30' });
    expect(income[0]!.revenue!.toFixed(2)).toBe('189.87'); // 5000 × 120 / 3160 = 189.873…
    expect(income[0]!.recording!.isrc).toEqual(['GBAHT0900445']);
    expect(income[0]!.works[0]!.contributors).toEqual(['Roma Ryan', 'Tom Whalley', 'Enya', 'Nicky Ryan']);
    expect(blocks.map((b) => b.records.length)).toEqual([5, 7, 12]);
  });

  it('reads the public AdFunded sample and names its faults: sales records pointing at summary "SY1" that is "1", 94 blocks claimed for 3', async () => {
    const { report, problems } = await readDsrAll([fixture(BAP_ADFUNDED)]);
    expect(report.summaryRecords).toBe(1);
    const refs = only(problems, 'reference');
    expect(refs.map((p) => [p.line, p.column, p.cell])).toEqual([
      [11, 3, 'SummaryRecordId'],
      [14, 3, 'SummaryRecordId'],
      [17, 3, 'SummaryRecordId'],
    ]);
    const counts = only(problems, 'count');
    expect(counts).toHaveLength(1);
    expect(counts[0]).toMatchObject({ line: 18, column: 6, cell: 'NumberOfBlocksInReport', recordType: 'FOOT' });
    expect(counts[0]!.message).toMatch(/says 94; the report has 3 blocks/);
    expect(report.accepted).toBe(false);
  });

  it('a summary total that differs from its sales records is an error naming both lines', async () => {
    const text = bapReport({ summaries: [{ id: 'S1', usages: '31', revenue: '100.00' }] });
    const { report, problems } = await readDsrAll(text);
    const mismatch = only(problems, 'reconciliation');
    expect(mismatch).toHaveLength(1);
    // HEAD(1) heading(2) SY01.01(3) RE01(4) AS02.02(5) SU02(6) SU02(7)
    expect(mismatch[0]).toMatchObject({ level: 'error', line: 3, column: 9, cell: 'Usages', recordType: 'SY01.01', relatedLine: 7 });
    expect(mismatch[0]!.message).toContain('line 3');
    expect(mismatch[0]!.message).toContain('line 6 to line 7');
    expect(mismatch[0]!.message).toContain('states 31 usages');
    expect(mismatch[0]!.message).toContain('add up to 30');
    expect(report.reconciliation[0]!.usagesMatch).toBe(false);
    expect(report.accepted).toBe(false);
  });

  it('shares a summary net revenue by usages exactly, cumulatively, over many lines and blocks', async () => {
    const blocks = Array.from({ length: 7 }, (_, i) => ({ id: `B${i}`, sales: [{ summary: 'S1', streams: '1' }, { summary: 'S1', streams: '2' }] }));
    const { income, report } = await readDsrAll(bapReport({ summaries: [{ id: 'S1', usages: '21', revenue: '10.00' }], blocks }));
    const cents = income.map((l) => BigInt(l.revenue!.toFixed(2).replace('.', '')));
    expect(cents.reduce((a, b) => a + b, 0n)).toBe(1000n);
    // each share within a cent of its exact value (10 × streams / 21)
    income.forEach((l) => {
      const exact = (1000 * Number(l.usages)) / 21; // money-ok: test tolerance on cents, not money arithmetic
      expect(Math.abs(Number(l.revenue!.toFixed(2)) * 100 - exact)).toBeLessThan(1); // money-ok: same
    });
    expect(report.reconciliation[0]!.revenueShared!.toFixed(2)).toBe('10.00');
  });

  it('wrong FOOT counts are errors at the FOOT cell', async () => {
    const { problems } = await readDsrAll(bapReport({ foot: { linesInFile: '99', summaryRecords: '2', blocksInFile: '5', blocksInReport: '5', linesInReport: '99' } }));
    const counts = only(problems, 'count');
    expect(counts.map((p) => [p.cell, p.column]).sort()).toEqual(
      [
        ['NumberOfBlocksInFile', 5],
        ['NumberOfBlocksInReport', 6],
        ['NumberOfLinesInFile', 2],
        ['NumberOfLinesInReport', 3],
        ['NumberOfSummaryRecords', 4],
      ].sort(),
    );
    expect(counts.every((p) => p.line === 8 && p.recordType === 'FOOT')).toBe(true);
  });

  it('the report totals are mandatory in the last file', async () => {
    const { problems } = await readDsrAll(bapReport({ foot: { linesInReport: null, blocksInReport: null } }));
    expect(only(problems, 'count').map((p) => p.cell).sort()).toEqual(['NumberOfBlocksInReport', 'NumberOfLinesInReport']);
  });

  it('missing trailing cells: optional ones are read as empty (warning), a mandatory one is an error naming it', async () => {
    const text = bapReport()
      .split('\n')
      .map((l) => (l.startsWith('RE01') ? l.split('\t').slice(0, 11).join('\t') : l.startsWith('SU02\tB1\tS1\tT2') ? l.split('\t').slice(0, 7).join('\t') : l))
      .join('\n');
    const { problems } = await readDsrAll(text);
    const missing = only(problems, 'missing-cells');
    expect(missing).toHaveLength(2);
    expect(missing[0]).toMatchObject({ level: 'warning', line: 4, recordType: 'RE01', column: 12, cell: 'ReleaseType' });
    expect(missing[1]).toMatchObject({ level: 'error', line: 7, recordType: 'SU02', column: 8, cell: 'NumberOfStreams' });
    expect(missing[1]!.message).toMatch(/has 7 of its 10 cells; missing NumberOfStreams \(cell 8\)/);
  });

  it('a file cut short: the unterminated last line and the missing FOOT are reported', async () => {
    const full = bapReport();
    const cut = full.slice(0, full.indexOf('SU02\tB1\tS1\tT2') + 'SU02\tB1\tS1\tT2\t\tA1'.length);
    const { problems } = await readDsrAll(cut);
    const truncated = only(problems, 'truncated');
    expect(truncated.map((p) => p.line)).toEqual([7, 7]);
    expect(truncated[0]).toMatchObject({ recordType: 'SU02', column: 7, cell: 'IsRoyaltyBearing' });
    expect(truncated[1]!.message).toMatch(/ends without a FOOT record and its last line has no line break/);
  });

  it('cell formats, mandatory cells, unknown record types and references are errors by line and cell', async () => {
    const lines = [
      head(),
      sy0101('S1', 'XX', 'EURO', '3', '1.00'),
      re01('B1'),
      as0202('B1', 'A1', { isrc: 'NOT-AN-ISRC', iswc: 'T0345246800' }),
      su02('B1', 'S1', 'T1', 'A1', 'three'),
      su02('B1', 'S9', 'T2', 'A2', '3'),
      'ZZ99\tB1',
      foot(['8', '8', '1', '1', '1']),
    ];
    const { problems } = await readDsrAll(`${lines.join('\n')}\n`);
    const at = (p: DsrProblem) => `${p.code} ${p.line}:${p.column} ${p.cell}`;
    expect(errors(problems).map(at).sort()).toEqual(
      [
        'format 2:7 Territory',
        'format 2:11 CurrencyOfReporting',
        'format 4:5 ISRC',
        'format 4:12 ISWC',
        'format 5:8 NumberOfStreams',
        'reference 6:3 SummaryRecordId',
        'reference 6:6 TransactedResource',
        'record-type 7:1 RecordType',
      ].sort(),
    );
  });

  it('empty records (blank lines, tab-only lines) count as lines and are otherwise ignored', async () => {
    const text = bapReport().replace('\nRE01', '\n\n\t\t\nRE01');
    const lines = text.trim().split('\n').length;
    const fixed = text.replace(/FOOT\t\d+\t\d+/, `FOOT\t${lines}\t${lines}`);
    const { problems, report } = await readDsrAll(fixed);
    expect(problems).toEqual([]);
    expect(report.lines).toBe(lines);
  });

  it('record order: a summary record after a block and a record after FOOT', async () => {
    const lines = [head(), sy0101('S1', 'GB', 'GBP', '1', '1.00'), re01('B1'), as0202('B1', 'A1'), su02('B1', 'S1', 'T1', 'A1', '1'), sy0101('S2', 'GB', 'GBP', '0', '0'), foot(['8', '8', '2', '1', '1']), re01('B2')];
    const { problems } = await readDsrAll(`${lines.join('\n')}\n`);
    const structure = only(problems, 'structure');
    expect(structure.map((p) => [p.line, p.recordType])).toEqual([
      [6, 'SY01.01'],
      [8, 'RE01'],
    ]);
    expect(structure[0]!.relatedLine).toBe(3);
  });

  it('a record type the profile does not have is an error; an unknown version is read with the nearest layout', async () => {
    const lines = [head(), sy0101('S1', 'GB', 'GBP', '1', '1.00'), re01('B1'), as0202('B1', 'A1'), su02('B1', 'S1', 'T1', 'A1', '1').replace('SU02', 'SU02.07'), 'LI01\tB1\tS1\tSOC\t\t\t1\t\t0.5\t0.5', foot(['7', '7', '1', '1', '1'])];
    const { problems } = await readDsrAll(`${lines.join('\n')}\n`);
    expect(problems.find((p) => p.recordType === 'SU02.07')).toMatchObject({ level: 'warning', code: 'record-type', column: 1 });
    expect(problems.find((p) => p.recordType === 'LI01')).toMatchObject({ level: 'error', code: 'record-type', message: 'record type LI01 is not part of the Basic Audio Profile' });
  });

  it('escapes and multi-values inside records', async () => {
    const lines = [head(), sy0101('S1', 'GB', 'GBP', '1', '1.00'), re01('B1'), as0202('B1', 'A1', { title: 'AC\\\\|DC\\\tLive', composers: 'Angus Young|Malcolm Young|Bon Scott' }), su02('B1', 'S1', 'T1', 'A1', '1'), foot(['6', '6', '1', '1', '1'])];
    const { problems, income, blocks } = await readDsrAll(`${lines.join('\n')}\n`);
    expect(errors(problems)).toEqual([]);
    expect(blocks[0]!.records[1]!.get('Title')).toBe('AC|DC\tLive');
    expect(income[0]!.recording!.title).toBe('AC|DC\tLive');
    expect(income[0]!.works[0]!.contributors).toEqual(['Angus Young', 'Malcolm Young', 'Bon Scott']);
    const bad = lines.map((l) => (l.startsWith('AS02.02') ? as0202('B1', 'A1', { title: 'AC|DC' }) : l));
    const second = await readDsrAll(`${bad.join('\n')}\n`);
    expect(only(second.problems, 'escape')[0]).toMatchObject({ level: 'error', line: 4, column: 6, cell: 'Title' });
  });
});

describe('UGC Profile', () => {
  it('reads the public UGC 1.0 test report: SY02.01, AS01, MW01.01, RU01, SU03.01, LI01.01', async () => {
    const { report, income, problems } = await readDsrAll([fixture(UGC_10)]);
    expect(report.profile).toEqual({ name: 'UGC Profile', version: '1.0', known: true });
    expect(report.lines).toBe(35);
    expect(report.summaryRecords).toBe(4);
    expect(report.blocks).toBe(3);
    expect(report.salesRecords).toBe(6);
    expect(only(problems, 'count')).toEqual([]);
    // Its four summary records share the id "1": three duplicates.
    expect(only(problems, 'duplicate').map((p) => [p.line, p.relatedLine])).toEqual([
      [11, 10],
      [12, 10],
      [13, 10],
    ]);
    // MW01.01 lines stop after their last filled cell: optional cells missing, warnings.
    expect(only(problems, 'missing-cells').every((p) => p.level === 'warning' && p.recordType === 'MW01.01')).toBe(true);
    const sale = income.find((l) => l.kind === 'sale')!;
    expect(sale).toMatchObject({ recordType: 'SU03.01', usages: '7810', revenueBasis: 'reported', territory: 'IS', currency: 'USD', useType: 'Stream', rightsController: 'PUB_2' });
    expect(sale.works[0]).toMatchObject({ title: 'SEXUAL HEALING', contributors: ['DAVID RITZ', 'M. GAYE', 'MARVIN GAYE', 'ODELL BROWN ODELL BROWN'] });
    const allocation = income.find((l) => l.kind === 'allocation')!;
    expect(allocation).toMatchObject({ recordType: 'LI01.01', rightsController: 'PUB_2', rightsType: 'PerformingRight' });
    expect(allocation.revenue!.toFixed(2)).toBe('125.23');
    // Test data: the usages allocated to PUB_2 (537927) are not what its sales records add up to.
    const rec = only(problems, 'reconciliation').filter((p) => p.level === 'error');
    expect(rec.map((p) => [p.line, p.cell, p.relatedLine])).toEqual([
      [10, 'AllocatedUsages', 33],
      [10, 'AllocatedNetRevenue', 33],
    ]);
  });

  it('reads the UGC 1.1 test report and finds its FOOT line count one too high', async () => {
    const { report, problems } = await readDsrAll([fixture(UGC_11)]);
    expect(report.profile?.version).toBe('1.1');
    expect(report.lines).toBe(34);
    expect(only(problems, 'count').map((p) => [p.cell, p.message])).toEqual([
      ['NumberOfLinesInFile', expect.stringContaining('says 35; the file has 34 lines')],
      ['NumberOfLinesInReport', expect.stringContaining('says 35; the report has 34 lines')],
    ]);
  });

  it('reads the reference library test file with non-ASCII titles and an escaped pipe', async () => {
    const { blocks, problems } = await readDsrAll([fixture(DSRF_UNICODE)]);
    const title = blocks[0]!.records.find((r) => r.type === 'AS02')!.get('Title');
    expect(title).toBe('Lët Më Gët | Thîś "Rîght');
    expect(only(problems, 'escape')).toEqual([]);
    expect(only(problems, 'encoding')).toEqual([]);
  });
});

describe('multi-file reports', () => {
  const file = (x: number, n: number, o: Parameters<typeof bapReport>[0] = {}) => bapReport({ fileNumber: x, numberOfFiles: n, ...o });

  it('reads the files of one report as one: report totals in the last FOOT, summary records in file 1 reconciled with sales in file 2', async () => {
    const first = file(1, 2, { blocks: [{ id: 'B1', sales: [{ summary: 'S1', streams: '10' }] }], foot: { linesInReport: null, blocksInReport: null } });
    const firstLines = first.trim().split('\n').length;
    const secondBody = [head({ fileNumber: 2, numberOfFiles: 2 }), re01('B2'), as0202('B2', 'A1'), su02('B2', 'S1', 'T9', 'A1', '20')];
    const second = `${[...secondBody, foot(['5', String(firstLines + 5), '1', '1', '2'])].join('\n')}\n`;
    const { report, problems, income } = await readDsrAll([
      { name: 'DSR_SOC_DSP_Premium_2025-Q1_GB_1of2_20250403T075930.tsv', source: chunked(first) },
      { name: 'DSR_SOC_DSP_Premium_2025-Q1_GB_2of2_20250403T075930.tsv', source: chunked(second) },
    ]);
    expect(errors(problems)).toEqual([]);
    expect(report.files.map((f) => [f.file, f.lines, f.blocks])).toEqual([
      [1, firstLines, 1],
      [2, 5, 1],
    ]);
    expect(report.reconciliation[0]).toMatchObject({ salesRecords: 2, usagesMatch: true, lastSalesLine: { file: 2, line: 4 } });
    expect(income.map((l) => [l.file, l.revenue!.toFixed(2)])).toEqual([
      [1, '33.33'],
      [2, '66.67'],
    ]);
  });

  it('a missing file, files out of order and HEAD ids that differ are errors', async () => {
    const a = file(1, 3, { foot: { linesInReport: null, blocksInReport: null } });
    const b = file(3, 3, { messageId: 'OTHER', blocks: [{ id: 'B2', sales: [{ summary: 'S1', streams: '30' }] }] });
    const { problems } = await readDsrAll([
      { name: 'DSR_SOC_DSP_Premium_2025-Q1_GB_1of3_20250403T075930.tsv', source: [Buffer.from(a)] },
      { name: 'DSR_SOC_DSP_Premium_2025-Q1_GB_3of3_20250403T075930.tsv', source: [Buffer.from(b)] },
    ]);
    const multi = only(problems, 'multi-file');
    expect(multi.map((p) => p.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('says file 3 of 3, but it is file 2'),
        expect.stringContaining('HEAD FileNumber is 3, but this is file 2'),
        expect.stringContaining('HEAD MessageId is "OTHER" here but "MSG-1" in file 1'),
        expect.stringContaining('has 3 files, but 2 were read; missing 3 of 3'),
      ]),
    );
    expect(multi.find((p) => p.cell === 'MessageId')).toMatchObject({ file: 2, line: 1, column: 5, relatedFile: 1, relatedLine: 1 });
  });

  it('the reference library two-part test report is read as one report', async () => {
    const events = [];
    for await (const e of readDsrReport([fixture(DSRF_PART(1)), fixture(DSRF_PART(2))])) events.push(e);
    const end = events.at(-1)!;
    expect(end.kind).toBe('end');
    if (end.kind !== 'end') return;
    expect(end.report.files.map((f) => f.name)).toEqual([DSRF_PART(1), DSRF_PART(2)]);
    expect(end.report.lines).toBe(14);
    expect(end.report.accepted).toBe(false); // its HEAD has 4 of 16 cells and FOOT claims 123 lines
  });
});

describe('gzip and encodings', () => {
  it('sniffs gzip by its magic bytes, whatever the name, and reads the same report', async () => {
    const text = bapReport();
    const plain = await readDsrAll(text);
    const zipped = await readDsrAll([{ name: 'report.bin', source: chunked(gzipSync(Buffer.from(text)), 5) }]);
    expect(zipped.report.files[0]!.gzip).toBe(true);
    expect(plain.report.files[0]!.gzip).toBe(false);
    expect(zipped.income.map((l) => l.revenue!.toFixed(2))).toEqual(plain.income.map((l) => l.revenue!.toFixed(2)));
    expect(zipped.report.lines).toBe(plain.report.lines);
  });

  it('reads the reference library gzip test file', async () => {
    const { report } = await readDsrAll([fixture('test_file_parser.tsv.gz')]);
    expect(report.files[0]!.gzip).toBe(true);
    expect(report.lines).toBe(7);
  });

  it('a gzip stream cut short is an error after the last line read', async () => {
    const zipped = gzipSync(Buffer.from(bapReport()));
    const { problems } = await readDsrAll([{ source: [zipped.subarray(0, zipped.length - 12)] }]);
    expect(only(problems, 'gzip')).toHaveLength(1);
    expect(only(problems, 'gzip')[0]!.message).toMatch(/broken or cut short/);
  });

  it('a line that is not UTF-8 is an error at its line and cell; the rest is read', async () => {
    const text = bapReport();
    const bytes = Buffer.from(text.replace('Album B1', 'Album XB1'), 'utf8');
    const at = bytes.indexOf('XB1');
    bytes[at] = 0xe9; // latin-1 é
    const { problems, report } = await readDsrAll([{ source: chunked(bytes, 11) }]);
    expect(only(problems, 'encoding')).toEqual([expect.objectContaining({ level: 'error', line: 4, column: 10, recordType: 'RE01' })]);
    expect(report.blocks).toBe(1);
  });

  it('UTF-16 is refused; a UTF-8 byte-order mark is skipped with a warning', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(bapReport(), 'utf16le')]);
    const r16 = await readDsrAll([{ source: [utf16] }]);
    expect(only(r16.problems, 'encoding')[0]).toMatchObject({ level: 'error', message: expect.stringContaining('UTF-16') });
    const bom = await readDsrAll([{ source: chunked(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(bapReport())]), 2) }]);
    expect(only(bom.problems, 'encoding')).toEqual([expect.objectContaining({ level: 'warning' })]);
    expect(errors(bom.problems)).toEqual([]);
  });

  it('LF and CRLF files read alike, across chunk boundaries', async () => {
    const lf = bapReport();
    const a = await readDsrAll([{ source: chunked(lf, 3) }]);
    const b = await readDsrAll([{ source: chunked(lf.replace(/\n/g, '\r\n'), 4) }]);
    expect(b.report.lines).toBe(a.report.lines);
    expect(errors(b.problems)).toEqual([]);
    expect(b.blocks[0]!.records.map((r) => r.cells)).toEqual(a.blocks[0]!.records.map((r) => r.cells));
  });

  it('streams: blocks are yielded as they end, before the file is read to its end', async () => {
    const text = readFileSync(`${FIXTURES}/${BAP_SAMPLE}`);
    let fed = 0;
    async function* slow() {
      for (const c of chunked(text, 64)) {
        fed += c.length;
        yield c;
      }
    }
    for await (const e of readDsrReport([{ source: slow() }])) {
      if (e.kind === 'block') {
        expect(fed).toBeLessThan(text.length);
        break;
      }
    }
  });
});
